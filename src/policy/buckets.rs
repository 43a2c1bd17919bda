//! Which resources configure which S3 bucket. Since version 4 of the AWS provider a bucket's
//! encryption, versioning, ACL and policy are separate resources, usually in another file, that
//! name the bucket in their `bucket` attribute; resolving that here spares every policy about
//! buckets a search over all of them for each bucket.

use super::terraform::unknown_text;
use regorus::Value;
use std::collections::BTreeMap;

/// For each `aws_s3_bucket` that any resource names in its `bucket` attribute, the addresses of
/// those resources by type: `{"aws_s3_bucket.logs": {"aws_s3_bucket_versioning":
/// ["aws_s3_bucket_versioning.logs"]}}`. A resource names a bucket by reference
/// (`aws_s3_bucket.logs.id`, `aws_s3_bucket.logs["a"].id`), through its `for_each`
/// (`for_each = aws_s3_bucket.logs` with `bucket = each.value.id`), or by the bucket's own
/// literal name.
pub(super) fn resources(resources: &BTreeMap<Value, Value>) -> Value {
    let bucket_type = Value::from("aws_s3_bucket");
    let buckets: Vec<&Value> = resources
        .values()
        .filter(|r| r["type"] == bucket_type)
        .collect();
    let mut out: BTreeMap<Value, BTreeMap<Value, Vec<Value>>> = BTreeMap::new();
    for r in resources.values().filter(|r| r["type"] != bucket_type) {
        let config = &r["config"];
        let named: Vec<&Value> = match &config["bucket"] {
            name @ Value::String(_) => buckets
                .iter()
                .filter(|b| &b["config"]["bucket"] == name)
                .map(|b| &b["address"])
                .collect(),
            Value::Object(_) => {
                let text = unknown_text(&config["bucket"]);
                let text = if text.is_some_and(|t| t.starts_with("each.")) {
                    unknown_text(&config["for_each"])
                } else {
                    text
                };
                text.and_then(referenced)
                    .and_then(|address| resources.get(&Value::from(address)))
                    .filter(|b| b["type"] == bucket_type)
                    .map(|b| &b["address"])
                    .into_iter()
                    .collect()
            }
            _ => continue,
        };
        for bucket in named {
            out.entry(bucket.clone())
                .or_default()
                .entry(r["type"].clone())
                .or_default()
                .push(r["address"].clone());
        }
    }
    Value::from(
        out.into_iter()
            .map(|(bucket, by_type)| {
                let by_type: BTreeMap<Value, Value> = by_type
                    .into_iter()
                    .map(|(ty, addresses)| (ty, Value::from(addresses)))
                    .collect();
                (bucket, Value::from(by_type))
            })
            .collect::<BTreeMap<Value, Value>>(),
    )
}

/// The resource address an expression starts with: `aws_s3_bucket.logs` of
/// `aws_s3_bucket.logs["a"].id`.
fn referenced(text: &str) -> Option<&str> {
    let (ty, rest) = text.split_once('.')?;
    let name = rest.split(['.', '[']).next()?;
    (!ty.is_empty() && !name.is_empty()).then(|| &text[..ty.len() + 1 + name.len()])
}

#[cfg(test)]
mod tests {
    use crate::policy::terraform::document;

    const MODULE: &str = r#"
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket" "data" {
  for_each = toset(["a", "b"])
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
}

resource "aws_s3_bucket_acl" "by_name" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_versioning" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
}

resource "aws_s3_bucket_server_side_encryption_configuration" "a" {
  bucket = aws_s3_bucket.data["a"].bucket
}

resource "aws_s3_bucket_policy" "elsewhere" {
  bucket = var.bucket
}
"#;

    #[test]
    fn resources_are_listed_under_the_bucket_they_name() {
        let module = document("m", &[("m/main.tf", MODULE)]).expect("a module");
        let json = serde_json::to_string(&module.doc["bucket_resources"]).expect("json");
        assert_eq!(
            json,
            concat!(
                r#"{"aws_s3_bucket.data":{"#,
                r#""aws_s3_bucket_server_side_encryption_configuration":["aws_s3_bucket_server_side_encryption_configuration.a"],"#,
                r#""aws_s3_bucket_versioning":["aws_s3_bucket_versioning.data"]},"#,
                r#""aws_s3_bucket.logs":{"#,
                r#""aws_s3_bucket_acl":["aws_s3_bucket_acl.by_name"],"#,
                r#""aws_s3_bucket_versioning":["aws_s3_bucket_versioning.logs"]}}"#,
            )
        );
    }
}
