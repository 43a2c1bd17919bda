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

# `ebs_volumes` lists volume resources and the volume blocks of instances, launch
# configurations and launch templates in one shape.
deny contains finding if {
	not encrypted_by_default
	some volume in input.ebs_volumes
	object.get(volume.config, "encrypted", null) in {null, false}
	not volume.config.snapshot_id
	finding := {
		"message": "the volume and its snapshots are not encrypted; set `encrypted = true`, or turn on `aws_ebs_encryption_by_default` for the account",
		"path": array.concat(volume.path, ["encrypted"]),
	}
}

encrypted_by_default if {
	some r in input.by_type.aws_ebs_encryption_by_default
	object.get(r.config, "enabled", true) != false
}
