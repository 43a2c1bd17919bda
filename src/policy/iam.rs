//! The IAM statements of a Terraform module as one list: policies given as data
//! (`jsonencode`, heredoc JSON) in any resource's `policy`, and the `statement` blocks of
//! `aws_iam_policy_document` data sources, each in one shape, so a policy about statements
//! visits them without working out the two spellings and the three shapes of `Action`.

use super::{arr, obj};
use regorus::Value;
use std::collections::BTreeMap;

/// Every statement, as `{"address", "type", "effect", "actions", "actions_path", "path",
/// "statement"}`: `effect` is `"Allow"`, `"Deny"` or `null` (unknown, or missing in JSON where
/// it is required); `actions` the known action names (a single name as a list of one); `path`
/// leads to the statement, `actions_path` to its actions, and `statement` is the statement as
/// written.
pub(super) fn statements(
    resources: &BTreeMap<Value, Value>,
    data: &BTreeMap<Value, Value>,
) -> Value {
    let mut out = Vec::new();
    for (address, r) in resources {
        let holder = [
            key("resources"),
            address.clone(),
            key("config"),
            key("policy"),
        ];
        match &r["config"]["policy"]["Statement"] {
            Value::Array(list) => {
                for (i, s) in list.iter().enumerate() {
                    let path = path(&holder, [key("Statement"), Value::from(i)]);
                    out.push(json_statement(address, r, s, path));
                }
            }
            s @ Value::Object(_) => {
                let path = path(&holder, [key("Statement")]);
                out.push(json_statement(address, r, s, path));
            }
            _ => {}
        }
    }
    for (address, d) in data {
        if d["type"] != key("aws_iam_policy_document") {
            continue;
        }
        let holder = [
            key("data"),
            address.clone(),
            key("config"),
            key("statement"),
        ];
        for (i, s) in d["config"]["statement"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let effect = match &s["effect"] {
                Value::Undefined => key("Allow"),
                known => effect(known),
            };
            let path = path(&holder, [Value::from(i)]);
            out.push(entry(address, d, s, effect, path, "actions"));
        }
    }
    arr(out)
}

fn json_statement(address: &Value, r: &Value, s: &Value, path: Vec<Value>) -> Value {
    entry(address, r, s, effect(&s["Effect"]), path, "Action")
}

fn entry(
    address: &Value,
    holder: &Value,
    statement: &Value,
    effect: Value,
    path: Vec<Value>,
    field: &str,
) -> Value {
    let actions = &statement[field];
    let known: Vec<Value> = match actions {
        Value::String(_) => vec![actions.clone()],
        Value::Array(list) => list
            .iter()
            .filter(|a| matches!(a, Value::String(_)))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let mut actions_path = path.clone();
    actions_path.push(key(field));
    obj([
        ("address", address.clone()),
        ("type", holder["type"].clone()),
        ("effect", effect),
        ("actions", arr(known)),
        ("actions_path", arr(actions_path)),
        ("path", arr(path)),
        ("statement", statement.clone()),
    ])
}

/// `"Allow"` or `"Deny"`, or null for anything else.
fn effect(v: &Value) -> Value {
    match v {
        Value::String(s) if matches!(&**s, "Allow" | "Deny") => v.clone(),
        _ => Value::Null,
    }
}

fn key(s: &str) -> Value {
    Value::from(s)
}

fn path(holder: &[Value], rest: impl IntoIterator<Item = Value>) -> Vec<Value> {
    holder.iter().cloned().chain(rest).collect()
}

#[cfg(test)]
mod tests {
    use crate::policy::terraform::document;
    use regorus::Value;

    const MODULE: &str = r#"
resource "aws_iam_policy" "jsonencoded" {
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["s3:*", var.extra], Resource = "*" },
      { Effect = var.effect, Action = "kms:Decrypt", Resource = "*" },
    ]
  })
}

resource "aws_s3_bucket_policy" "heredoc" {
  policy = <<EOT
{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}}
EOT
}

resource "aws_iam_role_policy" "referenced" {
  policy = data.aws_iam_policy_document.doc.json
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions = ["iam:*"]
  }
  statement {
    effect  = "Deny"
    actions = "*"
  }
  statement {
    effect  = null
    actions = ["s3:*"]
  }
}
"#;

    #[test]
    fn statements_of_every_spelling_take_one_shape() {
        let module = document("m", &[("m/main.tf", MODULE)]).expect("a module");
        let all = module.doc["iam_statements"]
            .as_array()
            .expect("a list")
            .clone();
        let json = |v: &Value| serde_json::to_string(v).expect("json");
        let summary: Vec<String> = all
            .iter()
            .map(|s| {
                let fields = ["address", "effect", "actions", "actions_path"];
                fields.map(|f| json(&s[f])).join(" ")
            })
            .collect();
        let at = |prefix: &str, rest: &str| format!("{prefix},{rest}]");
        let policy =
            |address: &str| format!(r#"["resources","{address}","config","policy","Statement""#);
        let data = r#"["data","aws_iam_policy_document.doc","config","statement""#;
        assert_eq!(
            summary,
            [
                format!(
                    r#""aws_iam_policy.jsonencoded" "Allow" ["s3:*"] {}"#,
                    at(&policy("aws_iam_policy.jsonencoded"), r#"0,"Action""#)
                ),
                format!(
                    r#""aws_iam_policy.jsonencoded" null ["kms:Decrypt"] {}"#,
                    at(&policy("aws_iam_policy.jsonencoded"), r#"1,"Action""#)
                ),
                format!(
                    r#""aws_s3_bucket_policy.heredoc" "Allow" ["s3:GetObject"] {}"#,
                    at(&policy("aws_s3_bucket_policy.heredoc"), r#""Action""#)
                ),
                format!(
                    r#""aws_iam_policy_document.doc" "Allow" ["iam:*"] {}"#,
                    at(data, r#"0,"actions""#)
                ),
                format!(
                    r#""aws_iam_policy_document.doc" "Deny" ["*"] {}"#,
                    at(data, r#"1,"actions""#)
                ),
                // Only a missing `effect` is the default; a null one is not known to allow.
                format!(
                    r#""aws_iam_policy_document.doc" null ["s3:*"] {}"#,
                    at(data, r#"2,"actions""#)
                ),
            ]
        );
        assert_eq!(all[2]["statement"]["Principal"], Value::from("*"));
    }
}
