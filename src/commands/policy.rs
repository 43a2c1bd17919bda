//! `atlas9 policy`: the documents policies see, and policy unit tests.

use super::{EXIT_FINDINGS, EXIT_OK, fail, print};
use crate::cli::PolicyCommand;
use crate::workspace::relative;

/// Run a `policy` subcommand.
pub fn run(command: &PolicyCommand) -> i32 {
    match command {
        PolicyCommand::Input { file } => input(file),
        PolicyCommand::Test { dir, coverage } => test(dir, *coverage),
    }
}

/// `atlas9 policy test`: exit 1 when a test fails, 2 when a policy does not compile.
fn test(dir: &std::path::Path, coverage: bool) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = dir.to_string_lossy().into_owned();
    let outcome = crate::policy::load_sources(&cwd, &[shown], true).and_then(|sources| {
        crate::policy::testing::run(sources, crate::policy::builtin_sources(), coverage)
    });
    match outcome {
        Ok(outcome) => {
            print(&outcome.render());
            if outcome.failures.is_empty() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            }
        }
        Err(e) => fail(e),
    }
}

fn input(file: &std::path::Path) -> i32 {
    if file.is_dir() {
        return terraform_input(file);
    }
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let rel = relative(&cwd.join(file), &cwd);
    match crate::policy::input(&rel, &text) {
        Ok(doc) => {
            let mut out = serde_json::to_string_pretty(&doc).expect("a JSON value serialises");
            out.push('\n');
            print(&out);
            EXIT_OK
        }
        Err(e) => fail(e),
    }
}

/// The document of the Terraform module in `dir` (its `.tf` files, not its subdirectories).
fn terraform_input(dir: &std::path::Path) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_default();
    match crate::policy::modules::read(dir, |p| relative(&cwd.join(p), &cwd)) {
        Ok(module) => {
            let mut out =
                serde_json::to_string_pretty(&module.doc).expect("a JSON value serialises");
            out.push('\n');
            print(&out);
            EXIT_OK
        }
        Err(e) => fail(e),
    }
}
