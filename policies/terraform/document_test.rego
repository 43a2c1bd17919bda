# Module documents for the Terraform policies' tests, with the facts the engine computes.
package atlas9.test.terraform

import rego.v1

# A resource of `type` named `name` with `config`.
resource(type, name, config) := {
	"type": type,
	"name": name,
	"address": concat(".", [type, name]),
	"config": config,
}

# A root module of `resources` (a list), with `extra` top-level fields.
module(resources, extra) := object.union(base, facts) if {
	base := object.union(
		{
			"kind": "terraform",
			"root": true,
			"resources": {r.address: r | some r in resources},
			"by_type": {t: [r | some r in resources; r.type == t] | some r0 in resources; t := r0.type},
			"types": {r.type | some r in resources},
			"data": {},
			"modules": {},
			"providers": [],
			"variables": {},
			"locals": {},
			"terraform": {"backend": null, "required_providers": {}},
		},
		extra,
	)
	facts := {
		"iam_statements": iam_statements(base),
		"aws_ingress": aws_ingress(base),
		"ebs_volumes": ebs_volumes(base),
		"bucket_resources": bucket_resources(base),
		"module_sources": module_sources(base),
		"provider_versions": provider_versions(base),
	}
}

# The statements of policies given as data and of policy documents, as atlas9 lists them.
iam_statements(doc) := array.concat(
	[statement(address, r.type, s, path, "Action", object.get(s, "Effect", null)) |
		some address, r in doc.resources
		some [path, s] in json_statements(address, object.get(r.config, ["policy", "Statement"], null))
	],
	[statement(address, d.type, s, ["data", address, "config", "statement", i], "actions", object.get(s, "effect", "Allow")) |
		some address, d in doc.data
		d.type == "aws_iam_policy_document"
		some i, s in d.config.statement
	],
)

json_statements(address, list) := [[["resources", address, "config", "policy", "Statement", i], s] | some i, s in list] if is_array(list)

json_statements(address, s) := [[["resources", address, "config", "policy", "Statement"], s]] if is_object(s)

json_statements(_, s) := [] if {
	not is_array(s)
	not is_object(s)
}

statement(address, type, s, path, field, effect) := {
	"address": address,
	"type": type,
	"effect": known_effect(effect),
	"actions": known_actions(object.get(s, field, null)),
	"actions_path": array.concat(path, [field]),
	"path": path,
	"statement": s,
}

known_effect(e) := e if e in {"Allow", "Deny"} else := null

known_actions(a) := [a] if is_string(a)

known_actions(a) := [x | some x in a; is_string(x)] if is_array(a)

known_actions(a) := [] if {
	not is_string(a)
	not is_array(a)
}

# The AWS ingress rules, one entry per source attribute, as atlas9 lists them.
aws_ingress(doc) := array.concat(
	array.concat(
		[ingress_entry(r, rule, ["ingress", i], name, "protocol") |
			some r in object.get(doc.by_type, "aws_security_group", [])
			some i, rule in object.get(r.config, "ingress", [])
			some name in ["cidr_blocks", "ipv6_cidr_blocks"]
			name in object.keys(rule)
		],
		[ingress_entry(r, r.config, [], name, "protocol") |
			some r in object.get(doc.by_type, "aws_security_group_rule", [])
			r.config.type == "ingress"
			some name in ["cidr_blocks", "ipv6_cidr_blocks"]
			name in object.keys(r.config)
		],
	),
	[ingress_entry(r, r.config, [], name, "ip_protocol") |
		some r in object.get(doc.by_type, "aws_vpc_security_group_ingress_rule", [])
		some name in ["cidr_ipv4", "cidr_ipv6"]
		name in object.keys(r.config)
	],
)

ingress_entry(r, rule, at, name, protocol) := {
	"address": r.address,
	"path": array.concat(array.concat(["resources", r.address, "config"], at), [name]),
	"cidrs": known_cidrs(rule[name]),
	"protocol": object.get(rule, protocol, null),
	"from_port": object.get(rule, "from_port", null),
	"to_port": object.get(rule, "to_port", null),
	"ports": ports(object.get(rule, protocol, null), object.get(rule, "from_port", null), object.get(rule, "to_port", null)),
}

