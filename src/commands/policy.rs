//! `atlas9 policy`: the documents policies see.

use super::{EXIT_OK, fail, print};
use crate::cli::PolicyCommand;
use crate::workspace::relative;

/// Run a `policy` subcommand.
pub fn run(command: &PolicyCommand) -> i32 {
    match command {
        PolicyCommand::Input { file } => input(file),
    }
}

fn input(file: &std::path::Path) -> i32 {
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
