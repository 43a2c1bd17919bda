package atlas9.ci.insecure_commands_test

import data.atlas9.ci.insecure_commands
import data.atlas9.test.ci
import rego.v1

test_enabling_is_reported_at_every_level if {
	doc := {
		"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": true},
		"jobs": {"b": {
			"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "true"},
			"steps": [{"run": "x", "env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "TRUE"}}],
		}},
	}
	paths := {f.path | some f in insecure_commands.deny} with input as ci.document(doc)
	paths == {
		["env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"],
		["jobs", "b", "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"],
		["jobs", "b", "steps", 0, "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"],
	}
}

test_false_is_silent if {
	count(insecure_commands.deny) == 0 with input as ci.document({"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": false}})
}
