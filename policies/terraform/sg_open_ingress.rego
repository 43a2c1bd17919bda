# METADATA
# title: A firewall admits the whole internet to a port other than HTTP(S)
# description: |
#   ## What it does
#   Reports ingress from `0.0.0.0/0` or `::/0` to anything but ports 80 and 443: AWS security
#   group `ingress` blocks (expanded `dynamic` blocks included), `aws_security_group_rule`,
#   `aws_vpc_security_group_ingress_rule`, Google Cloud firewalls and Azure network security
#   rules. A rule whose ports or ranges are known only at plan time is not reported.
#
#   ## Why is this bad?
#   SSH, RDP, databases and admin consoles open to the internet are scanned within minutes of
#   being exposed, and every unpatched service or weak password behind them is then a way in.
#   Reach them through a VPN, a bastion with short-lived credentials, or Session Manager.
#
#   ## Example
#   ```hcl
#   ingress {
#     from_port   = 22
#     to_port     = 22
#     protocol    = "tcp"
#     cidr_blocks = ["0.0.0.0/0"]
#   }
#   ```
#
#   Use instead:
#   ```hcl
#   ingress {
#     from_port   = 22
#     to_port     = 22
#     protocol    = "tcp"
#     cidr_blocks = [var.office_cidr]
#   }
#   ```
#
#   ## Fix safety
#   There is no fix: which addresses should reach the port is known only to its owners.
package atlas9.terraform.sg_open_ingress

import data.atlas9.terraform.lib
import rego.v1

anywhere := {"0.0.0.0/0", "::/0"}

open_to_all := " open to the whole internet; allow only the addresses that need them, or reach the service through a VPN or bastion"

# AWS: security group `ingress` blocks and the two rule resources, in one shape.
deny contains finding if {
	some rule in input.aws_ingress
	some cidr in rule.cidrs
	cidr in anywhere
	ports := exposed(rule.protocol, rule.from_port, rule.to_port)
	finding := {"message": concat("", [ports, open_to_all]), "path": rule.path}
}

# The ports a rule opens, described, unless they are only 80 and 443.
exposed(protocol, from, to) := "every port is" if {
	protocol in {"-1", -1, "all"}
} else := sprintf("port %d is", [from]) if {
	from == to
	is_number(from)
	not from in {80, 443}
} else := sprintf("ports %d-%d are", [from, to]) if {
	from != to
	is_number(from)
	is_number(to)
}

deny contains finding if {
	some r in input.by_type.google_compute_firewall
	object.get(r.config, "direction", "INGRESS") == "INGRESS"
	some cidr in lib.items(r.config.source_ranges)
	cidr in anywhere
	some i, allow in r.config.allow
	ports := gcp_exposed(allow)
	finding := {
		"message": concat("", [ports, open_to_all]),
		"path": ["resources", r.address, "config", "allow", i],
	}
}

gcp_exposed(allow) := "every port is" if allow.protocol == "all"

gcp_exposed(allow) := "every port is" if {
	allow.protocol != "all"
	not allow.ports
}

gcp_exposed(allow) := sprintf("ports %s are", [concat(", ", others)]) if {
	allow.protocol != "all"
	is_array(allow.ports)
	others := [p | some p in allow.ports; is_string(p); not p in {"80", "443"}]
	count(others) > 0
}

deny contains finding if {
	some rule in azure_rules
	lower(object.get(rule.value, "direction", "")) == "inbound"
	lower(object.get(rule.value, "access", "")) == "allow"
	lower(object.get(rule.value, "source_address_prefix", "")) in {"*", "0.0.0.0/0", "internet", "any"}
	port := rule.value.destination_port_range
	is_string(port)
	not port in {"80", "443"}
	finding := {
		"message": concat("", ["port range `", port, "` is", open_to_all]),
		"path": array.concat(rule.path, ["source_address_prefix"]),
	}
}

azure_rules contains {"value": r.config, "path": ["resources", r.address, "config"]} if {
	some r in input.by_type.azurerm_network_security_rule
}

azure_rules contains {"value": rule, "path": ["resources", r.address, "config", "security_rule", i]} if {
	some r in input.by_type.azurerm_network_security_group
	some i, rule in r.config.security_rule
}
