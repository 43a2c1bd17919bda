# METADATA
# title: A database's storage is not encrypted
# description: |
#   ## What it does
#   Reports an `aws_db_instance` or `aws_rds_cluster` whose `storage_encrypted` is missing or
#   `false`. Read replicas and databases restored from a snapshot inherit their source's
#   encryption and are not reported.
#
#   ## Why is this bad?
#   Unencrypted storage puts the data, and every snapshot and backup of it, outside the
#   control of a KMS key: a snapshot shared by mistake is readable by whoever gets it.
#   Encryption cannot be turned on later without a new instance, so it belongs in the first
#   version.
#
#   ## Example
#   ```hcl
#   resource "aws_db_instance" "main" {
#     engine = "postgres"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_db_instance" "main" {
#     engine            = "postgres"
#     storage_encrypted = true
#   }
#   ```
#
#   ## Fix safety
#   The fix sets `storage_encrypted = true`. It is unsafe: on an existing database Terraform
#   replaces the instance, which needs a snapshot-and-restore migration.
package atlas9.terraform.rds_unencrypted

import rego.v1

deny contains finding if {
	some type in ["aws_db_instance", "aws_rds_cluster"]
	some r in input.by_type[type]
	object.get(r.config, "storage_encrypted", null) in {null, false}
	not r.config.replicate_source_db
	not r.config.snapshot_identifier
	finding := {
		"message": "the database's storage, snapshots and backups are not encrypted; set `storage_encrypted = true` (with `kms_key_id` for a key you control)",
		"path": ["resources", r.address, "config", "storage_encrypted"],
	}
}
