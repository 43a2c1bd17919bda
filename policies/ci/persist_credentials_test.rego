package atlas9.ci.persist_credentials_test

import data.atlas9.ci.persist_credentials
import data.atlas9.test.ci
import rego.v1

checkout(extra) := {"jobs": {"b": {"steps": [object.union({"uses": "actions/checkout@v4", "action": {"name": "actions/checkout", "owner": "actions", "repo": "checkout"}}, extra)]}}}

test_a_checkout_that_keeps_the_token_is_reported if {
	findings := persist_credentials.deny with input as ci.document(checkout({}))
	count(findings) == 1
	some f in findings
	f.path == ["jobs", "b", "steps", 0, "with", "persist-credentials"]
	count(persist_credentials.deny) == 1 with input as ci.document(checkout({"with": {"persist-credentials": true}}))
}

test_persist_credentials_false_is_silent if {
	count(persist_credentials.deny) == 0 with input as ci.document(checkout({"with": {"persist-credentials": false}}))
	count(persist_credentials.deny) == 0 with input as ci.document(checkout({"with": {"persist-credentials": "false"}}))
}
