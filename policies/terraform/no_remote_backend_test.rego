package atlas9.terraform.no_remote_backend_test

import data.atlas9.terraform.no_remote_backend
import data.atlas9.test.terraform as tf
import rego.v1

vpc := tf.resource("aws_vpc", "main", {"cidr_block": "10.0.0.0/16"})

backend(b) := tf.module([vpc], {"terraform": {"backend": b, "required_providers": {}}})

test_root_modules_without_a_remote_backend_are_reported if {
	findings := no_remote_backend.deny with input as tf.module([vpc], {})
	[f] := [x | some x in findings]
	f.path == ["terraform", "backend"]
	count(no_remote_backend.deny) == 1 with input as backend({"type": "local", "path": "terraform.tfstate"})
	calls_only := tf.module([], {"modules": {"vpc": {"source": "./modules/vpc"}}})
	count(no_remote_backend.deny) == 1 with input as calls_only
}

test_remote_backends_child_modules_and_empty_modules_are_silent if {
	count(no_remote_backend.deny) == 0 with input as backend({"type": "s3", "bucket": "state"})
	count(no_remote_backend.deny) == 0 with input as backend({"type": "cloud"})
	count(no_remote_backend.deny) == 0 with input as object.union(tf.module([vpc], {}), {"root": false})
	count(no_remote_backend.deny) == 0 with input as tf.module([], {})
}
