# METADATA
# title: A module call is not pinned to a version
# description: |
#   ## What it does
#   Reports a `module` whose source can change under it: a git source without `?ref=`, or
#   with a ref that names a branch (`main`, `master`, `develop`…) rather than a tag or a commit,
#   and a registry module without a `version`, or with a version that has no upper bound
#   (`>= 1.0`). Local paths are part of the repository and are not reported.
#
#   ## Why is this bad?
#   An unpinned module runs whatever its author pushed last: a breaking change, or a
#   compromised repository, reaches the next `terraform apply` without a review. Pinning makes
#   upgrades a diff someone reads.
#
#   ## Example
#   ```hcl
#   module "vpc" {
#     source = "git::https://github.com/acme/terraform-vpc.git?ref=main"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   module "vpc" {
#     source = "git::https://github.com/acme/terraform-vpc.git?ref=v3.2.0"
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: the tag or commit to pin needs the network, and atlas9 does not guess it.
package atlas9.terraform.module_unpinned

import data.atlas9.terraform.lib
import rego.v1

branches := {"main", "master", "develop", "dev", "trunk", "head", "latest", "default"}

# The prefixes of a git source.
git := ["git::", "git@", "github.com/", "bitbucket.org/"]

# `namespace/name/provider`, optionally behind a registry host.
registry(source) if {
	not strings.any_prefix_match(source, git)
	not contains(source, "::")
	not contains(source, "?")
	not strings.any_prefix_match(source, [".", "/"])
	count(split(source, "/")) in {3, 4}
}

ref(source) := value if {
	[_, query] := split(source, "?")
	some pair in split(query, "&")
	[name, value] := split(pair, "=")
	name == "ref"
}

# Module calls by name, with a git source (its text) or a registry source (the call).
git_sources[name] := source if {
	some name, call in input.modules
	source := call.source
	is_string(source)
	strings.any_prefix_match(source, git)
}

registry_calls[name] := call if {
	some name, call in input.modules
	is_string(call.source)
	registry(call.source)
}

deny contains finding if {
	some name, source in git_sources
	not ref(source)
	finding := {
		"message": concat("", ["module `", name, "` follows its repository's default branch; add `?ref=` with a tag or commit"]),
		"path": ["modules", name, "source"],
	}
}

deny contains finding if {
	some name, source in git_sources
	branch := ref(source)
	lower(branch) in branches
	finding := {
		"message": concat("", ["module `", name, "` follows the branch `", branch, "`, which moves; pin a tag or commit"]),
		"path": ["modules", name, "source"],
	}
}

deny contains finding if {
	some name, call in registry_calls
	not call.version
	finding := {
		"message": concat("", ["registry module `", name, "` has no `version`, so every init may fetch a new release; pin one"]),
		"path": ["modules", name, "version"],
	}
}

deny contains finding if {
	some name, call in registry_calls
	is_string(call.version)
	lib.unbounded(call.version)
	finding := {
		"message": sprintf("version `%s` of module `%s` has no upper bound; pin a version or use `~>`", [call.version, name]),
		"path": ["modules", name, "version"],
	}
}
