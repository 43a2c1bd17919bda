# For tests: the step indexes atlas9 computes in Rust, worked out for hand-written documents.
package atlas9.test.ci

import rego.v1

document(doc) := object.union(doc, indexes) if {
	steps := array.concat(job_steps(doc), action_steps(doc))
	indexes := {
		"all_steps": steps,
		"steps_by_action": {name: [e | some e in steps; e.step.action.name == name] |
			some entry in steps
			name := entry.step.action.name
		},
		"run_steps": [e | some e in steps; is_string(e.step.run)],
	}
}

job_steps(doc) := [{"path": ["jobs", id, "steps", i], "step": step} |
	some id, job in object.get(doc, "jobs", {})
	some i, step in object.get(job, "steps", [])
]

action_steps(doc) := [{"path": ["runs", "steps", i], "step": step} |
	some i, step in object.get(object.get(doc, "runs", {}), "steps", [])
]
