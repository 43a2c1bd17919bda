//! Command-line definitions.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// atlas9: one fast checker for the details backend teams keep getting wrong.
#[derive(Debug, Parser)]
#[command(name = "atlas9", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Explain a rule: what it catches, why it matters, examples, its fix.
    Explain {
        /// A rule id, e.g. migrations/create-index-non-concurrently.
        rule: String,
    },
    /// Record the current findings as accepted, for `check --baseline`.
    Baseline(BaselineArgs),
    /// Write an annotated atlas9.toml in the current directory.
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Work with policies and the documents they see.
    #[command(subcommand)]
    Policy(PolicyCommand),
}

/// `atlas9 policy …`.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the input document a policy sees for a workflow or action file.
    Input {
        /// The file.
        file: PathBuf,
    },
    /// Run every `test_*` rule of the `*_test.rego` files under a directory.
    Test {
        /// The directory (or file) of policies and their tests.
        #[arg(default_value = "policies")]
        dir: PathBuf,
        /// Also report the policy lines no test evaluated.
        #[arg(long)]
        coverage: bool,
    },
}

/// `atlas9 check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Only run these rules or domains (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules or domains.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Use this configuration file instead of searching for atlas9.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Apply safe fixes.
    #[arg(long)]
    pub fix: bool,
    /// Apply unsafe fixes too (implies --fix).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
    /// Lint down migrations too.
    #[arg(long)]
    pub check_down: bool,
    /// Hide the findings recorded in this baseline (see `atlas9 baseline`).
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Check what is staged for commit (the index), not the working tree: for pre-commit hooks.
    #[arg(long, conflicts_with_all = ["history", "fix", "unsafe_fixes"])]
    pub staged: bool,
    /// Scan every blob in the repository's history once with the secret rules, attributing each
    /// finding to the first commit and path that introduced it.
    #[arg(long, conflicts_with_all = ["fix", "unsafe_fixes"])]
    pub history: bool,
    /// With `--history`: only commits not reachable from this revision.
    #[arg(long, value_name = "REV", requires = "history")]
    pub since: Option<String>,
}

/// `atlas9 baseline`.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files or directories to check.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where to write the baseline.
    #[arg(long, short, default_value = crate::diagnostics::baseline::DEFAULT_PATH)]
    pub output: PathBuf,
    /// Only record these rules or domains.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not record these rules or domains.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this configuration file instead of searching for atlas9.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets for people.
    Human,
    /// Versioned JSON (docs/json-output.md).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Any finding fails.
    Note,
}

/// `atlas9 rules --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned table.
    Table,
    /// JSON.
    Json,
}
