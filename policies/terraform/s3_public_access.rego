# METADATA
# title: A storage bucket is readable by anyone
# description: |
#   ## What it does
#   Reports storage opened to the whole internet: an S3 bucket ACL of `public-read`,
#   `public-read-write` or `authenticated-read`, a bucket policy that allows reads to
#   `Principal "*"` without a condition, a Cloud Storage binding for `allUsers` or
#   `allAuthenticatedUsers`, and Azure containers or accounts that allow anonymous blob access.
#
#   ## Why is this bad?
#   Public buckets are the most common cloud data leak: backups, exports and logs put there
#   "for a moment" are found by scanners within hours. Sites that must be public are better
#   served through a CDN whose origin stays private.
#
#   ## Example
#   ```hcl
#   resource "aws_s3_bucket_acl" "reports" {
#     bucket = aws_s3_bucket.reports.id
#     acl    = "public-read"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_s3_bucket_acl" "reports" {
#     bucket = aws_s3_bucket.reports.id
#     acl    = "private"
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: some buckets are public on purpose, and closing one breaks its readers.
package atlas9.terraform.s3_public_access

import data.atlas9.terraform.lib
import rego.v1

deny contains finding if {
	some type in ["aws_s3_bucket", "aws_s3_bucket_acl"]
	some r in input.by_type[type]
	r.config.acl in {"public-read", "public-read-write", "authenticated-read"}
	finding := {
		"message": sprintf("ACL `%s` lets anyone on the internet read the bucket; use `private` and grant access to named principals", [r.config.acl]),
		"path": ["resources", r.address, "config", "acl"],
	}
}

deny contains finding if {
	some statement in input.iam_statements
	statement.type == "aws_s3_bucket_policy"
	statement.effect == "Allow"
	everyone(statement.statement.Principal)
	some action in statement.actions
	action in {"*", "s3:*", "s3:GetObject", "s3:Get*", "s3:ListBucket", "s3:List*"}
	not statement.statement.Condition
	finding := {
		"message": sprintf("the bucket policy allows `%s` to everyone (`Principal \"*\"`) without a condition; name the principals, or serve public files through a CDN with a private origin", [action]),
		"path": array.concat(statement.path, ["Principal"]),
	}
}

everyone(principal) if principal == "*"

everyone(principal) if "*" in lib.items(principal.AWS)

deny contains finding if {
	some type in ["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"]
	some r in input.by_type[type]
	some name in ["member", "members"]
	some member in lib.items(r.config[name])
	member in {"allUsers", "allAuthenticatedUsers"}
	finding := {
		"message": sprintf("`%s` opens the bucket to everyone on the internet; grant the role to named members", [member]),
		"path": ["resources", r.address, "config", name],
	}
}

deny contains finding if {
	some r in input.by_type.azurerm_storage_container
	r.config.container_access_type in {"blob", "container"}
	finding := {
		"message": sprintf("container access type `%s` allows anonymous reads; use `private`", [r.config.container_access_type]),
		"path": ["resources", r.address, "config", "container_access_type"],
	}
}

deny contains finding if {
	some r in input.by_type.azurerm_storage_account
	some name in ["allow_nested_items_to_be_public", "allow_blob_public_access"]
	r.config[name] == true
	finding := {
		"message": sprintf("`%s = true` lets containers of this account allow anonymous reads; set it to `false`", [name]),
		"path": ["resources", r.address, "config", name],
	}
}
