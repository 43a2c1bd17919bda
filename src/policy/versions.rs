//! Provider version constraints read once, as module sources are: whether a provider has one,
//! and whether it caps the versions `terraform init` may take.

use super::obj;
use super::terraform::is_unknown;
use regorus::Value;
use std::collections::BTreeMap;

/// For each entry of `required_providers` whose version is known, `{"version", "upper_bound"}`:
/// `version` is the constraint, or `null` when it is missing or empty; `upper_bound` tells
/// whether it caps the versions (`~> 5.0`, `< 6`, `= 5.1.0`), `null` without a constraint. An
/// entry is the constraint itself (`aws = "~> 5.0"`, the old spelling) or a block with a
/// `version`; an entry or version known only at plan time is left out.
pub(super) fn providers(required: &Value) -> Value {
    let known: BTreeMap<Value, Value> = required
        .as_object()
        .into_iter()
        .flat_map(|o| o.iter())
        .filter_map(|(name, entry)| {
            let version = match entry {
                Value::String(_) => entry,
                Value::Object(_) if !is_unknown(entry) => &entry["version"],
                _ => return None,
            };
            let (version, upper_bound) = match version {
                Value::Undefined | Value::Null => (Value::Null, Value::Null),
                Value::String(s) if s.is_empty() => (Value::Null, Value::Null),
                Value::String(s) => (version.clone(), Value::from(upper_bound(s))),
                _ => return None,
            };
            Some((
                name.clone(),
                obj([("version", version), ("upper_bound", upper_bound)]),
            ))
        })
        .collect();
    Value::from(known)
}

/// Whether `constraint` caps the versions: some part of it is not a lower bound (`>`, `>=`)
/// or an exclusion (`!=`).
fn upper_bound(constraint: &str) -> bool {
    constraint
        .split(',')
        .map(str::trim)
        .any(|part| !part.starts_with('>') && !part.starts_with("!="))
}

#[cfg(test)]
mod tests {
    use super::{providers, upper_bound};
    use regorus::Value;

    #[test]
    fn constraints_with_only_lower_bounds_have_no_upper_bound() {
        for (constraint, want) in [
            ("~> 5.0", true),
            ("5.1.0", true),
            ("= 5.1.0", true),
            (">= 4.0, < 6.0", true),
            ("< 6", true),
            (">= 4.0", false),
            ("> 4, != 4.2", false),
            (" >= 4.0 ,  >3", false),
            ("  ", true),
        ] {
            assert_eq!(upper_bound(constraint), want, "{constraint}");
        }
    }

    #[test]
    fn entries_are_read_in_both_spellings_and_unknown_ones_left_out() {
        let required = Value::from_json_str(
            r#"{
                "aws": {"source": "hashicorp/aws", "version": ">= 4.0"},
                "google": "~> 5.0",
                "azurerm": {"source": "hashicorp/azurerm"},
                "null": "",
                "random": {"source": "hashicorp/random", "version": {"unknown": "var.v"}},
                "tls": {"unknown": "local.tls"}
            }"#,
        )
        .expect("valid JSON");
        let got = providers(&required);
        let want = Value::from_json_str(
            r#"{
                "aws": {"version": ">= 4.0", "upper_bound": false},
                "google": {"version": "~> 5.0", "upper_bound": true},
                "azurerm": {"version": null, "upper_bound": null},
                "null": {"version": null, "upper_bound": null}
            }"#,
        )
        .expect("valid JSON");
        assert_eq!(got, want);
    }
}
