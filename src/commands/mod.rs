//! What each subcommand does; every function returns the process exit code.

mod baseline;
mod check;
mod init;
mod policy;
pub mod rules;

use crate::cli::{Cli, Command};
use std::io::Write;

/// Nothing reached the fail level.
pub const EXIT_OK: i32 = 0;
/// A finding reached the fail level.
pub const EXIT_FINDINGS: i32 = 1;
/// Usage, configuration or internal error.
pub const EXIT_ERROR: i32 = 2;

/// Run a parsed command line.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules { format } => rules::list(format),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Baseline(args) => baseline::run(&args),
        Command::Init { force } => init::run(force),
        Command::Policy(c) => policy::run(&c),
    }
}

/// Write to standard output; a closed pipe (`atlas9 rules | head`) is not an error.
fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Report an error on standard error.
fn fail(message: impl std::fmt::Display) -> i32 {
    eprintln!("atlas9: error: {message}");
    EXIT_ERROR
}
