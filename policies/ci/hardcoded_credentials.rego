# METADATA
# title: A credential is written into the workflow
# description: |
#   ## What it does
#   Reports a literal `password` in the `credentials` of a job `container` or a service, and a
#   literal value for a step input named like a credential (`password`, `token`, `api-key`,
#   `secret`). Values taken from expressions (`${{ secrets.NAME }}`) are not reported.
#
#   ## Why is this bad?
#   A workflow file is readable by everyone who can read the repository, forks and clones
#   included, and its history keeps the value after it is edited out. A credential there has
#   to be treated as public, and rotated.
#
#   ## Example
#   ```yaml
#   container:
#     image: ghcr.io/org/build:1
#     credentials:
#       username: ci
#       password: changeme
#   ```
#
#   Use instead:
#   ```yaml
#   container:
#     image: ghcr.io/org/build:1
#     credentials:
#       username: ci
#       password: ${{ secrets.REGISTRY_PASSWORD }}
#   ```
#
#   ## Fix safety
#   There is no fix: the value has to be rotated and stored as a secret first.
package atlas9.ci.hardcoded_credentials

import rego.v1

credential_inputs := {
	"password", "passwd", "token", "secret", "apikey", "api-key", "api_key",
	"secret-key", "secret_key", "access-key", "access_key",
}

literal(value) if {
	is_string(value)
	value != ""
	not contains(value, "${{")
}

deny contains finding if {
	some [path, credentials] in credential_blocks
	literal(credentials.password)
	finding := {
		"message": "a registry password is written into the workflow, readable by anyone who can read the repository; rotate it, store it as a secret and use `${{ secrets.NAME }}`",
		"path": array.concat(path, ["password"]),
	}
}

deny contains finding if {
	some entry in input.steps_with["with"]
	step := entry.step
	path := entry.path
	some name, value in step["with"]
	lower(name) in credential_inputs
	literal(value)
	finding := {
		"message": sprintf("input `%s` is given a literal credential, readable by anyone who can read the repository; rotate it, store it as a secret and use `${{ secrets.NAME }}`", [name]),
		"path": array.concat(path, ["with", name]),
	}
}

credential_blocks contains [["jobs", id, "container", "credentials"], credentials] if {
	some id, job in input.jobs
	credentials := job.container.credentials
}

credential_blocks contains [["jobs", id, "services", name, "credentials"], credentials] if {
	some id, job in input.jobs
	some name, service in job.services
	credentials := service.credentials
}
