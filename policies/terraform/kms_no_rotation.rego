# METADATA
# title: A symmetric encryption key is never rotated
# description: |
#   ## What it does
#   Reports a symmetric `aws_kms_key` whose `enable_key_rotation` is missing or `false`, and a
#   Google Cloud `google_kms_crypto_key` for encryption without a `rotation_period`.
#   Asymmetric and HMAC keys cannot rotate automatically and are not reported.
#
#   ## Why is this bad?
#   A key that never rotates protects years of data with one piece of key material; if it is
#   ever exposed, all of it is. Automatic rotation keeps old material for decrypting and costs
#   no code change.
#
#   ## Example
#   ```hcl
#   resource "aws_kms_key" "data" {
#     description = "application data"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_kms_key" "data" {
#     description         = "application data"
#     enable_key_rotation = true
#   }
#   ```
#
#   ## Fix safety
#   The fix sets `enable_key_rotation = true`. It is unsafe only in that it changes the key's
#   configuration on the next apply; data encrypted before stays readable.
# custom:
#   severity: warning
package atlas9.terraform.kms_no_rotation

import rego.v1

deny contains finding if {
	some r in input.by_type.aws_kms_key
	object.get(r.config, "enable_key_rotation", null) in {null, false}
	object.get(r.config, "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	object.get(r.config, "key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	finding := {
		"message": "the key is never rotated; set `enable_key_rotation = true`",
		"path": ["resources", r.address, "config", "enable_key_rotation"],
	}
}

deny contains finding if {
	some r in input.by_type.google_kms_crypto_key
	object.get(r.config, "purpose", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	object.get(r.config, "rotation_period", null) in {null, ""}
	finding := {
		"message": "the key is never rotated; set a `rotation_period` such as \"7776000s\" (90 days)",
		"path": ["resources", r.address, "config", "rotation_period"],
	}
}
