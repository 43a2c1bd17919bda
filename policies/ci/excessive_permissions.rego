# METADATA
# title: A workflow grants more token permissions than its jobs need
# description: |
#   ## What it does
#   Reports `permissions: write-all` or `read-all` (at the workflow or a job), and write scopes
#   granted at the workflow level of a workflow with more than one job.
#
#   ## Why is this bad?
#   Every step of a job can use its `GITHUB_TOKEN`, including third-party actions and build
#   scripts. Blanket permissions hand all of them every scope; workflow-level write scopes hand
#   them to jobs (tests, linters) that only read. If one of those steps is compromised, the
#   token is what the attacker gets.
#
#   ## Example
#   ```yaml
#   permissions:
#     contents: write
#   jobs:
#     test: …
#     release: …
#   ```
#
#   Use instead:
#   ```yaml
#   permissions:
#     contents: read
#   jobs:
#     test: …
#     release:
#       permissions:
#         contents: write
#   ```
#
#   ## Fix safety
#   There is no fix: which job needs which scope is a decision about the workflow.
# custom:
#   severity: warning
package atlas9.ci.excessive_permissions

import rego.v1

blanket := {"write-all", "read-all"}

deny contains finding if {
	input.permissions in blanket
	finding := {
		"message": sprintf("`permissions: %s` grants every scope to every job; list the scopes the jobs need (`contents: read` is enough for most)", [input.permissions]),
		"path": ["permissions"],
	}
}

deny contains finding if {
	some id, job in input.jobs_with.permissions
	job.permissions in blanket
	finding := {
		"message": sprintf("`permissions: %s` grants every scope to job `%s`; list the scopes it needs", [job.permissions, id]),
		"path": ["jobs", id, "permissions"],
	}
}

deny contains finding if {
	jobs := count(input.jobs)
	jobs > 1
	is_object(input.permissions)
	some scope, level in input.permissions
	level == "write"
	finding := {
		"message": sprintf("`%s: write` at the workflow level gives it to all %d jobs; grant it in the job that needs it", [scope, jobs]),
		"path": ["permissions", scope],
	}
}
