package atlas9.ci.template_injection_test

import data.atlas9.ci.template_injection
import data.atlas9.test.ci
import rego.v1

# atlas9 lists in `untrusted` the contexts outsiders write (see the Rust tests for which).
expression(text, place) := {"text": text, "contexts": [text], "untrusted": untrusted(text), "in": place}

untrusted(text) := [text] if text in {"github.event.issue.title", "github.head_ref"} else := []

test_untrusted_text_in_run_and_script_is_reported if {
	doc := {"jobs": {"t": {"steps": [
		{"run": "echo", "expressions": [expression("github.event.issue.title", "run")]},
		{"uses": "actions/github-script@v7", "expressions": [expression("github.head_ref", "script")]},
	]}}}
	found := {[f.path, f.match] | some f in template_injection.deny} with input as ci.document(doc)
	found == {
		[["jobs", "t", "steps", 0, "run"], "github.event.issue.title"],
		[["jobs", "t", "steps", 1, "with", "script"], "github.head_ref"],
	}
}

test_values_no_outsider_chooses_are_silent if {
	doc := {"jobs": {"t": {"steps": [{"run": "echo", "expressions": [
		expression("github.sha", "run"),
		expression("github.event.issue.number", "run"),
		expression("inputs.name", "run"),
	]}]}}}
	count(template_injection.deny) == 0 with input as ci.document(doc)
}
