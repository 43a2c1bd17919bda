package atlas9.terraform.db_no_backup_retention_test

import data.atlas9.terraform.db_no_backup_retention
import data.atlas9.test.terraform as tf
import rego.v1

test_zero_retention_and_cloud_sql_without_backups_are_reported if {
	findings := db_no_backup_retention.deny with input as tf.one("aws_db_instance", {"backup_retention_period": 0})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_db_instance.x", "config", "backup_retention_period"]
	sql := tf.one("google_sql_database_instance", {"settings": [{"tier": "db-f1-micro"}]})
	count(db_no_backup_retention.deny) == 1 with input as sql
	off := tf.one("google_sql_database_instance", {"settings": [{"backup_configuration": [{"enabled": false}]}]})
	count(db_no_backup_retention.deny) == 1 with input as off
}

test_retention_replicas_and_unknowns_are_silent if {
	count(db_no_backup_retention.deny) == 0 with input as tf.one("aws_db_instance", {"backup_retention_period": 7})
	count(db_no_backup_retention.deny) == 0 with input as tf.one("aws_db_instance", {})
	count(db_no_backup_retention.deny) == 0 with input as tf.one("aws_db_instance", {"backup_retention_period": 0, "replicate_source_db": "main"})
	on := tf.one("google_sql_database_instance", {"settings": [{"backup_configuration": [{"enabled": true}]}]})
	count(db_no_backup_retention.deny) == 0 with input as on
	computed := tf.one("google_sql_database_instance", {"settings": [{"backup_configuration": [{"enabled": tf.unknown("var.backups")}]}]})
	count(db_no_backup_retention.deny) == 0 with input as computed
	replica := tf.one("google_sql_database_instance", {"master_instance_name": "main", "settings": [{}]})
	count(db_no_backup_retention.deny) == 0 with input as replica
}
