package atlas9.ci.self_hosted_runner_on_pr_test

import data.atlas9.ci.self_hosted_runner_on_pr
import rego.v1

test_self_hosted_jobs_of_pull_request_workflows_are_reported if {
	doc := {"triggers": ["push", "pull_request"], "jobs": {"t": {"self_hosted": true}, "u": {"self_hosted": false}}}
	{f.path | some f in self_hosted_runner_on_pr.deny} == {["jobs", "t", "runs-on"]} with input as doc
}

test_self_hosted_on_push_only_is_silent if {
	doc := {"triggers": ["push"], "jobs": {"t": {"self_hosted": true}}}
	count(self_hosted_runner_on_pr.deny) == 0 with input as doc
}
