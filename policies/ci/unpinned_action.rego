# METADATA
# title: An action or reusable workflow is not pinned to a commit SHA
# description: |
#   ## What it does
#   Reports a `uses:` that names a tag or a branch (`actions/checkout@v4`, `org/tool@main`)
#   rather than a full 40-character commit SHA, in steps and in jobs that call a reusable
#   workflow. Actions of the `actions` organisation are included; local actions (`./…`) are
#   not, since they come from the repository itself. Docker actions are the business of
#   `ci/unpinned-container-image`.
#
#   ## Why is this bad?
#   A tag is a pointer its owner (or whoever takes over the owner's account) can move. The next
#   run then executes new code with the job's token and secrets, and nobody reviewed it: this is
#   how the tj-actions/changed-files compromise reached thousands of repositories in 2025.
#
#   ## Example
#   ```yaml
#   - uses: actions/checkout@v4
#   ```
#
#   Use instead:
#   ```yaml
#   - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
#   ```
#
#   ## Fix safety
#   There is no fix: finding the SHA of a tag needs the network, and guessing is worse than
#   asking. Tools such as Dependabot or Renovate keep SHA pins and their version comments up to
#   date.
# custom:
#   severity: warning
package atlas9.ci.unpinned_action

import rego.v1

deny contains finding if {
	some use in input.uses_by_kind.ref
	finding := {
		"message": concat("", [
			"`", use.uses,
			"` is not pinned to a commit SHA: whoever moves that tag decides what runs with this job's token. Pin the full 40-character SHA and keep the version in a comment (`@<sha> # v1.2.3`)",
		]),
		"path": use.path,
	}
}
