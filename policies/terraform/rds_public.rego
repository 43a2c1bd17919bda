# METADATA
# title: A database is reachable from the internet
# description: |
#   ## What it does
#   Reports an `aws_db_instance` or `aws_rds_cluster_instance` with
#   `publicly_accessible = true`.
#
#   ## Why is this bad?
#   A public endpoint puts the database's login in front of every scanner on the internet;
#   the only thing left between them and the data is a password and the security group. Keep
#   databases in private subnets and reach them through the application, a bastion or a VPN.
#
#   ## Example
#   ```hcl
#   resource "aws_db_instance" "main" {
#     publicly_accessible = true
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_db_instance" "main" {
#     publicly_accessible = false
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: turning the public endpoint off breaks whatever connects through it today.
package atlas9.terraform.rds_public

import rego.v1

deny contains finding if {
	some type in ["aws_db_instance", "aws_rds_cluster_instance"]
	some r in input.by_type[type]
	r.config.publicly_accessible == true
	finding := {
		"message": "the database gets a public endpoint; set `publicly_accessible = false` and reach it from inside the VPC",
		"path": ["resources", r.address, "config", "publicly_accessible"],
	}
}
