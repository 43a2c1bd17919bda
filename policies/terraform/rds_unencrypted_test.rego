package atlas9.terraform.rds_unencrypted_test

import data.atlas9.terraform.rds_unencrypted
import data.atlas9.test.terraform as tf
import rego.v1

test_missing_or_false_encryption_is_reported if {
	findings := rds_unencrypted.deny with input as tf.one("aws_db_instance", {"engine": "postgres"})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_db_instance.x", "config", "storage_encrypted"]
	count(rds_unencrypted.deny) == 1 with input as tf.one("aws_rds_cluster", {"storage_encrypted": false})
}

test_encrypted_replicas_restores_and_unknowns_are_silent if {
	count(rds_unencrypted.deny) == 0 with input as tf.one("aws_db_instance", {"storage_encrypted": true})
	count(rds_unencrypted.deny) == 0 with input as tf.one("aws_db_instance", {"replicate_source_db": tf.unknown("aws_db_instance.main.identifier")})
	count(rds_unencrypted.deny) == 0 with input as tf.one("aws_db_instance", {"snapshot_identifier": "snap-1"})
	count(rds_unencrypted.deny) == 0 with input as tf.one("aws_db_instance", {"storage_encrypted": tf.unknown("var.encrypted")})
}
