//! atlas9 checks a repository for the details backend teams keep getting wrong: unsafe Postgres
//! migrations, missing timeouts, and (in later domains) API, secrets, CI and Terraform hygiene.
//!
//! ```no_run
//! use atlas9::{config::Config, engine};
//! let cwd = std::env::current_dir().unwrap();
//! let config = Config::discover(&cwd).unwrap();
//! let opts = engine::Options { paths: vec![".".into()], cwd, threads: 0, fix: None };
//! let report = engine::run(&config, &opts);
//! println!("{} files with findings", report.files.len());
//! ```

#![deny(missing_docs)]

pub mod checks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostics;
pub mod engine;
pub mod output;
pub mod policy;
pub mod registry;
pub mod syntax;
pub mod workspace;
