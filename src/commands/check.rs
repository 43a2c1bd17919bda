//! `atlas9 check`.

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, print};
use crate::cli::{CheckArgs, FailOn, Format};
use crate::config::{Config, DEFAULT_POSTGRES_VERSION};
use crate::diagnostics::{Applicability, Severity};
use crate::engine::{self, Options};
use crate::output::{github, human, json, sarif};
use std::io::IsTerminal;

/// Run a check and print the report.
pub fn run(args: &CheckArgs) -> i32 {
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return fail(format!("cannot read the working directory: {e}")),
    };
    let loaded = match &args.config {
        Some(p) => Config::load(&cwd.join(p)),
        None => Config::discover(&cwd),
    };
    let mut config = match loaded {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(*e));
            return EXIT_ERROR;
        }
    };
    if let Err(e) = config.apply_cli(&args.select, &args.ignore) {
        return fail(e);
    }
    if args.check_down {
        config.migrations.check_down = true;
    }
    if let Some(f) = args.fail_on {
        config.fail_on = match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Note => Severity::Note,
        };
    }
    for p in &args.paths {
        if !cwd.join(p).exists() {
            return fail(format!("{}: no such file or directory", p.display()));
        }
    }
    let fix = if args.unsafe_fixes {
        Some(Applicability::Unsafe)
    } else if args.fix {
        Some(Applicability::Safe)
    } else {
        None
    };
    let opts = Options {
        paths: args.paths.clone(),
        cwd,
        threads: args.threads,
        fix,
    };
    let report = engine::run(&config, &opts);
    for e in &report.errors {
        eprintln!("atlas9: warning: {e}");
    }
    for s in &report.skipped {
        eprintln!("atlas9: note: {s}");
    }
    if report.fixed_files > 0 {
        eprintln!("atlas9: fixed {} file(s)", report.fixed_files);
    }

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && !args.no_color && std::env::var_os("NO_COLOR").is_none();
    let text = match args.format {
        Format::Human => human::render(&report, &header(&config), human::Style { color }),
        Format::Json => json::render(&report),
        Format::Sarif => sarif::render(&report, &config.root),
        Format::Github => github::render(&report),
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                return fail(format!("cannot write {}: {e}", path.display()));
            }
        }
        None => print(&text),
    }
    let failing = report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .any(|f| f.severity >= config.fail_on);
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}

fn header(config: &Config) -> String {
    let v = config.migrations.postgres_version;
    let origin = if v == DEFAULT_POSTGRES_VERSION && config.file.is_none() {
        "the oldest community-supported major; set [migrations] postgres_version"
    } else {
        "[migrations] postgres_version"
    };
    format!(
        "atlas9 {} · migrations checked against Postgres {v} ({origin})",
        env!("CARGO_PKG_VERSION")
    )
}
