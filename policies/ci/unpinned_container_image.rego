# METADATA
# title: A container image is not pinned by digest
# description: |
#   ## What it does
#   Reports a job `container`, a `services.*.image` or a `docker://` step whose image is named
#   by a tag (`postgres:16`, `node:20-alpine`) rather than by digest (`@sha256:…`). Images
#   chosen by an expression (`${{ matrix.image }}`) are not reported.
#
#   ## Why is this bad?
#   Tags are mutable: the registry serves whatever was pushed last under that name. A job that
#   runs an image also runs its entrypoint with the job's token and network; pinning the digest
#   means the image that runs is the one that was reviewed.
#
#   ## Example
#   ```yaml
#   container: node:20-alpine
#   ```
#
#   Use instead:
#   ```yaml
#   container: node:20-alpine@sha256:<the digest the registry lists for the tag>
#   ```
#
#   ## Fix safety
#   There is no fix: the digest of a tag can only be read from the registry.
# custom:
#   severity: warning
package atlas9.ci.unpinned_container_image

import rego.v1

deny contains finding if {
	some image in input.all_images
	not image.pinned
	not contains(image.image, "${{")
	finding := {
		"message": concat("", ["image `", image.image, "` is not pinned by digest, so the registry decides what runs; add `@sha256:<digest>`"]),
		"path": image.path,
	}
}
