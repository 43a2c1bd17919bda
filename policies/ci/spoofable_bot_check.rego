# METADATA
# title: A condition trusts github.actor to identify a bot
# description: |
#   ## What it does
#   Reports a job or step `if:` that compares `github.actor` or `github.triggering_actor` with
#   a bot's login (`dependabot[bot]`, `renovate[bot]`).
#
#   ## Why is this bad?
#   The actor is whoever caused the latest event, not who wrote the code. When a bot has opened
#   or updated a pull request, anyone who can make the workflow run again on it (a push to a
#   branch the pull request follows, a re-run) can pass the check while the code is theirs,
#   and the step runs with whatever the bot was trusted with (auto-merge, secrets).
#
#   ## Example
#   ```yaml
#   if: github.actor == 'dependabot[bot]'
#   ```
#
#   Use instead: check who opened the pull request and what triggered the run.
#   ```yaml
#   if: github.event.pull_request.user.login == 'dependabot[bot]'
#   ```
#
#   ## Fix safety
#   There is no fix: the right identity check depends on the event.
package atlas9.ci.spoofable_bot_check

import rego.v1

actor := `github\.(triggering_)?actor`

bot := `['"][^'"]*\[bot\]['"]`

comparison := sprintf(`%s\s*[!=]=\s*%s|%s\s*[!=]=\s*%s`, [actor, bot, bot, actor])

conditions contains [["jobs", id, "if"], condition] if {
	some id, job in input.jobs_with["if"]
	condition := job["if"]
}

conditions contains [array.concat(entry.path, ["if"]), condition] if {
	some entry in input.steps_with["if"]
	condition := entry.step["if"]
}

deny contains finding if {
	some [path, condition] in conditions
	is_string(condition)
	contains(condition, "[bot]")
	some found in regex.find_n(comparison, condition, -1)
	finding := {
		"message": "`github.actor` names whoever caused the latest event, not who wrote the code, so this bot check can be passed by someone else; check `github.event.pull_request.user.login` instead",
		"path": path,
		"match": found,
	}
}
