# METADATA
# title: A provider's version is not constrained
# description: |
#   ## What it does
#   Reports a provider without a version constraint: a `required_providers` entry with no
#   `version`, a `provider` block for a provider `required_providers` does not list, and, in a
#   root module, a constraint with no upper bound (`>= 4.0`).
#
#   ## Why is this bad?
#   `terraform init` then installs the newest release, and a new major version can change or
#   remove resources' behaviour between two runs of the same code. The lock file helps only
#   where it is committed and used; the constraint is what reviewers see.
#
#   ## Example
#   ```hcl
#   terraform {
#     required_providers {
#       aws = { source = "hashicorp/aws" }
#     }
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   terraform {
#     required_providers {
#       aws = { source = "hashicorp/aws", version = "~> 5.0" }
#     }
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: the right constraint depends on the provider version the code was
#   written for.
package atlas9.terraform.provider_unpinned

import rego.v1

deny contains finding if {
	some name, entry in input.provider_versions
	entry.version == null
	finding := {
		"message": concat("", ["provider `", name, "` has no version constraint, so `terraform init` takes the newest release; add one such as `~> 5.0`"]),
		"path": ["terraform", "required_providers", name],
	}
}

deny contains finding if {
	some i, provider in input.providers
	required := input.terraform.required_providers
	is_object(required)
	not required[provider._name]
	finding := {
		"message": concat("", ["provider `", provider._name, "` is not in `required_providers`, so its version is not constrained; add it there with a `version`"]),
		"path": ["providers", i],
	}
}

deny contains finding if {
	input.root
	some name, entry in input.provider_versions
	entry.upper_bound == false
	finding := {
		"message": concat("", ["provider `", name, "` allows any future major version (`", entry.version, "`); add an upper bound such as `~>`"]),
		"path": ["terraform", "required_providers", name],
	}
}
