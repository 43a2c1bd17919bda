package atlas9.ci.excessive_permissions_test

import data.atlas9.ci.excessive_permissions
import data.atlas9.test.ci
import rego.v1

test_blanket_grants_are_reported if {
	doc := {"permissions": "write-all", "jobs": {"a": {"permissions": "read-all"}}}
	{f.path | some f in excessive_permissions.deny} == {["permissions"], ["jobs", "a", "permissions"]} with input as ci.document(doc)
}

test_workflow_level_write_is_reported_only_with_several_jobs if {
	many := {"permissions": {"contents": "write", "issues": "read"}, "jobs": {"a": {}, "b": {}}}
	{f.path | some f in excessive_permissions.deny} == {["permissions", "contents"]} with input as ci.document(many)
	one := {"permissions": {"contents": "write"}, "jobs": {"a": {}}}
	count(excessive_permissions.deny) == 0 with input as ci.document(one)
}

test_job_level_write_is_fine if {
	doc := {"permissions": {"contents": "read"}, "jobs": {"a": {}, "b": {"permissions": {"contents": "write"}}}}
	count(excessive_permissions.deny) == 0 with input as ci.document(doc)
}
