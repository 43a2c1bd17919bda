# METADATA
# title: A release workflow restores a cache
# description: |
#   ## What it does
#   Reports a step that restores a GitHub Actions cache in a workflow that publishes: one
#   triggered by `release` or by pushed tags, or that uses a publishing action or command
#   (`pypa/gh-action-pypi-publish`, `npm publish`, `cargo publish`, …). Explicit restores
#   (`actions/cache`, `actions/cache/restore`) and setup actions that cache by default
#   (`actions/setup-go`, `Swatinem/rust-cache`) or when asked to (`cache:` on setup-node,
#   setup-python, setup-java, setup-dotnet; `bundler-cache` on setup-ruby; `enable-cache` on
#   setup-uv) are reported.
#
#   ## Why is this bad?
#   Caches are shared across the workflows of a repository, and a workflow run for a pull
#   request can write entries that a later run on the default branch restores. A poisoned
#   dependency or build cache then ends up inside the artifact you sign and publish.
#
#   ## Example
#   ```yaml
#   on:
#     release:
#       types: [published]
#   jobs:
#     publish:
#       steps:
#         - uses: actions/setup-node@v4
#           with:
#             cache: npm
#         - run: npm publish
#   ```
#
#   Use instead: build releases from a clean state.
#   ```yaml
#         - uses: actions/setup-node@v4
#         - run: npm ci && npm publish
#   ```
#
#   ## Fix safety
#   There is no fix: whether a release may trade reproducibility for speed is a decision.
# custom:
#   severity: warning
package atlas9.ci.cache_poisoning

import rego.v1

publishing_actions := {
	"pypa/gh-action-pypi-publish",
	"softprops/action-gh-release",
	"goreleaser/goreleaser-action",
	"ncipollo/release-action",
	"rubygems/release-gem",
	"changesets/action",
}

# By verb, so a script without any of them is searched three times, not nine.
publishing_commands := {
	"publish": ["npm publish", "pnpm publish", "yarn publish", "cargo publish", "poetry publish", "uv publish"],
	"upload": ["twine upload"],
	"push": ["gem push", "docker push"],
}

releases if "release" in input.triggers

releases if input.on.push.tags

releases if count(publishing_actions & actions) > 0

releases if {
	some verb, commands in publishing_commands
	contains(input.run_text, verb)
	some command in commands
	contains(input.run_text, command)
}

actions := object.keys(input.steps_by_action)

# Actions that restore a cache, always or when an input asks for it.
cache_actions := {
	"actions/cache", "actions/setup-go", "swatinem/rust-cache", "actions/setup-node",
	"actions/setup-python", "actions/setup-java", "actions/setup-dotnet", "ruby/setup-ruby",
	"astral-sh/setup-uv",
}

# The setup actions whose `cache` input turns caching on.
cache_input := {"actions/setup-node", "actions/setup-python", "actions/setup-java", "actions/setup-dotnet"}

restores(step) if {
	step.action.name == "actions/cache"
	object.get(step.action, "path", null) in {null, "restore"}
}

restores(step) if {
	step.action.name == "actions/setup-go"
	not step["with"].cache in {false, "false"}
}

restores(step) if step.action.name == "swatinem/rust-cache"

restores(step) if {
	step.action.name in cache_input
	not step["with"].cache in {false, "false", ""}
	step["with"].cache
}

restores(step) if {
	step.action.name == "ruby/setup-ruby"
	step["with"]["bundler-cache"] in {true, "true"}
}

restores(step) if {
	step.action.name == "astral-sh/setup-uv"
	step["with"]["enable-cache"] in {true, "true"}
}

deny contains finding if {
	# Most workflows do not publish: that is the cheaper question.
	releases
	some name in cache_actions & actions
	some entry in input.steps_by_action[name]
	restores(entry.step)
	finding := {
		"message": concat("", ["`", entry.step.uses, "` restores a cache in a workflow that publishes; a cache entry written by a pull-request run can end up in the release. Build releases without caches"]),
		"path": array.concat(entry.path, ["uses"]),
	}
}
