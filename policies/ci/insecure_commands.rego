# METADATA
# title: Deprecated workflow commands are re-enabled
# description: |
#   ## What it does
#   Reports `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` in an `env:` block of the workflow, a job or
#   a step.
#
#   ## Why is this bad?
#   It turns the old `::set-env` and `::add-path` commands back on. With them, any text a step
#   prints (a log line, a test name, a file's content) can set environment variables and
#   `PATH` for the following steps, which is a way to run code. GitHub disabled them in 2020
#   for that reason.
#
#   ## Example
#   ```yaml
#   env:
#     ACTIONS_ALLOW_UNSECURE_COMMANDS: true
#   ```
#
#   Use instead: write to the files GitHub provides.
#   ```yaml
#   - run: echo "TOOL_HOME=/opt/tool" >> "$GITHUB_ENV"
#   ```
#
#   ## Fix safety
#   There is no fix: the step that relies on the old commands has to be changed first.
package atlas9.ci.insecure_commands

import rego.v1

deny contains finding if {
	some variable in input.env_by_name.ACTIONS_ALLOW_UNSECURE_COMMANDS
	lower(sprintf("%v", [variable.value])) == "true"
	finding := {
		"message": "`ACTIONS_ALLOW_UNSECURE_COMMANDS` turns `::set-env` and `::add-path` back on, so any printed text can change the next steps' environment; write to `$GITHUB_ENV` and `$GITHUB_PATH` instead",
		"path": variable.path,
	}
}
