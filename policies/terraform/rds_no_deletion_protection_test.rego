package atlas9.terraform.rds_no_deletion_protection_test

import data.atlas9.terraform.rds_no_deletion_protection
import data.atlas9.test.terraform as tf
import rego.v1

test_unprotected_databases_are_reported if {
	findings := rds_no_deletion_protection.deny with input as tf.one("aws_rds_cluster", {})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_rds_cluster.x", "config", "deletion_protection"]
	count(rds_no_deletion_protection.deny) == 1 with input as tf.one("aws_db_instance", {"deletion_protection": false})
}

test_protected_replicas_and_unknowns_are_silent if {
	count(rds_no_deletion_protection.deny) == 0 with input as tf.one("aws_db_instance", {"deletion_protection": true})
	count(rds_no_deletion_protection.deny) == 0 with input as tf.one("aws_db_instance", {"replicate_source_db": "main"})
	count(rds_no_deletion_protection.deny) == 0 with input as tf.one("aws_db_instance", {"deletion_protection": tf.unknown("var.protect")})
}
