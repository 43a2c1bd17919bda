package atlas9.terraform.provider_unpinned_test

import data.atlas9.terraform.provider_unpinned
import data.atlas9.test.terraform as tf
import rego.v1

required(providers) := tf.module([], {"terraform": {"backend": null, "required_providers": providers}})

test_entries_without_a_version_are_reported if {
	findings := provider_unpinned.deny with input as required({"aws": {"source": "hashicorp/aws"}})
	[f] := [x | some x in findings]
	f.path == ["terraform", "required_providers", "aws"]
	count(provider_unpinned.deny) == 1 with input as required({"aws": ""})
}

test_provider_blocks_missing_from_required_providers_are_reported if {
	doc := tf.module([], {"providers": [{"_name": "google", "project": "acme"}]})
	findings := provider_unpinned.deny with input as doc
	[f] := [x | some x in findings]
	f.path == ["providers", 0]
}

test_open_ranges_are_reported_in_root_modules_only if {
	open := required({"aws": {"source": "hashicorp/aws", "version": ">= 4.0"}})
	count(provider_unpinned.deny) == 1 with input as open
	count(provider_unpinned.deny) == 0 with input as object.union(open, {"root": false})
}

test_constrained_providers_are_silent if {
	count(provider_unpinned.deny) == 0 with input as required({"aws": {"source": "hashicorp/aws", "version": "~> 5.0"}})
	count(provider_unpinned.deny) == 0 with input as required({"aws": "~> 5.0"})
	both := tf.module([], {
		"terraform": {"backend": null, "required_providers": {"aws": {"version": ">= 5.0, < 6.0"}}},
		"providers": [{"_name": "aws", "region": "eu-west-1"}],
	})
	count(provider_unpinned.deny) == 0 with input as both
}

test_constraints_known_only_at_plan_time_are_silent if {
	count(provider_unpinned.deny) == 0 with input as required({"aws": {"source": "hashicorp/aws", "version": tf.unknown("var.aws")}})
	count(provider_unpinned.deny) == 0 with input as required({"aws": tf.unknown("local.aws")})
}
