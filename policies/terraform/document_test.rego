# Module documents for the Terraform policies' tests, with the facts the engine computes.
package atlas9.test.terraform

import rego.v1

# A resource of `type` named `name` with `config`.
resource(type, name, config) := {
	"type": type,
	"name": name,
	"address": concat(".", [type, name]),
	"config": config,
}

# A root module of `resources` (a list), with `extra` top-level fields.
module(resources, extra) := object.union(
	{
		"kind": "terraform",
		"root": true,
		"resources": {r.address: r | some r in resources},
		"by_type": {t: [r | some r in resources; r.type == t] | some r0 in resources; t := r0.type},
		"data": {},
		"modules": {},
		"providers": [],
		"variables": {},
		"locals": {},
		"terraform": {"backend": null, "required_providers": {}},
	},
	extra,
)

# A module of one resource.
one(type, config) := module([resource(type, "x", config)], {})

# A value computed at plan time.
unknown(text) := {"unknown": text}
