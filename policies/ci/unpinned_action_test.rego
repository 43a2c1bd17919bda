package atlas9.ci.unpinned_action_test

import data.atlas9.ci.unpinned_action
import data.atlas9.test.ci
import rego.v1

step(uses, action) := {"jobs": {"b": {"steps": [{"uses": uses, "action": action}]}}}

test_a_tag_is_reported_at_the_uses_value if {
	doc := step("actions/checkout@v4", {"name": "actions/checkout", "owner": "actions", "repo": "checkout", "ref": "v4", "pinned": false, "local": false})
	findings := unpinned_action.deny with input as ci.document(doc)
	count(findings) == 1
	some f in findings
	f.path == ["jobs", "b", "steps", 0, "uses"]
	contains(f.message, "actions/checkout@v4")
}

test_a_sha_with_a_version_comment_is_pinned if {
	sha := "8e5e7e5ab8b370d6c329ec480221332ada57f0ab"
	doc := step(concat("@", ["actions/checkout", sha]), {"name": "actions/checkout", "owner": "actions", "repo": "checkout", "ref": sha, "pinned": true, "version_comment": "v4.1.1", "local": false})
	count(unpinned_action.deny) == 0 with input as ci.document(doc)
}

test_local_and_docker_actions_are_left_to_others if {
	count(unpinned_action.deny) == 0 with input as ci.document(step("./tools/lint", {"local": true, "pinned": true}))
	count(unpinned_action.deny) == 0 with input as ci.document(step("docker://alpine:3", {"docker": "alpine:3", "pinned": false}))
}

test_reusable_workflow_callers_and_action_steps_are_checked if {
	job := {"jobs": {"d": {"uses": "o/r/.github/workflows/d.yml@main", "action": {"name": "o/r", "owner": "o", "repo": "r", "pinned": false, "local": false}}}}
	{f.path | some f in unpinned_action.deny} == {["jobs", "d", "uses"]} with input as ci.document(job)
	action := {"runs": {"steps": [{"uses": "o/r@v1", "action": {"name": "o/r", "owner": "o", "repo": "r", "pinned": false, "local": false}}]}}
	{f.path | some f in unpinned_action.deny} == {["runs", "steps", 0, "uses"]} with input as ci.document(action)
}
