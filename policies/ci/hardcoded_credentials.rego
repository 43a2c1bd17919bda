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

# The credentials of a `container` or service sit beside its `image`.
deny contains finding if {
	some image in input.all_images
	last := count(image.path) - 1
	image.path[last] == "image"
	path := array.concat(array.slice(image.path, 0, last), ["credentials", "password"])
	literal(object.get(input, path, null))
	finding := {
		"message": "a registry password is written into the workflow, readable by anyone who can read the repository; rotate it, store it as a secret and use `${{ secrets.NAME }}`",
		"path": path,
	}
}

deny contains finding if {
	some name in credential_inputs & object.keys(input.inputs_by_name)
	some given in input.inputs_by_name[name]
	literal(given.value)
	finding := {
		"message": concat("", ["input `", given.name, "` is given a literal credential, readable by anyone who can read the repository; rotate it, store it as a secret and use `${{ secrets.NAME }}`"]),
		"path": given.path,
	}
}
