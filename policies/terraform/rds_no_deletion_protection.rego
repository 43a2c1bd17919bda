# METADATA
# title: A database can be deleted by one apply
# description: |
#   ## What it does
#   Reports an `aws_db_instance` or `aws_rds_cluster` whose `deletion_protection` is missing or
#   `false`. Read replicas are not reported.
#
#   ## Why is this bad?
#   A renamed resource, a changed attribute that forces replacement, or a `terraform destroy`
#   in the wrong workspace deletes the database; the plan shows it in one line among hundreds.
#   With deletion protection AWS refuses, and someone has to turn it off on purpose first.
#
#   ## Example
#   ```hcl
#   resource "aws_rds_cluster" "main" {
#     engine = "aurora-postgresql"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_rds_cluster" "main" {
#     engine              = "aurora-postgresql"
#     deletion_protection = true
#   }
#   ```
#
#   ## Fix safety
#   The fix sets `deletion_protection = true`. It is unsafe: environments that are meant to be
#   torn down (previews, tests) then need it turned off before `destroy`.
# custom:
#   severity: warning
package atlas9.terraform.rds_no_deletion_protection

import rego.v1

deny contains finding if {
	some type in ["aws_db_instance", "aws_rds_cluster"]
	some r in input.by_type[type]
	object.get(r.config, "deletion_protection", null) in {null, false}
	not r.config.replicate_source_db
	finding := {
		"message": "one `terraform apply` or `destroy` can delete this database; set `deletion_protection = true`",
		"path": ["resources", r.address, "config", "deletion_protection"],
	}
}
