# METADATA
# title: An S3 bucket has no encryption configuration
# description: |
#   ## What it does
#   Reports an `aws_s3_bucket` with neither an inline `server_side_encryption_configuration`
#   nor a separate `aws_s3_bucket_server_side_encryption_configuration` for it anywhere in the
#   module, including one created per bucket with `for_each`.
#
#   ## Why is this bad?
#   Since 2023 S3 encrypts new objects with its own keys, but that protects only against stolen
#   disks. Declaring the encryption, ideally with a KMS key, puts reads under a key policy and
#   an audit trail, and makes the intent reviewable in code rather than a default.
#
#   ## Example
#   ```hcl
#   resource "aws_s3_bucket" "exports" {
#     bucket = "acme-exports"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {
#     bucket = aws_s3_bucket.exports.id
#     rule {
#       apply_server_side_encryption_by_default {
#         sse_algorithm = "aws:kms"
#       }
#     }
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: the key to encrypt with (S3-managed or a KMS key, and which one) is a
#   decision about who may read the data.
# custom:
#   severity: warning
package atlas9.terraform.s3_no_encryption

import rego.v1

deny contains finding if {
	some bucket in input.by_type.aws_s3_bucket
	not bucket.config.server_side_encryption_configuration
	not input.bucket_resources[bucket.address].aws_s3_bucket_server_side_encryption_configuration
	finding := {
		"message": sprintf("bucket `%s` declares no encryption; add an `aws_s3_bucket_server_side_encryption_configuration` for it (with a KMS key for data that matters)", [bucket.address]),
		"path": ["resources", bucket.address],
	}
}
