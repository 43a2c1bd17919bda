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

import data.atlas9.terraform.lib
import rego.v1

policy_types := [
	"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy",
	"aws_iam_group_policy", "aws_s3_bucket_policy", "aws_sqs_queue_policy",
	"aws_sns_topic_policy", "aws_kms_key",
]

message(action) := sprintf("`%s` allows every action%s, including destructive ones the service may add later; list the actions the role needs", [action, scope(action)])

scope(action) := "" if action == "*"

scope(action) := " of the service" if action != "*"

wildcard(action) if action == "*"

wildcard(action) if endswith(action, ":*")

deny contains finding if {
	some type in policy_types
	some r in input.by_type[type]
	some [at, statement] in lib.statements(r.config.policy)
	object.get(statement, "Effect", "") == "Allow"
	some action in lib.items(statement.Action)
	is_string(action)
	wildcard(action)
	policy := lib.attribute(r.address, "policy")
	finding := {"message": message(action), "path": array.concat(array.concat(policy, at), ["Action"])}
}

deny contains finding if {
	some address, d in input.data
	d.type == "aws_iam_policy_document"
	some i, statement in d.config.statement
	object.get(statement, "effect", "Allow") == "Allow"
	some action in lib.items(statement.actions)
	is_string(action)
	wildcard(action)
	finding := {
		"message": message(action),
		"path": ["data", address, "config", "statement", i, "actions"],
	}
}
