# METADATA
# title: A job runs with the repository's default token permissions
# description: |
#   ## What it does
#   Reports each job of a workflow that declares no `permissions:`, neither at the workflow
#   level nor in the job, once per job at its id.
#
#   ## Why is this bad?
#   Without a `permissions:` block the job's `GITHUB_TOKEN` gets the repository's default, which
#   is read and write to almost everything for accounts and organisations created before
#   February 2023, and can be changed in settings nobody reviews with the workflow. Declaring the
#   scopes makes what the token can do part of the code.
#
#   ## Example
#   ```yaml
#   on: push
#   jobs:
#     test:
#       runs-on: ubuntu-latest
#   ```
#
#   Use instead:
#   ```yaml
#   on: push
#   permissions:
#     contents: read
#   jobs:
#     test:
#       runs-on: ubuntu-latest
#   ```
#
#   ## Fix safety
#   The fix adds `permissions: contents: read` at the top of the workflow. It is unsafe: a job
#   that pushes, comments or publishes needs a wider grant, added to that job.
# custom:
#   severity: warning
package atlas9.ci.missing_permissions

import rego.v1

deny contains finding if {
	input.kind == "workflow"
	some id, job in input.jobs
	job.effective_permissions.source == "default"
	finding := {
		"message": concat("", ["job `", id, "` runs with the repository's default token permissions, which may be write to everything; declare `permissions:` (`contents: read` at the top, widened in the jobs that need more)"]),
		"path": ["jobs", id],
	}
}
