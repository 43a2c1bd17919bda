package atlas9.terraform.cloudtrail_disabled_test

import data.atlas9.terraform.cloudtrail_disabled
import data.atlas9.test.terraform as tf
import rego.v1

test_a_trail_switched_off_is_reported if {
	findings := cloudtrail_disabled.deny with input as tf.one("aws_cloudtrail", {"enable_logging": false})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_cloudtrail.x", "config", "enable_logging"]
	no_management := tf.one("aws_cloudtrail", {"event_selector": [{"include_management_events": false}]})
	findings2 := cloudtrail_disabled.deny with input as no_management
	[g] := [x | some x in findings2]
	g.path == ["resources", "aws_cloudtrail.x", "config", "event_selector", 0, "include_management_events"]
}

test_logging_trails_and_unknowns_are_silent if {
	count(cloudtrail_disabled.deny) == 0 with input as tf.one("aws_cloudtrail", {"name": "main"})
	count(cloudtrail_disabled.deny) == 0 with input as tf.one("aws_cloudtrail", {"enable_logging": true})
	count(cloudtrail_disabled.deny) == 0 with input as tf.one("aws_cloudtrail", {"enable_logging": tf.unknown("var.on")})
	count(cloudtrail_disabled.deny) == 0 with input as tf.one("aws_cloudtrail", {"event_selector": [{"read_write_type": "All"}]})
}
