# For tests: the indexes atlas9 computes in Rust, worked out for hand-written documents.
package atlas9.test.ci

import rego.v1

document(doc) := object.union(doc, indexes) if {
	steps := array.concat(job_steps(doc), action_steps(doc))
	expressions := object.get(doc, "all_expressions", [])
	indexes := {
		"all_steps": steps,
		"steps_by_action": {name: [e | some e in steps; e.step.action.name == name] |
			some entry in steps
			name := entry.step.action.name
		},
		"run_steps": [e | some e in steps; is_string(e.step.run)],
		"steps_with": {key: [e | some e in steps; some k, _ in e.step; k == key] |
			some entry in steps
			some key, _ in entry.step
		},
		"jobs_with": {key: {id: job | some id, job in doc.jobs; some k, _ in job; k == key} |
			some other in object.get(doc, "jobs", {})
			some key, _ in other
		},
		"all_images": array.concat(job_images(doc), docker_images(steps)),
		"uses_by_kind": group(uses(doc, steps), "kind"),
		"inputs_by_name": group(inputs(steps), "key"),
		"env_by_name": group(variables(doc, steps), "key"),
		"script_expressions": script_expressions(steps),
		"expressions_by_root": {root: [x | some x in expressions; root in roots(x.text)] |
			some expression in expressions
			some root in roots(expression.text)
		},
		"run_text": concat("\n", [e.step.run | some e in steps; is_string(e.step.run)]),
	}
}

# The entries of `list` by their field `key`, without it.
group(list, key) := {k: [object.remove(x, [key]) | some x in list; x[key] == k] |
	some entry in list
	k := entry[key]
}

uses(doc, steps) := array.concat(
	[{"uses": job.uses, "action": job.action, "path": ["jobs", id, "uses"], "kind": kind(job.action)} |
		some id, job in object.get(doc, "jobs", {})
		job.action
	],
	[{"uses": e.step.uses, "action": e.step.action, "path": array.concat(e.path, ["uses"]), "kind": kind(e.step.action)} |
		some e in steps
		e.step.action
	],
)

kind(action) := "local" if action.local
else := "docker" if action.docker
else := "sha" if action.pinned
else := "ref"

inputs(steps) := [{"name": name, "value": value, "path": array.concat(e.path, ["with", name]), "key": lower(name)} |
	some e in steps
	some name, value in object.get(e.step, "with", {})
]

variables(doc, steps) := array.concat(
	array.concat(
		[variable(name, value, ["env", name]) | some name, value in object.get(doc, "env", {})],
		[variable(name, value, ["jobs", id, "env", name]) |
			some id, job in object.get(doc, "jobs", {})
			some name, value in object.get(job, "env", {})
		],
	),
	[variable(name, value, array.concat(e.path, ["env", name])) |
		some e in steps
		some name, value in object.get(e.step, "env", {})
	],
)

variable(name, value, path) := {"name": name, "value": value, "path": path, "key": name}

script_expressions(steps) := [object.union(x, {"path": array.concat(e.path, place[x["in"]])}) |
	some e in steps
	some x in object.get(e.step, "expressions", [])
]

place := {"run": ["run"], "script": ["with", "script"]}

# The contexts an expression reads from; atlas9 finds any name that is not a function.
roots(text) := {r |
	some name in regex.find_n(`[A-Za-z_][A-Za-z0-9_]*`, text, -1)
	r := lower(name)
	r in {"github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs"}
}

job_images(doc) := [{"image": image.image, "pinned": image.pinned, "path": array.concat(["jobs", id], image.path)} |
	some id, job in object.get(doc, "jobs", {})
	some image in object.get(job, "images", [])
]

docker_images(steps) := [{"image": e.step.action.docker, "pinned": e.step.action.pinned, "path": array.concat(e.path, ["uses"])} |
	some e in steps
	e.step.action.docker
]

job_steps(doc) := [{"path": ["jobs", id, "steps", i], "step": step} |
	some id, job in object.get(doc, "jobs", {})
	some i, step in object.get(job, "steps", [])
]

action_steps(doc) := [{"path": ["runs", "steps", i], "step": step} |
	some i, step in object.get(object.get(doc, "runs", {}), "steps", [])
]
