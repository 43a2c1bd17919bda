//! The ingress rules of a module's AWS security groups as one list: `ingress` blocks of
//! `aws_security_group` (expanded `dynamic` blocks included), `aws_security_group_rule` of type
//! `ingress`, and `aws_vpc_security_group_ingress_rule`, each in one shape, so a policy about
//! who may connect visits rules without working out the three resources and their spellings.

use super::terraform::{blocks, config_path, of_type};
use super::{arr, obj};
use regorus::Value;
use std::collections::BTreeMap;

/// One entry per source attribute of every rule, as `{"address", "path", "cidrs",
/// "protocol", "from_port", "to_port", "ports"}`: `path` leads to the attribute (`cidr_blocks`,
/// `ipv6_cidr_blocks`, `cidr_ipv4` or `cidr_ipv6`), `cidrs` lists its known addresses (a single
/// address as a list of one, nothing for a value known only at plan time), the protocol and
/// ports are as written, `null` when absent, and `ports` is what the rule opens (see [`ports`]).
pub(super) fn rules(by_type: &BTreeMap<Value, Vec<Value>>) -> Value {
    let mut out = Vec::new();
    let of = |ty| of_type(by_type, ty);
    for r in of("aws_security_group") {
        for (i, rule) in blocks(&r["config"]["ingress"]) {
            let at = [Value::from("ingress"), Value::from(i)];
            add(&mut out, r, rule, &at, CLASSIC, "protocol");
        }
    }
    for r in of("aws_security_group_rule") {
        if r["config"]["type"] == Value::from("ingress") {
            add(&mut out, r, &r["config"], &[], CLASSIC, "protocol");
        }
    }
    for r in of("aws_vpc_security_group_ingress_rule") {
        add(&mut out, r, &r["config"], &[], VPC, "ip_protocol");
    }
    arr(out)
}

/// The source attributes of a security group's `ingress` block and of a rule resource.
const CLASSIC: [&str; 2] = ["cidr_blocks", "ipv6_cidr_blocks"];

/// Those of a VPC ingress rule resource, one address each.
const VPC: [&str; 2] = ["cidr_ipv4", "cidr_ipv6"];

/// The entries of `rule`, found at `at` in resource `r`'s configuration.
fn add(
    out: &mut Vec<Value>,
    r: &Value,
    rule: &Value,
    at: &[Value],
    sources: [&str; 2],
    protocol: &str,
) {
    for name in sources {
        let cidrs = match &rule[name] {
            Value::Undefined => continue,
            Value::Array(list) => list.iter().filter(|c| is_string(c)).cloned().collect(),
            single if is_string(single) => vec![single.clone()],
            _ => Vec::new(),
        };
        out.push(obj([
            ("address", r["address"].clone()),
            (
                "path",
                config_path(r, at.iter().cloned().chain([Value::from(name)])),
            ),
            ("cidrs", arr(cidrs)),
            ("protocol", or_null(&rule[protocol])),
            ("from_port", or_null(&rule["from_port"])),
            ("to_port", or_null(&rule["to_port"])),
            (
                "ports",
                ports(&rule[protocol], &rule["from_port"], &rule["to_port"]),
            ),
        ]));
    }
}

/// The ports a rule opens: `[]` for every port (protocol `-1` or `all`, whatever the range
/// says), `[port]` for one, `[from, to]` for a range, and `null` when a bound is missing or
/// known only at plan time. Its length picks a policy's wording without a function call, which
/// in regorus' machine costs more than the rest of the rule.
fn ports(protocol: &Value, from: &Value, to: &Value) -> Value {
    if [Value::from("-1"), Value::from(-1), Value::from("all")].contains(protocol) {
        return arr([]);
    }
    match (from, to) {
        (Value::Number(_), Value::Number(_)) if from == to => arr([from.clone()]),
        (Value::Number(_), Value::Number(_)) => arr([from.clone(), to.clone()]),
        _ => Value::Null,
    }
}

fn is_string(v: &Value) -> bool {
    matches!(v, Value::String(_))
}

/// `v`, or `null` when absent.
fn or_null(v: &Value) -> Value {
    match v {
        Value::Undefined => Value::Null,
        v => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::terraform::document;

    const MODULE: &str = r#"
locals {
  ports = [22, 443]
}

resource "aws_security_group" "web" {
  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0", var.office]
    }
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "admin" {
  type             = "ingress"
  from_port        = 3389
  to_port          = 3389
  protocol         = "tcp"
  ipv6_cidr_blocks = var.admins
}

resource "aws_security_group_rule" "range" {
  type        = "ingress"
  from_port   = 1024
  to_port     = 2048
  protocol    = "tcp"
  cidr_blocks = ["10.0.0.0/8"]
}

resource "aws_vpc_security_group_ingress_rule" "later" {
  ip_protocol = "tcp"
  from_port   = var.port
  to_port     = var.port
  cidr_ipv4   = "0.0.0.0/0"
}

resource "aws_security_group_rule" "out" {
  type        = "egress"
  cidr_blocks = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "db" {
  ip_protocol = "-1"
  cidr_ipv4   = "0.0.0.0/0"
}
"#;

    #[test]
    fn rules_of_every_resource_take_one_shape() {
        let module = document("m", &[("m/main.tf", MODULE)]).expect("a module");
        let json = |v: &regorus::Value| serde_json::to_string(v).expect("json");
        let summary: Vec<String> = module.doc["aws_ingress"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|r| {
                ["path", "cidrs", "protocol", "from_port", "to_port", "ports"]
                    .map(|f| json(&r[f]))
                    .join(" ")
            })
            .collect();
        let config =
            |address: &str, rest: &str| format!(r#"["resources","{address}","config",{rest}]"#);
        assert_eq!(
            summary,
            [
                // The dynamic block over a known list is two rules; the unknown address is left out.
                format!(
                    r#"{} ["0.0.0.0/0"] "tcp" 22 22 [22]"#,
                    config("aws_security_group.web", r#""ingress",0,"cidr_blocks""#)
                ),
                format!(
                    r#"{} ["0.0.0.0/0"] "tcp" 443 443 [443]"#,
                    config("aws_security_group.web", r#""ingress",1,"cidr_blocks""#)
                ),
                // Egress is not listed; an unknown list has no known addresses.
                format!(
                    r#"{} [] "tcp" 3389 3389 [3389]"#,
                    config("aws_security_group_rule.admin", r#""ipv6_cidr_blocks""#)
                ),
                // A range is its two bounds.
                format!(
                    r#"{} ["10.0.0.0/8"] "tcp" 1024 2048 [1024,2048]"#,
                    config("aws_security_group_rule.range", r#""cidr_blocks""#)
                ),
                // Every protocol opens every port, whatever the bounds.
                format!(
                    r#"{} ["0.0.0.0/0"] "-1" null null []"#,
                    config("aws_vpc_security_group_ingress_rule.db", r#""cidr_ipv4""#)
                ),
                // Ports known only at plan time are not known here either.
                format!(
                    r#"{} ["0.0.0.0/0"] "tcp" {unknown} {unknown} null"#,
                    config(
                        "aws_vpc_security_group_ingress_rule.later",
                        r#""cidr_ipv4""#
                    ),
                    unknown = r#"{"unknown":"var.port"}"#
                ),
            ]
        );
    }
}
