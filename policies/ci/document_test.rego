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
		"steps_with": {key: [e | some e in steps; some k, _ in e.step; k == key] |
			some entry in steps
			some key, _ in entry.step
		},
		"all_images": array.concat(job_images(doc), docker_images(steps)),
	}
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
