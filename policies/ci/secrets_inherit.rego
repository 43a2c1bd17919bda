# METADATA
# title: A reusable workflow receives every secret
# description: |
#   ## What it does
#   Reports a job that calls a reusable workflow with `secrets: inherit`.
#
#   ## Why is this bad?
#   `inherit` passes every secret the calling workflow can see, including ones the called
#   workflow never uses. If the called workflow (or an action it uses) misbehaves, all of them
#   are exposed; listing the secrets keeps the damage to what was needed.
#
#   ## Example
#   ```yaml
#   deploy:
#     uses: org/workflows/.github/workflows/deploy.yml@v2
#     secrets: inherit
#   ```
#
#   Use instead:
#   ```yaml
#   deploy:
#     uses: org/workflows/.github/workflows/deploy.yml@v2
#     secrets:
#       DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}
#   ```
#
#   ## Fix safety
#   There is no fix: which secrets the called workflow needs is in another repository.
# custom:
#   severity: warning
package atlas9.ci.secrets_inherit

import rego.v1

deny contains finding if {
	some id, job in input.jobs_with.secrets
	job.secrets == "inherit"
	finding := {
		"message": sprintf("job `%s` passes every secret of the repository to `%s`; pass only the ones it uses", [id, object.get(job, "uses", "the called workflow")]),
		"path": ["jobs", id, "secrets"],
	}
}
