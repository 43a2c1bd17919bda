# Helpers shared by the built-in CI policies: where the steps of a document are, and which
# expression contexts carry text that anyone opening an issue, a pull request or a branch writes.
package atlas9.lib.ci

import rego.v1

# Every step with its path: the steps of each job of a workflow, `runs.steps` of an action.
steps contains [["jobs", id, "steps", i], step] if {
	some id, job in input.jobs
	some i, step in job.steps
	is_object(step)
}

steps contains [["runs", "steps", i], step] if {
	some i, step in input.runs.steps
	is_object(step)
}

# Titles, bodies, branch names, commit messages and author names: set by whoever opened the
# issue, pull request, comment or branch, not by the repository's maintainers.
untrusted_pattern := concat("|", [
	`^github\.head_ref$`,
	`^github\.event\.(issue|pull_request|discussion)\.(title|body)$`,
	`^github\.event\.(comment|review|review_comment)\.body$`,
	`^github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)$`,
	`^github\.event\.(commits|pages)(\.|$)`,
	`^github\.event\.head_commit\.(message|author\.(email|name))$`,
	`^github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(email|name)))$`,
])

untrusted(context) if regex.match(untrusted_pattern, context)

# The `owner/repo` of an action a step uses, lower-cased (GitHub names are case-insensitive).
action_name(step) := lower(sprintf("%s/%s", [step.action.owner, step.action.repo]))

# True when `prefix` is the start of the path `path`.
starts_with_path(path, prefix) if array.slice(path, 0, count(prefix)) == prefix
