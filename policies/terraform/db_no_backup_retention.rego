# METADATA
# title: A database keeps no backups
# description: |
#   ## What it does
#   Reports an `aws_db_instance` with `backup_retention_period = 0` (which turns automated
#   backups off) and a Cloud SQL instance whose `backup_configuration` is missing or disabled.
#   Read replicas are not reported.
#
#   ## Why is this bad?
#   Without automated backups there is no point-in-time recovery: a bad migration, a deleted
#   table or a corrupted volume is restored from whatever manual snapshot happens to exist, if
#   any.
#
#   ## Example
#   ```hcl
#   resource "aws_db_instance" "main" {
#     backup_retention_period = 0
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_db_instance" "main" {
#     backup_retention_period = 7
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: how many days to keep is a decision about recovery needs and cost.
package atlas9.terraform.db_no_backup_retention

import data.atlas9.terraform.lib
import rego.v1

deny contains finding if {
	some r in input.by_type.aws_db_instance
	r.config.backup_retention_period == 0
	not r.config.replicate_source_db
	finding := {
		"message": "a retention of 0 days turns automated backups and point-in-time recovery off; keep at least 7 days",
		"path": ["resources", r.address, "config", "backup_retention_period"],
	}
}

deny contains finding if {
	some r in input.by_type.google_sql_database_instance
	not r.config.master_instance_name
	some settings in r.config.settings
	not backups_maybe_on(settings)
	finding := {
		"message": "the instance keeps no automated backups; add `backup_configuration { enabled = true }` to its settings",
		"path": ["resources", r.address, "config", "settings", 0, "backup_configuration", 0, "enabled"],
	}
}

backups_maybe_on(settings) if settings.backup_configuration[0].enabled == true

backups_maybe_on(settings) if lib.unknown(settings.backup_configuration[0].enabled)
