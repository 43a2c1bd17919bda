package atlas9.ci.hardcoded_credentials_test

import data.atlas9.ci.hardcoded_credentials
import data.atlas9.test.ci
import rego.v1

# As atlas9 lists a job's images.
image(path) := {"image": "i", "pinned": false, "path": path}

test_literal_passwords_are_reported if {
	doc := {"jobs": {"b": {
		"container": {"image": "i", "credentials": {"username": "u", "password": "changeme"}},
		"services": {"s": {"image": "i", "credentials": {"password": "changeme"}}},
		"images": [image(["container", "image"]), image(["services", "s", "image"])],
		"steps": [{"uses": "docker/login-action@v3", "with": {"username": "u", "password": "changeme"}}],
	}}}
	paths := {f.path | some f in hardcoded_credentials.deny} with input as ci.document(doc)
	paths == {
		["jobs", "b", "container", "credentials", "password"],
		["jobs", "b", "services", "s", "credentials", "password"],
		["jobs", "b", "steps", 0, "with", "password"],
	}
}

test_expressions_are_silent if {
	doc := {"jobs": {"b": {
		"container": {"image": "i", "credentials": {"password": "${{ secrets.P }}"}},
		"images": [image(["container", "image"])],
		"steps": [{"with": {"token": "${{ github.token }}", "username": "u"}}],
	}}}
	count(hardcoded_credentials.deny) == 0 with input as ci.document(doc)
}
