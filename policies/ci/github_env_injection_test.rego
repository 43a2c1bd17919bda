package atlas9.ci.github_env_injection_test

import data.atlas9.ci.github_env_injection
import data.atlas9.test.ci
import rego.v1

title := {"text": "github.event.pull_request.title", "contexts": ["github.event.pull_request.title"], "untrusted": ["github.event.pull_request.title"], "in": "run"}

test_untrusted_text_through_env_is_reported if {
	doc := {
		"privileged_trigger": true,
		"jobs": {"l": {"steps": [{"run": "echo \"T=$T\" >> \"$GITHUB_ENV\"", "env": {"T": "${{ github.event.pull_request.title }}"}, "expressions": []}]}},
		"all_expressions": [object.union(title, {"path": ["jobs", "l", "steps", 0, "env", "T"]})],
	}
	findings := github_env_injection.deny with input as ci.document(doc)
	count(findings) == 1
	some f in findings
	f.match == "echo \"T=$T\" >> \"$GITHUB_ENV\""
}

test_untrusted_text_in_the_script_is_reported if {
	doc := {"privileged_trigger": true, "all_expressions": [], "jobs": {"l": {"steps": [{"run": "echo x >> $GITHUB_PATH", "expressions": [title]}]}}}
	count(github_env_injection.deny) == 1 with input as ci.document(doc)
}

test_trusted_values_or_unprivileged_triggers_are_silent if {
	trusted := {"privileged_trigger": true, "all_expressions": [], "jobs": {"l": {"steps": [{"run": "echo x >> $GITHUB_ENV", "expressions": []}]}}}
	count(github_env_injection.deny) == 0 with input as ci.document(trusted)
	unprivileged := {"privileged_trigger": false, "all_expressions": [], "jobs": {"l": {"steps": [{"run": "echo x >> $GITHUB_ENV", "expressions": [title]}]}}}
	count(github_env_injection.deny) == 0 with input as ci.document(unprivileged)
}
