package atlas9.terraform.s3_public_access_test

import data.atlas9.terraform.s3_public_access
import data.atlas9.test.terraform as tf
import rego.v1

test_public_acls_are_reported_at_the_acl if {
	findings := s3_public_access.deny with input as tf.one("aws_s3_bucket_acl", {"acl": "public-read"})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_s3_bucket_acl.x", "config", "acl"]
	count(s3_public_access.deny) == 1 with input as tf.one("aws_s3_bucket", {"acl": "public-read-write"})
}

test_a_policy_granting_reads_to_everyone_is_reported if {
	statement := {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject"], "Resource": "*"}
	doc := tf.one("aws_s3_bucket_policy", {"policy": {"Statement": [statement]}})
	count(s3_public_access.deny) == 1 with input as doc
	guarded := object.union(statement, {"Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}})
	count(s3_public_access.deny) == 0 with input as tf.one("aws_s3_bucket_policy", {"policy": {"Statement": guarded}})
	named := object.union(statement, {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}})
	count(s3_public_access.deny) == 0 with input as tf.one("aws_s3_bucket_policy", {"policy": {"Statement": named}})
}

test_gcs_and_azure_public_access_is_reported if {
	count(s3_public_access.deny) == 1 with input as tf.one("google_storage_bucket_iam_member", {"member": "allUsers"})
	count(s3_public_access.deny) == 1 with input as tf.one("google_storage_bucket_iam_binding", {"members": ["user:a@example.com", "allAuthenticatedUsers"]})
	count(s3_public_access.deny) == 1 with input as tf.one("azurerm_storage_container", {"container_access_type": "blob"})
	count(s3_public_access.deny) == 1 with input as tf.one("azurerm_storage_account", {"allow_nested_items_to_be_public": true})
}

test_private_and_unknown_access_is_silent if {
	count(s3_public_access.deny) == 0 with input as tf.one("aws_s3_bucket_acl", {"acl": "private"})
	count(s3_public_access.deny) == 0 with input as tf.one("aws_s3_bucket_acl", {"acl": tf.unknown("var.acl")})
	count(s3_public_access.deny) == 0 with input as tf.one("google_storage_bucket_iam_member", {"member": "group:ops@example.com"})
	count(s3_public_access.deny) == 0 with input as tf.one("azurerm_storage_container", {"container_access_type": "private"})
}
