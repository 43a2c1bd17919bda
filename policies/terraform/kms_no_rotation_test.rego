package atlas9.terraform.kms_no_rotation_test

import data.atlas9.terraform.kms_no_rotation
import data.atlas9.test.terraform as tf
import rego.v1

test_keys_without_rotation_are_reported if {
	findings := kms_no_rotation.deny with input as tf.one("aws_kms_key", {"description": "data"})
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_kms_key.x", "config", "enable_key_rotation"]
	count(kms_no_rotation.deny) == 1 with input as tf.one("aws_kms_key", {"enable_key_rotation": false})
	count(kms_no_rotation.deny) == 1 with input as tf.one("google_kms_crypto_key", {"name": "data"})
}

test_rotated_asymmetric_and_signing_keys_are_silent if {
	count(kms_no_rotation.deny) == 0 with input as tf.one("aws_kms_key", {"enable_key_rotation": true})
	count(kms_no_rotation.deny) == 0 with input as tf.one("aws_kms_key", {"customer_master_key_spec": "RSA_2048"})
	count(kms_no_rotation.deny) == 0 with input as tf.one("aws_kms_key", {"key_spec": "HMAC_256"})
	count(kms_no_rotation.deny) == 0 with input as tf.one("google_kms_crypto_key", {"rotation_period": "7776000s"})
	count(kms_no_rotation.deny) == 0 with input as tf.one("google_kms_crypto_key", {"purpose": "ASYMMETRIC_SIGN"})
}