# What the rule opens: every port, one, a range, or not known.
ports(protocol, from, to) := [] if {
	protocol in {"-1", -1, "all"}
} else := [from] if {
	is_number(from)
	from == to
} else := [from, to] if {
	is_number(from)
	is_number(to)
} else := null

known_cidrs(v) := [c | some c in v; is_string(c)] if is_array(v)

known_cidrs(v) := [v] if is_string(v)

known_cidrs(v) := [] if {
	not is_array(v)
	not is_string(v)
}

# The EBS volumes and volume blocks, one entry each, as atlas9 lists them.
ebs_volumes(doc) := array.concat(
	array.concat(
		[{"address": r.address, "path": ["resources", r.address, "config"], "config": r.config} |
			some r in object.get(doc.by_type, "aws_ebs_volume", [])
		],
		[{"address": r.address, "path": ["resources", r.address, "config", block, i], "config": device} |
			some type in ["aws_instance", "aws_launch_configuration"]
			some r in object.get(doc.by_type, type, [])
			some block in ["root_block_device", "ebs_block_device"]
			some i, device in object.get(r.config, block, [])
			is_object(device)
		],
	),
	[{"address": r.address, "path": ["resources", r.address, "config", "block_device_mappings", i, "ebs", j], "config": ebs} |
		some r in object.get(doc.by_type, "aws_launch_template", [])
		some i, mapping in object.get(r.config, "block_device_mappings", [])
		some j, ebs in object.get(mapping, "ebs", [])
		is_object(ebs)
	],
)

# For each bucket, the resources whose `bucket` names it, by type, as atlas9 lists them.
bucket_resources(doc) := {bucket.address: by_type |
	some bucket in object.get(doc.by_type, "aws_s3_bucket", [])
	by_type := {type: addresses |
		some r0 in doc.resources
		r0.type != "aws_s3_bucket"
		names_bucket(r0, bucket)
		type := r0.type
		addresses := [r.address | some r in doc.resources; r.type == type; names_bucket(r, bucket)]
	}
	count(by_type) > 0
}

# The same literal name, a reference (`aws_s3_bucket.logs.id`, `aws_s3_bucket.logs["a"].id`), or
# `each.value…` over a `for_each` that refers to the bucket.
names_bucket(r, bucket) if {
	is_string(r.config.bucket)
	r.config.bucket == bucket.config.bucket
}

names_bucket(r, bucket) if refers(r.config.bucket.unknown, bucket.address)

names_bucket(r, bucket) if {
	startswith(r.config.bucket.unknown, "each.")
	refers(r.config.for_each.unknown, bucket.address)
}

refers(text, address) if {
	startswith(text, address)
	substring(text, count(address), 1) in {"", ".", "["}
}

# Each module call's source type and git `ref`, as atlas9 parses them.
module_sources(doc) := {name: {"type": source_type(call.source), "ref": git_ref(call.source)} |
	some name, call in doc.modules
	is_string(call.source)
}

source_type(s) := "git" if {
	strings.any_prefix_match(s, ["git::", "git@", "github.com/", "bitbucket.org/"])
} else := "local" if {
	strings.any_prefix_match(s, ["./", "../"])
} else := "registry" if {
	not strings.any_prefix_match(s, [".", "/"])
	not contains(s, "::")
	not contains(s, "?")
	count(split(s, "/")) in {3, 4}
} else := "other"

git_ref(s) := value if {
	source_type(s) == "git"
	[_, query] := split(s, "?")
	some pair in split(query, "&")
	[name, value] := split(pair, "=")
	name == "ref"
} else := null

# Each provider requirement with a known constraint, as atlas9 reads it.
provider_versions(doc) := {name: requirement(v) |
	some name, entry in doc.terraform.required_providers
	v := constraint(entry)
}

constraint(entry) := entry if is_string(entry)

constraint(entry) := object.get(entry, "version", null) if {
	is_object(entry)
	not entry.unknown
}

requirement(v) := {"version": null, "upper_bound": null} if v in {null, ""}

requirement(v) := {"version": v, "upper_bound": upper_bound(v)} if {
	is_string(v)
	v != ""
}

upper_bound(v) := true if {
	some part in split(v, ",")
	not strings.any_prefix_match(trim_space(part), [">", "!="])
} else := false

# A module of one resource.
one(type, config) := module([resource(type, "x", config)], {})

# A value computed at plan time.
unknown(text) := {"unknown": text}
