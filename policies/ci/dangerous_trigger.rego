# METADATA
# title: A privileged trigger runs code from a pull request or a fork
# description: |
#   ## What it does
#   Reports a `pull_request_target`, `workflow_run` or `issue_comment` trigger when a job of the
#   workflow checks out or fetches the pull request's code (`ref:` naming the head,
#   `gh pr checkout`, `git fetch … pull/…`). The same triggers on workflows that only label,
#   comment or read metadata are not reported.
#
#   ## Why is this bad?
#   These triggers run in the context of the base repository: with its secrets and a token that
#   can write, even for a pull request from a fork. Checking out the fork's code and then
#   building, testing or even installing its dependencies runs the attacker's code with those
#   privileges ("pwn request").
#
#   ## Example
#   ```yaml
#   on: pull_request_target
#   jobs:
#     test:
#       steps:
#         - uses: actions/checkout@v4
#           with:
#             ref: ${{ github.event.pull_request.head.sha }}
#         - run: npm test
#   ```
#
#   Use instead:
#   ```yaml
#   on: pull_request
#   jobs:
#     test:
#       steps:
#         - uses: actions/checkout@v4
#         - run: npm test
#   ```
#
#   ## Fix safety
#   There is no fix: the privileged part (commenting, labelling) has to be split from the part
#   that runs untrusted code, usually into a `pull_request` workflow and a `workflow_run`
#   follow-up that only reads its artifacts.
package atlas9.ci.dangerous_trigger

import rego.v1

deny contains finding if {
	some trigger in input.triggers
	trigger in {"pull_request_target", "workflow_run", "issue_comment"}
	jobs := sort([id | some id, job in input.jobs; job.checks_out_pr_code])
	count(jobs) > 0
	finding := {
		"message": sprintf("`%s` runs with the base repository's secrets and a write token, and %s checks out the pull request's code; build untrusted code under `pull_request` and pass results on as artifacts", [trigger, job_list(jobs)]),
		"path": ["on", trigger],
	}
}

job_list(jobs) := sprintf("job `%s`", [jobs[0]]) if count(jobs) == 1

job_list(jobs) := sprintf("jobs `%s`", [concat("`, `", jobs)]) if count(jobs) > 1
