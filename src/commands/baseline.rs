//! `atlas9 baseline`: record the current findings so that `check --baseline` hides them.

use super::check::{run_engine, setup};
use super::{EXIT_ERROR, EXIT_OK, fail};
use crate::cli::BaselineArgs;
use crate::diagnostics::baseline::Baseline;
use crate::engine::Options;

/// Check, then write every finding to the baseline file.
pub fn run(args: &BaselineArgs) -> i32 {
    let (cwd, config) = match setup(
        args.config.as_deref(),
        &args.select,
        &args.ignore,
        &args.paths,
    ) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let opts = Options {
        paths: args.paths.clone(),
        cwd: cwd.clone(),
        threads: args.threads,
        fix: None,
    };
    let report = run_engine(&config, &opts);
    if !report.failed_policies.is_empty() {
        return EXIT_ERROR;
    }
    let baseline = Baseline::of(&report);
    let path = cwd.join(&args.output);
    if let Some(dir) = path.parent()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return fail(format!("cannot create {}: {e}", dir.display()));
    }
    if let Err(e) = std::fs::write(&path, baseline.to_json()) {
        return fail(format!("cannot write {}: {e}", path.display()));
    }
    eprintln!(
        "atlas9: recorded {} findings in {}",
        baseline.len(),
        args.output.display()
    );
    EXIT_OK
}
