# METADATA
# title: An S3 bucket keeps no versions
# description: |
#   ## What it does
#   Reports an `aws_s3_bucket` without versioning: no inline `versioning { enabled = true }`
#   and no `aws_s3_bucket_versioning` with status `Enabled` for it in the module (one created
#   per bucket with `for_each` counts), and a versioning resource that suspends it.
#
#   ## Why is this bad?
#   Without versions an overwrite or a delete, by mistake, by a bug or by ransomware, is
#   final. Versioning, with a lifecycle rule expiring old versions, is the cheap undo.
#
#   ## Example
#   ```hcl
#   resource "aws_s3_bucket" "state" {
#     bucket = "acme-state"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_s3_bucket_versioning" "state" {
#     bucket = aws_s3_bucket.state.id
#     versioning_configuration {
#       status = "Enabled"
#     }
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: versioning has a storage cost that wants a lifecycle rule chosen with it.
# custom:
#   severity: warning
package atlas9.terraform.s3_no_versioning

import data.atlas9.terraform.lib
import rego.v1

deny contains finding if {
	some bucket in input.by_type.aws_s3_bucket
	# Neither enabled inline nor set by a value known only at plan time.
	not bucket.config.versioning[0].enabled == true
	not lib.unknown(bucket.config.versioning[0].enabled)
	# A versioning resource for the bucket either enables it or is reported at its status.
	not input.bucket_resources[bucket.address].aws_s3_bucket_versioning
	finding := {
		"message": sprintf("bucket `%s` keeps no versions, so an overwrite or delete is final; add an `aws_s3_bucket_versioning` with status `Enabled`", [bucket.address]),
		"path": ["resources", bucket.address],
	}
}

deny contains finding if {
	some r in input.by_type.aws_s3_bucket_versioning
	status := r.config.versioning_configuration[0].status
	status in {"Suspended", "Disabled"}
	finding := {
		"message": sprintf("versioning status `%s` leaves overwrites and deletes final; set it to `Enabled`", [status]),
		"path": ["resources", r.address, "config", "versioning_configuration", 0, "status"],
	}
}
