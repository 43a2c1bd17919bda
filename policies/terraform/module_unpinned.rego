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

deny contains finding if {
	some name, source in input.module_sources
	source.type == "git"
	source.ref == null
	finding := {
		"message": concat("", ["module `", name, "` follows its repository's default branch; add `?ref=` with a tag or commit"]),
		"path": ["modules", name, "source"],
	}
}

deny contains finding if {
	some name, source in input.module_sources
	source.type == "git"
	lower(source.ref) in {"main", "master", "develop", "dev", "trunk", "head", "latest", "default"}
	finding := {
		"message": concat("", ["module `", name, "` follows the branch `", source.ref, "`, which moves; pin a tag or commit"]),
		"path": ["modules", name, "source"],
	}
}

deny contains finding if {
	some name, source in input.module_sources
	source.type == "registry"
	not input.modules[name].version
	finding := {
		"message": concat("", ["registry module `", name, "` has no `version`, so every init may fetch a new release; pin one"]),
		"path": ["modules", name, "version"],
	}
}

deny contains finding if {
	some name, source in input.module_sources
	source.type == "registry"
	version := input.modules[name].version
	is_string(version)
	lib.unbounded(version)
	finding := {
		"message": sprintf("version `%s` of module `%s` has no upper bound; pin a version or use `~>`", [version, name]),
		"path": ["modules", name, "version"],
	}
}
