package atlas9.terraform.ebs_unencrypted_test

import data.atlas9.terraform.ebs_unencrypted
import data.atlas9.test.terraform as tf
import rego.v1

volume := tf.resource("aws_ebs_volume", "data", {"size": 100})

test_unencrypted_volumes_and_devices_are_reported if {
	findings := ebs_unencrypted.deny with input as tf.module([volume], {})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_ebs_volume.data", "config", "encrypted"]
	instance := tf.one("aws_instance", {"root_block_device": [{"volume_size": 50}], "ebs_block_device": [{"encrypted": true}]})
	findings2 := ebs_unencrypted.deny with input as instance
	[g] := [x | some x in findings2]
	g.path == ["resources", "aws_instance.x", "config", "root_block_device", 0, "encrypted"]
	template := tf.one("aws_launch_template", {"block_device_mappings": [{"ebs": [{"encrypted": false}]}]})
	count(ebs_unencrypted.deny) == 1 with input as template
}

test_encryption_by_default_covers_the_module if {
	by_default := tf.resource("aws_ebs_encryption_by_default", "on", {"enabled": true})
	count(ebs_unencrypted.deny) == 0 with input as tf.module([volume, by_default], {})
	turned_off := tf.resource("aws_ebs_encryption_by_default", "off", {"enabled": false})
	count(ebs_unencrypted.deny) == 1 with input as tf.module([volume, turned_off], {})
}

test_encrypted_snapshots_and_unknowns_are_silent if {
	count(ebs_unencrypted.deny) == 0 with input as tf.one("aws_ebs_volume", {"encrypted": true})
	count(ebs_unencrypted.deny) == 0 with input as tf.one("aws_ebs_volume", {"snapshot_id": "snap-1"})
	count(ebs_unencrypted.deny) == 0 with input as tf.one("aws_ebs_volume", {"encrypted": tf.unknown("var.encrypted")})
	count(ebs_unencrypted.deny) == 0 with input as tf.one("aws_instance", {"ami": "ami-1"})
}
