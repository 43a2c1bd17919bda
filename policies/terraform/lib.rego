# Helpers shared by the Terraform policies. A value atlas9 cannot know before `terraform plan`
# is `{"unknown": "<its source text>"}`: no helper here treats it as on or off, so a policy
# built on them stays quiet about it.
package atlas9.terraform.lib

import rego.v1

# A value computed at plan time.
unknown(v) if {
	is_object(v)
	is_string(v.unknown)
}

# `v` as a list of known elements: a list or set as it is, a known value alone, nothing for an
# unknown value.
items(v) := v if {
	is_array(v)
} else := [x | some x in v] if {
	is_set(v)
} else := [] if {
	unknown(v)
} else := [v]

# True when the expression text `text` refers to the resource at `address`
# (`aws_s3_bucket.logs.id`, `aws_s3_bucket.logs[each.key].id`, `aws_s3_bucket.logs`).
refers(text, address) if {
	startswith(text, address)
	substring(text, count(address), 1) in {"", ".", "["}
}

# True when `v`, a resource's `bucket` attribute, names the bucket `bucket`: the same literal
# name, or a reference to it, directly or through the `for_each` of `config`
# (`for_each = aws_s3_bucket.logs` with `bucket = each.value.id`).
names_bucket(config, bucket) if {
	is_string(config.bucket)
	config.bucket == bucket.config.bucket
}

names_bucket(config, bucket) if refers(config.bucket.unknown, bucket.address)

names_bucket(config, bucket) if {
	startswith(config.bucket.unknown, "each.")
	refers(config.for_each.unknown, bucket.address)
}

# A version constraint that lets any future major version in: lower bounds only.
unbounded(constraint) if {
	every part in split(constraint, ",") {
		strings.any_prefix_match(trim_space(part), [">", "!="])
	}
}
