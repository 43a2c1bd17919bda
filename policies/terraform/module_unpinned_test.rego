package atlas9.terraform.module_unpinned_test

import data.atlas9.terraform.module_unpinned
import data.atlas9.test.terraform as tf
import rego.v1

call(config) := tf.module([], {"modules": {"m": config}})

test_git_sources_without_a_fixed_ref_are_reported if {
	findings := module_unpinned.deny with input as call({"source": "git::https://example.com/acme/vpc.git"})
	[f] := [x | some x in findings]
	f.path == ["modules", "m", "source"]
	count(module_unpinned.deny) == 1 with input as call({"source": "github.com/acme/vpc?ref=main"})
	count(module_unpinned.deny) == 1 with input as call({"source": "git@github.com:acme/vpc.git?ref=master"})
}

test_registry_modules_need_a_bounded_version if {
	findings := module_unpinned.deny with input as call({"source": "acme/vpc/aws"})
	[f] := [x | some x in findings]
	f.path == ["modules", "m", "version"]
	count(module_unpinned.deny) == 1 with input as call({"source": "acme/vpc/aws", "version": ">= 3.0"})
}

test_pinned_local_and_exact_sources_are_silent if {
	count(module_unpinned.deny) == 0 with input as call({"source": "git::https://example.com/acme/vpc.git?ref=v3.2.0"})
	count(module_unpinned.deny) == 0 with input as call({"source": "github.com/acme/vpc?ref=0123456789abcdef0123456789abcdef01234567"})
	count(module_unpinned.deny) == 0 with input as call({"source": "acme/vpc/aws", "version": "3.2.0"})
	count(module_unpinned.deny) == 0 with input as call({"source": "app.terraform.io/acme/vpc/aws", "version": "~> 3.2"})
	count(module_unpinned.deny) == 0 with input as call({"source": "./modules/vpc"})
	count(module_unpinned.deny) == 0 with input as call({"source": "../vpc"})
	count(module_unpinned.deny) == 0 with input as call({"source": tf.unknown("var.source")})
}
