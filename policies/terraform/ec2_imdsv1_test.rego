package atlas9.terraform.ec2_imdsv1_test

import data.atlas9.terraform.ec2_imdsv1
import data.atlas9.test.terraform as tf
import rego.v1

test_instances_allowing_imdsv1_are_reported if {
	findings := ec2_imdsv1.deny with input as tf.one("aws_instance", {"ami": "ami-1"})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_instance.x", "config", "metadata_options", 0, "http_tokens"]
	count(ec2_imdsv1.deny) == 1 with input as tf.one("aws_launch_template", {"metadata_options": [{"http_tokens": "optional"}]})
	count(ec2_imdsv1.deny) == 1 with input as tf.one("aws_launch_configuration", {"metadata_options": [{"http_endpoint": "enabled"}]})
}

test_required_tokens_disabled_endpoints_and_unknowns_are_silent if {
	count(ec2_imdsv1.deny) == 0 with input as tf.one("aws_instance", {"metadata_options": [{"http_tokens": "required"}]})
	count(ec2_imdsv1.deny) == 0 with input as tf.one("aws_instance", {"metadata_options": [{"http_endpoint": "disabled"}]})
	count(ec2_imdsv1.deny) == 0 with input as tf.one("aws_instance", {"metadata_options": [{"http_tokens": tf.unknown("var.tokens")}]})
}
