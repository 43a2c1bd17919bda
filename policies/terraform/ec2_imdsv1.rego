# METADATA
# title: An instance allows the unauthenticated metadata service (IMDSv1)
# description: |
#   ## What it does
#   Reports an `aws_instance`, `aws_launch_template` or `aws_launch_configuration` whose
#   `metadata_options` do not set `http_tokens = "required"`, unless the metadata endpoint is
#   disabled.
#
#   ## Why is this bad?
#   With IMDSv1 any request the instance can be tricked into making, a server-side request
#   forgery in a web application, a misconfigured proxy, reads the role's credentials from
#   `169.254.169.254`. IMDSv2 needs a token obtained with a `PUT` first, which those requests
#   cannot do.
#
#   ## Example
#   ```hcl
#   resource "aws_instance" "web" {
#     ami           = var.ami
#     instance_type = "t3.micro"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_instance" "web" {
#     ami           = var.ami
#     instance_type = "t3.micro"
#     metadata_options {
#       http_tokens = "required"
#     }
#   }
#   ```
#
#   ## Fix safety
#   The fix sets `http_tokens = "required"`. It is unsafe: software on the instance that still
#   uses IMDSv1 (old SDKs and agents) stops getting credentials.
package atlas9.terraform.ec2_imdsv1

import rego.v1

deny contains finding if {
	some type in {"aws_instance", "aws_launch_template", "aws_launch_configuration"} & input.types
	some r in input.by_type[type]
	options := object.get(r.config, "metadata_options", [{}])
	is_array(options)
	some i, o in options
	object.get(o, "http_tokens", null) in {null, "optional"}
	not o.http_endpoint == "disabled"
	finding := {
		"message": "the instance answers IMDSv1 requests, so a server-side request forgery can read its role's credentials; set `http_tokens = \"required\"` in `metadata_options`",
		"path": ["resources", r.address, "config", "metadata_options", i, "http_tokens"],
	}
}
