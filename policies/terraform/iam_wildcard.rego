# METADATA
# title: An IAM policy allows every action
# description: |
#   ## What it does
#   Reports an `Allow` statement whose actions include `*` or a whole service (`s3:*`), in a
#   policy written as `jsonencode`, as heredoc JSON or as an `aws_iam_policy_document`. Wildcards
#   inside a name (`ec2:Describe*`) are fine, and so are `Deny` statements, which guard.
#
#   ## Why is this bad?
#   A wildcard grants today's actions and every one the service adds later, destructive ones
#   included (`s3:*` can delete a bucket, `iam:*` can make anyone an administrator). Whoever
#   gets the role's credentials, a compromised instance or a leaked key, gets all of it.
#
#   ## Example
#   ```hcl
#   policy = jsonencode({
#     Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
#   })
#   ```
#
#   Use instead:
#   ```hcl
#   policy = jsonencode({
#     Statement = [{
#       Effect   = "Allow"
#       Action   = ["s3:GetObject", "s3:PutObject"]
#       Resource = "${aws_s3_bucket.uploads.arn}/*"
#     }]
#   })
#   ```
#
#   ## Fix safety
#   There is no fix: which actions the role needs is known only to its owners (IAM Access
#   Analyzer can generate a policy from what the role actually used).
package atlas9.terraform.iam_wildcard

import rego.v1

deny contains finding if {
	some statement in input.iam_statements
	statement.effect == "Allow"
	# The resources whose `policy` is an IAM policy, and the policy document data source.
	statement.type in {
		"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy",
		"aws_iam_group_policy", "aws_s3_bucket_policy", "aws_sqs_queue_policy",
		"aws_sns_topic_policy", "aws_kms_key", "aws_iam_policy_document",
	}
	some action in statement.actions
	endswith(action, "*")
	finding := {
		"message": concat("", ["`", action, "` allows every action", scope(action), ", including destructive ones the service may add later; list the actions the role needs"]),
		"path": statement.actions_path,
	}
}

scope(action) := "" if {
	action == "*"
} else := " of the service" if {
	endswith(action, ":*")
}
