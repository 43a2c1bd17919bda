package atlas9.ci.missing_permissions_test

import data.atlas9.ci.missing_permissions
import rego.v1

test_each_job_on_the_default_is_reported_at_its_id if {
	doc := {"kind": "workflow", "jobs": {
		"a": {"effective_permissions": {"source": "default", "permissions": null}},
		"b": {"effective_permissions": {"source": "job", "permissions": {"contents": "read"}}},
	}}
	{f.path | some f in missing_permissions.deny} == {["jobs", "a"]} with input as doc
}

test_workflow_level_permissions_cover_every_job if {
	doc := {"kind": "workflow", "jobs": {"a": {"effective_permissions": {"source": "workflow", "permissions": {}}}}}
	count(missing_permissions.deny) == 0 with input as doc
}
