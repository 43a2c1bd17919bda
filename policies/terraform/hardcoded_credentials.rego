# METADATA
# title: A credential is written into the configuration
# description: |
#   ## What it does
#   Reports a literal credential in Terraform code: a provider's `access_key`, `secret_key`,
#   `token`, `password` or `client_secret`, and a database's `password`, `master_password` or
#   `admin_password`. Values from variables without a default, from `random_password` or from a
#   secrets manager are not reported. The value is masked in atlas9's output.
#
#   ## Why is this bad?
#   Everyone who can read the repository, its forks and every clone ever made can use the
#   credential, and it also ends up in the plan and the state. Removing it from the code does
#   not remove it from the history: rotate it.
#
#   ## Example
#   ```hcl
#   resource "aws_db_instance" "main" {
#     password = "changeme"
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   resource "aws_db_instance" "main" {
#     manage_master_user_password = true
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: the credential must be rotated where it was issued, and where the new one
#   comes from depends on the setup.
package atlas9.terraform.hardcoded_credentials

import rego.v1

deny contains finding if {
	some i, provider in input.providers
	some name in {"access_key", "secret_key", "token", "password", "client_secret", "api_key", "api_token"} & object.keys(provider)
	value := provider[name]
	is_string(value)
	value != ""
	finding := {
		"message": concat("", ["provider `", provider._name, "` has a literal `", name, "`; rotate it, and let the provider read it from the environment or a secrets manager"]),
		"path": ["providers", i, name],
	}
}

deny contains finding if {
	# The resources that take a database password.
	some type in input.types & {
		"aws_db_instance", "aws_rds_cluster", "aws_redshift_cluster", "aws_docdb_cluster",
		"aws_elasticache_user", "aws_mq_broker", "google_sql_user", "azurerm_mssql_server",
		"azurerm_postgresql_server", "azurerm_postgresql_flexible_server", "azurerm_mysql_server",
		"azurerm_mysql_flexible_server", "azurerm_sql_server",
	}
	some r in input.by_type[type]
	some name in {"password", "master_password", "admin_password", "administrator_login_password", "root_password"} & object.keys(r.config)
	value := r.config[name]
	is_string(value)
	value != ""
	finding := {
		"message": concat("", ["`", name, "` is a literal password, stored in the repository and the state; rotate it and use `random_password` or a secrets manager"]),
		"path": ["resources", r.address, "config", name],
	}
}
