# METADATA
# title: A download is piped straight into a shell
# description: |
#   ## What it does
#   Reports a `run:` script that pipes `curl` or `wget` output into a shell or an interpreter
#   (`| sh`, `| sudo bash`, `| python3`), or runs a download through `sh -c "$(curl …)"` or
#   `bash <(curl …)`. Piping into `tar`, `jq` or a checksum tool is not reported.
#
#   ## Why is this bad?
#   Whatever the server returns at that moment runs with the job's token and secrets: nothing
#   pins the script, nothing checks it, and a compromised host, a hijacked domain or a changed
#   installer changes your build without a diff in your repository.
#
#   ## Example
#   ```yaml
#   - run: curl -fsSL https://example.com/install.sh | sh
#   ```
#
#   Use instead:
#   ```yaml
#   - run: |
#       curl -fsSLo install.sh https://example.com/install-1.4.2.sh
#       echo "<sha256>  install.sh" | sha256sum --check
#       sh install.sh
#   ```
#
#   ## Fix safety
#   There is no fix: the expected checksum has to come from a release you trust.
# custom:
#   severity: warning
package atlas9.ci.curl_pipe_shell

import rego.v1

shells := `((ba|z|da|k|fi)?sh|python[0-9.]*|perl|ruby|node)`

# Either shape in one expression: a regular expression costs a search set-up of its own at each
# call, so a script is searched once, and only when it holds a download and a pipe or a
# substitution.
pattern := sprintf(
	`\b(curl|wget)\b[^|\n;&]*\|\s*(sudo\s+(-\S+\s+)*)?%s\b|\b%s\s+(-c\s+)?["']?(<\(|\$\()\s*(curl|wget)\b`,
	[shells, shells],
)

deny contains finding if {
	feeds(input.run_text)
	some tool in ["curl", "wget"]
	contains(input.run_text, tool)
	some entry in input.run_steps
	run := entry.step.run
	contains(run, tool)
	feeds(run)
	some found in regex.find_n(pattern, run, -1)
	finding := {
		"message": "a download is piped straight into a shell: whatever the server returns runs with this job's token, unreviewed; download to a file, check its SHA-256, then run it",
		"path": array.concat(entry.path, ["run"]),
		"match": found,
	}
}

feeds(run) if contains(run, "|")

feeds(run) if contains(run, "(")
