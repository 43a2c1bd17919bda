package atlas9.ci.spoofable_bot_check_test

import data.atlas9.ci.spoofable_bot_check
import data.atlas9.test.ci
import rego.v1

test_actor_comparisons_with_bots_are_reported if {
	doc := {"jobs": {"m": {
		"if": "github.actor == 'dependabot[bot]'",
		"steps": [{"if": "${{ 'renovate[bot]' == github.triggering_actor }}", "run": "x"}],
	}}}
	{f.path | some f in spoofable_bot_check.deny} == {["jobs", "m", "if"], ["jobs", "m", "steps", 0, "if"]} with input as ci.document(doc)
}

test_other_identity_checks_are_silent if {
	doc := {"jobs": {"m": {
		"if": "github.event.pull_request.user.login == 'dependabot[bot]'",
		"steps": [{"if": "github.actor == 'octocat'", "run": "x"}],
	}}}
	count(spoofable_bot_check.deny) == 0 with input as ci.document(doc)
}
