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

# A version constraint that lets any future major version in: lower bounds only.
unbounded(constraint) if {
	every part in split(constraint, ",") {
		strings.any_prefix_match(trim_space(part), [">", "!="])
	}
}
