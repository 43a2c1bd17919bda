package atlas9.ci.missing_timeout_test

import data.atlas9.ci.missing_timeout
import rego.v1

test_a_job_without_a_timeout_is_reported_at_the_missing_key if {
	doc := {"jobs": {"t": {"runs-on": "ubuntu-latest"}, "u": {"runs-on": "x", "timeout-minutes": 10}}}
	{f.path | some f in missing_timeout.deny} == {["jobs", "t", "timeout-minutes"]} with input as doc
}

test_reusable_workflow_callers_are_exempt if {
	count(missing_timeout.deny) == 0 with input as {"jobs": {"d": {"uses": "./.github/workflows/d.yml"}}}
}

test_a_timeout_key_of_any_value_exempts_the_job if {
	doc := {"jobs": {"f": {"runs-on": "x", "timeout-minutes": false}, "n": {"runs-on": "x", "timeout-minutes": null}}}
	count(missing_timeout.deny) == 0 with input as doc
}
