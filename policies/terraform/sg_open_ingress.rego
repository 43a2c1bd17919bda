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

open_to_all := " open to the whole internet; allow only the addresses that need them, or reach the service through a VPN or bastion"

# AWS: security group `ingress` blocks and the two rule resources, in one shape. `ports` is
# `[]` for every port, `[port]` or `[from, to]`, and `null` when not known.
deny contains finding if {
	some rule in input.aws_ingress
	some cidr in rule.cidrs
	cidr in {"0.0.0.0/0", "::/0"}
	not rule.ports in {[80], [443]}
	described := {0: "every port is", 1: "port %d is", 2: "ports %d-%d are"}[count(rule.ports)]
	finding := {"message": concat("", [sprintf(described, rule.ports), open_to_all]), "path": rule.path}
}

deny contains finding if {
	some r in input.by_type.google_compute_firewall
	object.get(r.config, "direction", "INGRESS") == "INGRESS"
	some cidr in lib.items(r.config.source_ranges)
	cidr in {"0.0.0.0/0", "::/0"}
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
	some r in input.by_type.azurerm_network_security_rule
	finding := azure_open(r.config, ["resources", r.address, "config"])
}

deny contains finding if {
	some r in input.by_type.azurerm_network_security_group
	some i, rule in r.config.security_rule
	finding := azure_open(rule, ["resources", r.address, "config", "security_rule", i])
}

# The finding for an Azure security rule at `path` that admits the internet to a port other
# than HTTP(S).
azure_open(rule, path) := {
	"message": concat("", ["port range `", port, "` is", open_to_all]),
	"path": array.concat(path, ["source_address_prefix"]),
} if {
	lower(object.get(rule, "direction", "")) == "inbound"
	lower(object.get(rule, "access", "")) == "allow"
	lower(object.get(rule, "source_address_prefix", "")) in {"*", "0.0.0.0/0", "internet", "any"}
	port := rule.destination_port_range
	is_string(port)
	not port in {"80", "443"}
}
