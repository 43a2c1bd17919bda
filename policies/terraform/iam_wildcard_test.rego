package atlas9.terraform.iam_wildcard_test

import data.atlas9.terraform.iam_wildcard
import data.atlas9.test.terraform as tf
import rego.v1

policy(statement) := tf.one("aws_iam_policy", {"policy": {"Statement": statement}})

test_star_and_service_wildcards_are_reported if {
	findings := iam_wildcard.deny with input as policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}])
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_iam_policy.x", "config", "policy", "Statement", 0, "Action"]
	count(iam_wildcard.deny) == 1 with input as policy({"Effect": "Allow", "Action": ["s3:GetObject", "s3:*"]})
}

test_policy_documents_are_reported_at_their_actions if {
	document := {"type": "aws_iam_policy_document", "config": {"statement": [{"actions": ["iam:*"]}]}}
	doc := tf.module([], {"data": {"aws_iam_policy_document.admin": document}})
	findings := iam_wildcard.deny with input as doc
	[f] := [x | some x in findings]
	f.path == ["data", "aws_iam_policy_document.admin", "config", "statement", 0, "actions"]
}

test_named_actions_describe_star_and_deny_are_silent if {
	count(iam_wildcard.deny) == 0 with input as policy([{"Effect": "Allow", "Action": ["ec2:Describe*", "s3:GetObject"]}])
	count(iam_wildcard.deny) == 0 with input as policy([{"Effect": "Deny", "Action": "*", "Resource": "*"}])
	denied := {"type": "aws_iam_policy_document", "config": {"statement": [{"effect": "Deny", "actions": ["*"]}]}}
	count(iam_wildcard.deny) == 0 with input as tf.module([], {"data": {"aws_iam_policy_document.guard": denied}})
	count(iam_wildcard.deny) == 0 with input as tf.one("aws_iam_policy", {"policy": tf.unknown("data.aws_iam_policy_document.x.json")})
}
