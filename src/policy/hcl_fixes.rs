//! Mechanical repairs of Terraform findings, as edits on the file's own text: a missing
//! attribute (or the block holding it) inserted at the top of its block, a literal that turns a
//! protection off replaced. Every one changes what `terraform apply` does (encrypting storage
//! replaces a database), so all are unsafe fixes.

use super::locate::Step;
use crate::diagnostics::{Edit, Fix, Span};

/// The Terraform rules with a fix: the attribute they set and its value.
const FIXES: &[(&str, &str, &str)] = &[
    (
        "terraform/rds-no-deletion-protection",
        "deletion_protection",
        "true",
    ),
    ("terraform/rds-unencrypted", "storage_encrypted", "true"),
    ("terraform/kms-no-rotation", "enable_key_rotation", "true"),
    ("terraform/ec2-imdsv1", "http_tokens", "\"required\""),
];

/// Literals that leave a protection off, which a fix may replace.
const OFF: &[&str] = &["false", "\"optional\""];

/// True when the built-in rule `id` offers fixes.
pub fn offers_fix(id: &str) -> bool {
    FIXES.iter().any(|(rule, ..)| *rule == id)
}

/// The fix for a finding of `rule` whose `path` was found in `text` up to step `matched`, at
/// `span` (the value when the whole path was found, else the header of the block holding it;
/// a resource's `config` is placed at its header).
pub fn fix(rule: &str, path: &[Step], matched: usize, span: Span, text: &str) -> Option<Fix> {
    let &(_, attribute, value) = FIXES.iter().find(|(id, ..)| *id == rule)?;
    if path.last() != Some(&Step::Key(attribute.to_string())) {
        return None;
    }
    let description = format!("set `{attribute} = {value}`");
    if matched == path.len() {
        let current = text.get(span.start..span.end)?;
        return OFF.contains(&current).then(|| {
            Fix::unsafe_(
                description,
                vec![Edit {
                    span,
                    content: value.to_string(),
                }],
            )
        });
    }
    let header = text.get(span.start..span.end)?;
    // An expanded `dynamic` block is written once for many: its content is not this block's.
    if header.starts_with("dynamic") {
        return None;
    }
    let after = &text[span.end..];
    let brace = after.find('{')?;
    if !after[..brace].trim().is_empty() {
        return None;
    }
    let open = span.end + brace + 1;
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..span.start];
    if !indent.trim().is_empty() {
        return None;
    }
    let inner = nested(&path[matched..], value, &format!("{indent}  "))?;
    let closes_here = text[open..]
        .trim_start_matches([' ', '\t'])
        .starts_with('}');
    let content = if closes_here {
        format!("\n{inner}\n{indent}")
    } else {
        format!("\n{inner}")
    };
    Some(Fix::unsafe_(description, vec![Edit::insert(open, content)]))
}

/// The text of `steps` (blocks, then the attribute) set to `value`, each line indented from
/// `pad` on, without a final newline.
fn nested(steps: &[Step], value: &str, pad: &str) -> Option<String> {
    match steps {
        [Step::Key(attribute)] => Some(format!("{pad}{attribute} = {value}")),
        [Step::Key(block), Step::Index(0), rest @ ..] => {
            let inner = nested(rest, value, &format!("{pad}  "))?;
            Some(format!("{pad}{block} {{\n{inner}\n{pad}}}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::locate::steps;

    fn fixed(rule: &str, text: &str, path: &str, matched: usize, at: &str) -> Option<String> {
        let start = text.find(at)?;
        let span = Span::new(start, start + at.len());
        let fix = fix(rule, &steps(path), matched, span, text)?;
        Some(crate::diagnostics::fix::apply(text, &[&fix]).0)
    }

    #[test]
    fn a_missing_attribute_is_inserted_at_the_top_of_its_block() {
        let text = "resource \"aws_kms_key\" \"k\" {\n  description = \"x\" # why\n}\n";
        let out = fixed(
            "terraform/kms-no-rotation",
            text,
            "resources aws_kms_key.k config enable_key_rotation",
            3,
            "resource \"aws_kms_key\" \"k\"",
        );
        assert_eq!(
            out.as_deref(),
            Some(
                "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n  description = \"x\" # why\n}\n"
            )
        );
    }

    #[test]
    fn a_missing_block_is_inserted_whole_and_empty_blocks_are_opened() {
        let text = "  resource \"aws_instance\" \"w\" {}\n";
        let out = fixed(
            "terraform/ec2-imdsv1",
            text,
            "resources aws_instance.w config metadata_options 0 http_tokens",
            3,
            "resource \"aws_instance\" \"w\"",
        );
        assert_eq!(
            out.as_deref(),
            Some(
                "  resource \"aws_instance\" \"w\" {\n    metadata_options {\n      http_tokens = \"required\"\n    }\n  }\n"
            )
        );
    }

    #[test]
    fn only_literals_that_turn_protection_off_are_replaced() {
        let rule = "terraform/rds-no-deletion-protection";
        let path = "resources aws_db_instance.d config deletion_protection";
        let text = "deletion_protection = false\n";
        assert_eq!(
            fixed(rule, text, path, 4, "false").as_deref(),
            Some("deletion_protection = true\n")
        );
        let text = "deletion_protection = var.protect\n";
        assert_eq!(fixed(rule, text, path, 4, "var.protect"), None);
        // A path about another attribute is not this fix's business.
        let other = "resources aws_db_instance.d config storage_encrypted";
        assert_eq!(fixed(rule, "x = false\n", other, 4, "false"), None);
    }
}
