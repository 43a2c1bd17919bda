package atlas9.ci.secrets_inherit_test

import data.atlas9.ci.secrets_inherit
import data.atlas9.test.ci
import rego.v1

test_inherit_is_reported if {
	doc := {"jobs": {"d": {"uses": "./d.yml", "secrets": "inherit"}}}
	{f.path | some f in secrets_inherit.deny} == {["jobs", "d", "secrets"]} with input as ci.document(doc)
}

test_named_secrets_are_silent if {
	doc := {"jobs": {"d": {"uses": "./d.yml", "secrets": {"KEY": "${{ secrets.KEY }}"}}}}
	count(secrets_inherit.deny) == 0 with input as ci.document(doc)
}
