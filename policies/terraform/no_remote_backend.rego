# METADATA
# title: A root module keeps its state on local disk
# description: |
#   ## What it does
#   Reports a root module (one that is not called by another module of the repository and not
#   under a `modules/` directory) that manages resources with no `backend`, or with the `local`
#   backend. HCP Terraform's `cloud` block counts as remote.
#
#   ## Why is this bad?
#   Local state lives on one laptop or CI runner: it is lost with it, cannot be locked, so two
#   applies can corrupt it, and it holds every secret the resources have in plain text. A remote
#   backend with locking and encryption fixes all three.
#
#   ## Example
#   ```hcl
#   terraform {
#     required_version = ">= 1.6"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   terraform {
#     backend "s3" {
#       bucket       = "acme-terraform-state"
#       key          = "prod/network.tfstate"
#       use_lockfile = true
#       encrypt      = true
#     }
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: the backend, its bucket and its locking are choices about the account.
# custom:
#   severity: warning
package atlas9.terraform.no_remote_backend

import rego.v1

manages if count(input.resources) > 0

manages if count(input.modules) > 0

deny contains finding if {
	input.root
	manages
	input.terraform.backend == null
	finding := {
		"message": "this root module keeps its state on local disk, unlocked and unencrypted; configure a remote backend with locking",
		"path": ["terraform", "backend"],
	}
}

deny contains finding if {
	input.root
	manages
	input.terraform.backend.type == "local"
	finding := {
		"message": "the `local` backend keeps the state on one disk, unlocked and unencrypted; use a remote backend with locking",
		"path": ["terraform", "backend"],
	}
}
