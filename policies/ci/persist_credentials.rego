# METADATA
# title: A checkout leaves the job's token on disk
# description: |
#   ## What it does
#   Reports an `actions/checkout` step without `persist-credentials: false`.
#
#   ## Why is this bad?
#   By default the checkout writes the job's `GITHUB_TOKEN` into the repository's git
#   configuration, where every later step can read it, and where it ends up in any artifact or
#   cache that includes the workspace. Most jobs never push, so the token only waits there to be
#   taken.
#
#   ## Example
#   ```yaml
#   - uses: actions/checkout@v4
#   ```
#
#   Use instead:
#   ```yaml
#   - uses: actions/checkout@v4
#     with:
#       persist-credentials: false
#   ```
#
#   ## Fix safety
#   The fix sets `persist-credentials: false`. It is unsafe: a later step that pushes with
#   plain `git push` needs the credentials, and should get them explicitly instead.
# custom:
#   severity: warning
package atlas9.ci.persist_credentials

import rego.v1

deny contains finding if {
	some entry in input.steps_by_action["actions/checkout"]
	not entry.step["with"]["persist-credentials"] in {false, "false"}
	finding := {
		"message": "`actions/checkout` keeps the job's token in `.git/config` for every later step; set `persist-credentials: false` unless a later step pushes",
		"path": array.concat(entry.path, ["with", "persist-credentials"]),
	}
}
