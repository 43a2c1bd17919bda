package atlas9.terraform.s3_no_versioning_test

import data.atlas9.terraform.s3_no_versioning
import data.atlas9.test.terraform as tf
import rego.v1

bucket := tf.resource("aws_s3_bucket", "state", {"bucket": "acme-state"})

versioning(status) := tf.resource("aws_s3_bucket_versioning", "state", {
	"bucket": tf.unknown("aws_s3_bucket.state.id"),
	"versioning_configuration": [{"status": status}],
})

test_a_bucket_without_versions_is_reported if {
	findings := s3_no_versioning.deny with input as tf.module([bucket], {})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_s3_bucket.state"]
}

test_suspended_versioning_is_reported_at_the_status if {
	findings := s3_no_versioning.deny with input as tf.module([bucket, versioning("Suspended")], {})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_s3_bucket_versioning.state", "config", "versioning_configuration", 0, "status"]
}

test_enabled_or_unknown_versioning_is_silent if {
	count(s3_no_versioning.deny) == 0 with input as tf.module([bucket, versioning("Enabled")], {})
	inline := tf.resource("aws_s3_bucket", "state", {"versioning": [{"enabled": true}]})
	count(s3_no_versioning.deny) == 0 with input as tf.module([inline], {})
	computed := tf.resource("aws_s3_bucket", "state", {"versioning": [{"enabled": tf.unknown("var.keep")}]})
	count(s3_no_versioning.deny) == 0 with input as tf.module([computed], {})
}
