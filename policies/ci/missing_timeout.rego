# METADATA
# title: A job has no timeout
# description: |
#   ## What it does
#   Reports a job without `timeout-minutes`, at the job's id. Jobs that call a reusable
#   workflow are exempt: the called workflow's jobs carry their own.
#
#   ## Why is this bad?
#   GitHub stops a job after six hours. A test that hangs, a prompt waiting for input or a
#   deadlock holds a runner (and, on paid or self-hosted runners, money) for all of that time,
#   and blocks merges waiting on the check.
#
#   ## Example
#   ```yaml
#   jobs:
#     test:
#       runs-on: ubuntu-latest
#   ```
#
#   Use instead:
#   ```yaml
#   jobs:
#     test:
#       runs-on: ubuntu-latest
#       timeout-minutes: 30
#   ```
#
#   ## Fix safety
#   The fix adds `timeout-minutes` with the value of `[ci] timeout_minutes` (30 unless
#   configured). It is unsafe: a job that legitimately runs longer would be cut off.
# custom:
#   severity: warning
package atlas9.ci.missing_timeout

import rego.v1

deny contains finding if {
	some id, job in input.jobs
	# Either key present, with any value (`false` included), exempts the job.
	not job["timeout-minutes"]
	not job["timeout-minutes"] == false
	not job.uses
	not job.uses == false
	finding := {
		"message": concat("", ["job `", id, "` has no `timeout-minutes`, so a hung step holds its runner for six hours; set a limit a little above its usual run time"]),
		"path": ["jobs", id, "timeout-minutes"],
	}
}
