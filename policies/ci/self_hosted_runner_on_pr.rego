# METADATA
# title: Pull requests run on a self-hosted runner
# description: |
#   ## What it does
#   Reports a job on a `self-hosted` runner in a workflow triggered by pull-request events.
#
#   ## Why is this bad?
#   In a public repository anyone can open a pull request, and its code then runs on your
#   machine. Self-hosted runners are not wiped between jobs: what one job leaves behind
#   (a modified toolchain, a background process, stolen credentials) is there for the next,
#   including release jobs, and the machine sits inside your network.
#
#   ## Example
#   ```yaml
#   on: pull_request
#   jobs:
#     test:
#       runs-on: [self-hosted, linux]
#   ```
#
#   Use instead:
#   ```yaml
#   on: pull_request
#   jobs:
#     test:
#       runs-on: ubuntu-latest
#   ```
#
#   ## Fix safety
#   There is no fix: which runner a job needs is a decision about its hardware and network.
#   Ephemeral runners (one job per machine) are the alternative when self-hosting is needed.
package atlas9.ci.self_hosted_runner_on_pr

import rego.v1

pull_request_events := {"pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"}

# Worked out once, and only for a workflow with a self-hosted job.
events := sort([t | some t in input.triggers; t in pull_request_events])

deny contains finding if {
	some id, job in input.jobs
	job.self_hosted
	count(events) > 0
	finding := {
		"message": sprintf("job `%s` runs pull-request code (`%s`) on a self-hosted runner, which keeps state between jobs; use a GitHub-hosted or ephemeral runner", [id, concat("`, `", events)]),
		"path": ["jobs", id, "runs-on"],
	}
}
