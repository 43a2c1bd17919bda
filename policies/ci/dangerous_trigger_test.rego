package atlas9.ci.dangerous_trigger_test

import data.atlas9.ci.dangerous_trigger
import rego.v1

test_a_privileged_trigger_with_pull_request_code_is_reported_at_the_trigger if {
	doc := {"triggers": ["pull_request_target", "push"], "jobs": {"t": {"checks_out_pr_code": true}, "u": {"checks_out_pr_code": false}}}
	findings := dangerous_trigger.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["on", "pull_request_target"]
	contains(f.message, "job `t`")
}

test_a_privileged_trigger_that_never_checks_out_is_silent if {
	doc := {"triggers": ["pull_request_target"], "jobs": {"label": {"checks_out_pr_code": false}}}
	count(dangerous_trigger.deny) == 0 with input as doc
}

test_pull_request_is_not_privileged if {
	doc := {"triggers": ["pull_request"], "jobs": {"t": {"checks_out_pr_code": true}}}
	count(dangerous_trigger.deny) == 0 with input as doc
}
