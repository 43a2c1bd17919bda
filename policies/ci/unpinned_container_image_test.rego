package atlas9.ci.unpinned_container_image_test

import data.atlas9.ci.unpinned_container_image
import data.atlas9.test.ci
import rego.v1

test_tags_are_reported_where_they_are_written if {
	doc := {"jobs": {"t": {
		"images": [
			{"image": "node:20", "pinned": false, "path": ["container"]},
			{"image": "postgres:16", "pinned": false, "path": ["services", "db", "image"]},
		],
		"steps": [{"uses": "docker://alpine:3", "action": {"docker": "alpine:3", "pinned": false}}],
	}}}
	paths := {f.path | some f in unpinned_container_image.deny} with input as ci.document(doc)
	paths == {["jobs", "t", "container"], ["jobs", "t", "services", "db", "image"], ["jobs", "t", "steps", 0, "uses"]}
}

test_digests_and_expressions_are_silent if {
	doc := {"jobs": {"t": {"images": [
		{"image": "node@sha256:00", "pinned": true, "path": ["container"]},
		{"image": "${{ matrix.image }}", "pinned": false, "path": ["container"]},
	]}}}
	count(unpinned_container_image.deny) == 0 with input as ci.document(doc)
}
