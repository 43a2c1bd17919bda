# METADATA
# title: An EBS volume is not encrypted
# description: |
#   ## What it does
#   Reports an `aws_ebs_volume`, and the `root_block_device`, `ebs_block_device` and launch
#   template `ebs` blocks, whose `encrypted` is missing or `false`, unless the module turns on
#   `aws_ebs_encryption_by_default`. Volumes made from a snapshot inherit its encryption and are
#   not reported.
#
#   ## Why is this bad?
#   Unencrypted volumes leave their data, and every snapshot of them, readable by anyone a
#   snapshot is shared with, by mistake or by an attacker who can call `ModifySnapshotAttribute`.
#   Encryption costs nothing noticeable and cannot be added to a volume in place.
#
#   ## Example
#   ```hcl
#   resource "aws_ebs_volume" "data" {
#     availability_zone = "eu-west-1a"
#     size              = 100
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_ebs_volume" "data" {
#     availability_zone = "eu-west-1a"
#     size              = 100
#     encrypted         = true
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: encrypting an existing volume replaces it, and the account-wide default is
#   often the better place.
package atlas9.terraform.ebs_unencrypted

import rego.v1

message := "the volume and its snapshots are not encrypted; set `encrypted = true`, or turn on `aws_ebs_encryption_by_default` for the account"

deny contains finding if {
	not encrypted_by_default
	some r in input.by_type.aws_ebs_volume
	object.get(r.config, "encrypted", null) in {null, false}
	not r.config.snapshot_id
	finding := {"message": message, "path": ["resources", r.address, "config", "encrypted"]}
}

deny contains finding if {
	not encrypted_by_default
	some type in ["aws_instance", "aws_launch_configuration"]
	some r in input.by_type[type]
	some block in ["root_block_device", "ebs_block_device"]
	some i, device in r.config[block]
	object.get(device, "encrypted", null) in {null, false}
	not device.snapshot_id
	finding := {
		"message": message,
		"path": ["resources", r.address, "config", block, i, "encrypted"],
	}
}

deny contains finding if {
	not encrypted_by_default
	some r in input.by_type.aws_launch_template
	some i, mapping in r.config.block_device_mappings
	some j, ebs in mapping.ebs
	object.get(ebs, "encrypted", null) in {null, false}
	not ebs.snapshot_id
	finding := {
		"message": message,
		"path": ["resources", r.address, "config", "block_device_mappings", i, "ebs", j, "encrypted"],
	}
}

encrypted_by_default if {
	some r in input.by_type.aws_ebs_encryption_by_default
	object.get(r.config, "enabled", true) != false
}
