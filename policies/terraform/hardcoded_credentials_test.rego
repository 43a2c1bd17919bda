package atlas9.terraform.hardcoded_credentials_test

import data.atlas9.terraform.hardcoded_credentials
import data.atlas9.test.terraform as tf
import rego.v1

test_literal_provider_keys_are_reported if {
	doc := tf.module([], {"providers": [{"_name": "aws", "region": "eu-west-1", "secret_key": "not-a-real-key"}]})
	findings := hardcoded_credentials.deny with input as doc
	[f] := [x | some x in findings]
	f.path == ["providers", 0, "secret_key"]
	not contains(f.message, "not-a-real-key")
}

test_literal_database_passwords_are_reported if {
	findings := hardcoded_credentials.deny with input as tf.one("aws_db_instance", {"password": "example-password"})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_db_instance.x", "config", "password"]
	count(hardcoded_credentials.deny) == 1 with input as tf.one("azurerm_postgresql_flexible_server", {"administrator_login_password": "example-password"})
}

test_references_and_empty_values_are_silent if {
	count(hardcoded_credentials.deny) == 0 with input as tf.one("aws_db_instance", {"password": tf.unknown("random_password.db.result")})
	count(hardcoded_credentials.deny) == 0 with input as tf.one("aws_db_instance", {"password": ""})
	count(hardcoded_credentials.deny) == 0 with input as tf.one("aws_s3_bucket", {"password": "not a database"})
	doc := tf.module([], {"providers": [{"_name": "aws", "region": "eu-west-1", "profile": "prod"}]})
	count(hardcoded_credentials.deny) == 0 with input as doc
}
