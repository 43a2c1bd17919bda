# METADATA
# title: Every secret is handed to one step
# description: |
#   ## What it does
#   Reports `toJSON(secrets)` anywhere in a workflow or action.
#
#   ## Why is this bad?
#   The expression serialises every secret the workflow can see into one value, usually an
#   environment variable or an input of a third-party action. Whatever reads it (the step, an
#   action, a log line that goes wrong) gets all of them, though it needs one or two. GitHub also
#   cannot mask secrets reliably once they are re-encoded into a larger string.
#
#   ## Example
#   ```yaml
#   env:
#     ALL_SECRETS: ${{ toJSON(secrets) }}
#   ```
#
#   Use instead:
#   ```yaml
#   env:
#     DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}
#   ```
#
#   ## Fix safety
#   There is no fix: which secrets are needed is known only to the step.
package atlas9.ci.overprovisioned_secrets

import rego.v1

deny contains finding if {
	some expression in input.expressions_by_root.secrets
	contains(lower(expression.text), "tojson")
	regex.match(`(?i)\btojson\s*\(\s*secrets\s*\)`, expression.text)
	finding := {
		"message": "`toJSON(secrets)` hands every secret of the repository to this step; pass the ones it needs by name (`${{ secrets.NAME }}`)",
		"path": expression.path,
		"match": expression.text,
	}
}
