package atlas9.terraform.sg_open_ingress_test

import data.atlas9.terraform.sg_open_ingress
import data.atlas9.test.terraform as tf
import rego.v1

ingress(from, to, cidr) := {"from_port": from, "to_port": to, "protocol": "tcp", "cidr_blocks": [cidr]}

group(rules) := tf.one("aws_security_group", {"ingress": rules})

test_ssh_from_anywhere_is_reported_at_the_cidr_blocks if {
	findings := sg_open_ingress.deny with input as group([ingress(443, 443, "0.0.0.0/0"), ingress(22, 22, "0.0.0.0/0")])
	[f] := [x | some x in findings]
	f.path == ["resources", "aws_security_group.x", "config", "ingress", 1, "cidr_blocks"]
	f.message == "port 22 is open to the whole internet; allow only the addresses that need them, or reach the service through a VPN or bastion"
}

test_ranges_all_protocols_and_ipv6_are_reported if {
	count(sg_open_ingress.deny) == 1 with input as group([ingress(0, 65535, "0.0.0.0/0")])
	count(sg_open_ingress.deny) == 1 with input as group([object.union(ingress(22, 22, ""), {"cidr_blocks": "0.0.0.0/0"})])
	count(sg_open_ingress.deny) == 1 with input as group([{"from_port": 0, "to_port": 0, "protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}])
	rule := tf.one("aws_security_group_rule", object.union(ingress(3389, 3389, "0.0.0.0/0"), {"type": "ingress"}))
	count(sg_open_ingress.deny) == 1 with input as rule
	vpc_rule := tf.one("aws_vpc_security_group_ingress_rule", {"cidr_ipv4": "0.0.0.0/0", "from_port": 5432, "to_port": 5432, "ip_protocol": "tcp"})
	count(sg_open_ingress.deny) == 1 with input as vpc_rule
}

test_gcp_and_azure_rules_are_reported if {
	firewall := tf.one("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22", "443"]}]})
	findings := sg_open_ingress.deny with input as firewall
	[f] := [x | some x in findings]
	startswith(f.message, "ports 22 are open")
	count(sg_open_ingress.deny) == 1 with input as tf.one("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "all"}]})
	count(sg_open_ingress.deny) == 1 with input as tf.one("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp"}]})
	nsg := {"direction": "Inbound", "access": "Allow", "source_address_prefix": "*", "destination_port_range": "3389"}
	count(sg_open_ingress.deny) == 1 with input as tf.one("azurerm_network_security_group", {"security_rule": [nsg]})
	count(sg_open_ingress.deny) == 1 with input as tf.one("azurerm_network_security_rule", nsg)
}

test_web_ports_private_ranges_and_unknowns_are_silent if {
	count(sg_open_ingress.deny) == 0 with input as group([ingress(80, 80, "0.0.0.0/0"), ingress(443, 443, "::/0")])
	count(sg_open_ingress.deny) == 0 with input as group([ingress(22, 22, "10.0.0.0/8")])
	count(sg_open_ingress.deny) == 0 with input as group([ingress(tf.unknown("var.port"), tf.unknown("var.port"), "0.0.0.0/0")])
	count(sg_open_ingress.deny) == 0 with input as group([object.union(ingress(22, 22, ""), {"cidr_blocks": tf.unknown("var.cidrs")})])
	egress := tf.one("aws_security_group_rule", object.union(ingress(22, 22, "0.0.0.0/0"), {"type": "egress"}))
	count(sg_open_ingress.deny) == 0 with input as egress
	web := tf.one("google_compute_firewall", {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["443"]}]})
	count(sg_open_ingress.deny) == 0 with input as web
	nsg := {"direction": "Inbound", "access": "Allow", "source_address_prefix": "VirtualNetwork", "destination_port_range": "22"}
	count(sg_open_ingress.deny) == 0 with input as tf.one("azurerm_network_security_rule", nsg)
}
