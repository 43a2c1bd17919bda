# METADATA
# title: Untrusted data is written to GITHUB_ENV or GITHUB_PATH under a privileged trigger
# description: |
#   ## What it does
#   In a workflow run by `pull_request_target`, `workflow_run` or `issue_comment`, reports a
#   `run:` script that writes to `$GITHUB_ENV` or `$GITHUB_PATH` when the script reads
#   attacker-controlled text (directly, or through an `env:` variable of the step, job or
#   workflow), or when its job checks out the pull request's code.
#
#   ## Why is this bad?
#   Lines written to `$GITHUB_ENV` become environment variables of every later step. A value
#   with a newline adds variables of its own choosing: `LD_PRELOAD`, `NODE_OPTIONS` or
#   `BASH_ENV` then run the attacker's code in the next step, with the secrets and write token
#   those triggers carry. Passing the value through `env:` protects the script, not the
#   environment file.
#
#   ## Example
#   ```yaml
#   on: pull_request_target
#   jobs:
#     label:
#       steps:
#         - run: echo "TITLE=$TITLE" >> "$GITHUB_ENV"
#           env:
#             TITLE: ${{ github.event.pull_request.title }}
#   ```
#
#   Use instead: use the value in the step that needs it, from `env:`, or write it to a file
#   that later steps read as data.
#   ```yaml
#         - run: ./label.sh "$TITLE"
#           env:
#             TITLE: ${{ github.event.pull_request.title }}
#   ```
#
#   ## Fix safety
#   There is no fix: how the value is used later decides the safe way to pass it.
package atlas9.ci.github_env_injection

import rego.v1

write := `[^\n]*\$\{?(GITHUB_ENV|GITHUB_PATH)\b[^\n]*`

# A search only where a script names one of the files.
deny contains finding if {
	input.privileged_trigger
	some file in ["GITHUB_ENV", "GITHUB_PATH"]
	contains(input.run_text, file)
	some entry in input.run_steps
	step := entry.step
	path := entry.path
	contains(step.run, file)
	writes := regex.find_n(write, step.run, 1)
	count(writes) > 0
	untrusted(path, step)
	finding := {
		"message": "attacker-controlled text is written to the environment file of a privileged workflow: a newline in it sets variables such as `BASH_ENV` for the next steps; use the value where it is needed instead",
		"path": array.concat(path, ["run"]),
		"match": trim_space(writes[0]),
	}
}

untrusted(_, step) if {
	some expression in step.expressions
	count(expression.untrusted) > 0
}

# Through an `env:` of the step, its job or the workflow.
untrusted(path, _) if {
	some expression in input.all_expressions
	some scope in env_scopes(path)
	count(expression.untrusted) > 0
	array.slice(expression.path, 0, count(scope)) == scope
}

untrusted(path, _) if {
	path[0] == "jobs"
	input.jobs[path[1]].checks_out_pr_code
}

env_scopes(path) := [array.concat(path, ["env"]), ["jobs", path[1], "env"], ["env"]] if path[0] == "jobs"

env_scopes(path) := [array.concat(path, ["env"]), ["env"]] if path[0] != "jobs"
