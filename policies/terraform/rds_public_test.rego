package atlas9.terraform.rds_public_test

import data.atlas9.terraform.rds_public
import data.atlas9.test.terraform as tf
import rego.v1

test_a_public_database_is_reported if {
	findings := rds_public.deny with input as tf.one("aws_db_instance", {"publicly_accessible": true})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_db_instance.x", "config", "publicly_accessible"]
	count(rds_public.deny) == 1 with input as tf.one("aws_rds_cluster_instance", {"publicly_accessible": true})
}

test_private_or_unknown_databases_are_silent if {
	count(rds_public.deny) == 0 with input as tf.one("aws_db_instance", {"publicly_accessible": false})
	count(rds_public.deny) == 0 with input as tf.one("aws_db_instance", {})
	count(rds_public.deny) == 0 with input as tf.one("aws_db_instance", {"publicly_accessible": tf.unknown("var.public")})
}
