//! `atlas9 check`.

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, print};
use crate::cli::{CheckArgs, FailOn, Format};
use crate::config::{Config, DEFAULT_POSTGRES_VERSION};
use crate::diagnostics::baseline::Baseline;
use crate::diagnostics::{Applicability, Severity};
use crate::engine::{self, Options};
use crate::output::{github, human, json, sarif};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The working directory and the configuration for it, with the command line's selection
/// applied; the exit code when either cannot be had.
pub(super) fn setup(
    config_file: Option<&Path>,
    select: &[String],
    ignore: &[String],
    paths: &[PathBuf],
) -> Result<(PathBuf, Config), i32> {
    let cwd = std::env::current_dir()
        .map_err(|e| fail(format!("cannot read the working directory: {e}")))?;
    let loaded = match config_file {
        Some(p) => Config::load(&cwd.join(p)),
        None => Config::discover(&cwd),
    };
    let mut config = loaded.map_err(|e| {
        eprintln!("{:?}", miette::Report::new(*e));
        EXIT_ERROR
    })?;
    config.apply_cli(select, ignore).map_err(fail)?;
    if let Some(p) = paths.iter().find(|p| !cwd.join(p).exists()) {
        return Err(fail(format!("{}: no such file or directory", p.display())));
    }
    Ok((cwd, config))
}

/// Run the engine and print what it could not do (unreadable paths, skipped files).
pub(super) fn run_engine(config: &Config, opts: &Options) -> engine::Report {
    let report = engine::run(config, opts);
    for e in &report.errors {
        eprintln!("atlas9: warning: {e}");
    }
    for e in &report.failed_policies {
        eprintln!("atlas9: error: {e}");
    }
    for s in &report.skipped {
        eprintln!("atlas9: note: {s}");
    }
    report
}

/// Run a check and print the report.
pub fn run(args: &CheckArgs) -> i32 {
    // History is scanned for secrets only: other domains judge the code as it is now.
    let select = if args.history && args.select.is_empty() {
        vec!["secrets".to_string()]
    } else {
        args.select.clone()
    };
    let (cwd, mut config) = match setup(args.config.as_deref(), &select, &args.ignore, &args.paths)
    {
        Ok(c) => c,
        Err(code) => return code,
    };
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
    let baseline = match args
        .baseline
        .as_ref()
        .map(|p| Baseline::load(&cwd.join(p)))
        .transpose()
    {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
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
    let source = if args.staged {
        Some(engine::GitSource::Staged)
    } else if args.history {
        Some(engine::GitSource::History(args.since.clone()))
    } else {
        None
    };
    let mut report = match &source {
        Some(s) => {
            let report = engine::run_git(&config, &opts, s);
            for e in &report.errors {
                eprintln!("atlas9: error: {e}");
            }
            if !report.errors.is_empty() {
                return EXIT_ERROR;
            }
            report
        }
        None => run_engine(&config, &opts),
    };
    if !report.failed_policies.is_empty() {
        return EXIT_ERROR;
    }
    if let Some(b) = &baseline {
        let (hidden, stale) = b.apply(&mut report);
        report.baselined = Some(hidden);
        if !stale.is_empty() {
            eprintln!(
                "atlas9: note: {} baseline entries match nothing any more; run `atlas9 baseline` to prune them:",
                stale.len()
            );
            for e in stale.iter().take(10) {
                eprintln!("  {} {}", e.rule, e.path);
            }
        }
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
