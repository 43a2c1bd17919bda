package atlas9.terraform.s3_no_encryption_test

import data.atlas9.terraform.s3_no_encryption
import data.atlas9.test.terraform as tf
import rego.v1

bucket := tf.resource("aws_s3_bucket", "logs", {"bucket": "acme-logs"})

encryption(config) := tf.resource("aws_s3_bucket_server_side_encryption_configuration", "logs", config)

test_a_bucket_without_encryption_is_reported_at_its_header if {
	findings := s3_no_encryption.deny with input as tf.module([bucket], {})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_s3_bucket.logs"]
}

test_encryption_inline_or_in_a_separate_resource_is_silent if {
	inline := tf.resource("aws_s3_bucket", "logs", {"server_side_encryption_configuration": [{}]})
	count(s3_no_encryption.deny) == 0 with input as tf.module([inline], {})
	by_reference := encryption({"bucket": tf.unknown("aws_s3_bucket.logs.id")})
	count(s3_no_encryption.deny) == 0 with input as tf.module([bucket, by_reference], {})
	by_name := encryption({"bucket": "acme-logs"})
	count(s3_no_encryption.deny) == 0 with input as tf.module([bucket, by_name], {})
	# One encryption resource per bucket, through `for_each`.
	per_bucket := encryption({"for_each": tf.unknown("aws_s3_bucket.logs"), "bucket": tf.unknown("each.value.id")})
	count(s3_no_encryption.deny) == 0 with input as tf.module([bucket, per_bucket], {})
}

test_encryption_of_another_bucket_does_not_count if {
	other := encryption({"bucket": tf.unknown("aws_s3_bucket.logs_archive.id")})
	count(s3_no_encryption.deny) == 1 with input as tf.module([bucket, other], {})
}
