package atlas9.ci.cache_poisoning_test

import data.atlas9.ci.cache_poisoning
import data.atlas9.test.ci
import rego.v1

step(owner, repo, inputs) := {"uses": sprintf("%s/%s@v1", [owner, repo]), "action": {"name": lower(sprintf("%s/%s", [owner, repo])), "owner": owner, "repo": repo, "path": null}, "with": inputs}

workflow(triggers, steps) := {"triggers": triggers, "jobs": {"p": {"steps": steps}}}

test_restores_in_release_workflows_are_reported if {
	steps := [
		step("actions", "setup-node", {"cache": "npm"}),
		step("actions", "cache", {"path": "~/.npm"}),
		step("actions", "setup-go", {}),
		step("Swatinem", "rust-cache", {}),
		step("ruby", "setup-ruby", {"bundler-cache": true}),
		step("astral-sh", "setup-uv", {"enable-cache": "true"}),
	]
	count(cache_poisoning.deny) == 6 with input as ci.document(workflow(["release"], steps))
}

test_a_publishing_command_makes_a_release_workflow if {
	steps := [step("actions", "setup-go", {}), {"run": "cargo publish"}]
	count(cache_poisoning.deny) == 1 with input as ci.document(workflow(["workflow_dispatch"], steps))
}

test_no_cache_or_no_release_is_silent if {
	steps := [step("actions", "setup-node", {}), step("actions", "setup-go", {"cache": false})]
	count(cache_poisoning.deny) == 0 with input as ci.document(workflow(["release"], steps))
	cached := [step("actions", "setup-node", {"cache": "npm"})]
	count(cache_poisoning.deny) == 0 with input as ci.document(workflow(["pull_request"], cached))
}
