package atlas9.ci.overprovisioned_secrets_test

import data.atlas9.ci.overprovisioned_secrets
import data.atlas9.test.ci
import rego.v1

test_to_json_of_secrets_is_reported_wherever_it_is if {
	doc := {"all_expressions": [
		{"text": "toJSON(secrets)", "contexts": [], "path": ["env", "ALL"]},
		{"text": "tojson( secrets )", "contexts": [], "path": ["jobs", "b", "steps", 0, "with", "s"]},
		{"text": "toJSON(Secrets)", "contexts": [], "path": ["env", "CASED"]},
	]}
	{f.path | some f in overprovisioned_secrets.deny} == {["env", "ALL"], ["jobs", "b", "steps", 0, "with", "s"], ["env", "CASED"]} with input as ci.document(doc)
}

test_named_secrets_and_other_objects_are_silent if {
	doc := {"all_expressions": [
		{"text": "secrets.TOKEN", "contexts": ["secrets.TOKEN"], "path": ["env", "T"]},
		{"text": "toJSON(matrix)", "contexts": [], "path": ["env", "M"]},
	]}
	count(overprovisioned_secrets.deny) == 0 with input as ci.document(doc)
}
