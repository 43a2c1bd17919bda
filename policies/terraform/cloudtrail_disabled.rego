# METADATA
# title: An audit trail records nothing
# description: |
#   ## What it does
#   Reports an `aws_cloudtrail` with `enable_logging = false`, or whose event selectors leave
#   out management events (`include_management_events = false`), the record of who changed
#   what in the account.
#
#   ## Why is this bad?
#   Without the trail there is no answer to "who deleted this, and when", neither during an
#   incident nor in an audit. Turning logging off is also one of the first things an attacker
#   with enough rights does, which is why it should never be the configured state.
#
#   ## Example
#   ```hcl
#   resource "aws_cloudtrail" "main" {
#     enable_logging = false
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_cloudtrail" "main" {
#     enable_logging             = true
#     is_multi_region_trail      = true
#     enable_log_file_validation = true
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: a trail switched off may be on purpose for a while, and turning it back on
#   is a decision about cost and storage.
package atlas9.terraform.cloudtrail_disabled

import rego.v1

deny contains finding if {
	some r in input.by_type.aws_cloudtrail
	r.config.enable_logging == false
	finding := {
		"message": "the trail is switched off and records no API calls; set `enable_logging = true`",
		"path": ["resources", r.address, "config", "enable_logging"],
	}
}

deny contains finding if {
	some r in input.by_type.aws_cloudtrail
	some i, selector in r.config.event_selector
	selector.include_management_events == false
	finding := {
		"message": "the trail leaves out management events, the record of who changed what; set `include_management_events = true`",
		"path": ["resources", r.address, "config", "event_selector", i, "include_management_events"],
	}
}
