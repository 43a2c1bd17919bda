//! Benchmark (not a test): what evaluating the built-in policies costs per document, all of them
//! together and each one alone, over the trees `scripts/bench-policies.sh` generates. Documents
//! are built first, so only evaluation is timed; each figure is the best of a few passes.
//!
//! Usage: `cargo bench --bench policies -- WORKFLOW_DIR TERRAFORM_DIR [DOCUMENTS=300]`

use atlas9::policy::engine::Policies;
use atlas9::policy::{self, modules};
use regorus::Value;
use std::path::Path;
use std::time::Instant;

const PASSES: usize = 5;

// The allocator `atlas9` ships with (`src/main.rs`): the virtual machine allocates at most of its
// steps, so the system allocator would measure a slower program than the one users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [workflows, tf, rest @ ..] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench policies -- WORKFLOW_DIR TERRAFORM_DIR [DOCUMENTS]");
        std::process::exit(2);
    };
    let limit = rest.first().and_then(|n| n.parse().ok()).unwrap_or(300);
    let kinds = [
        (
            "workflow",
            "ci/",
            workflow_documents(Path::new(workflows), limit),
        ),
        (
            "terraform module",
            "terraform/",
            module_documents(Path::new(tf), limit),
        ),
    ];
    let all = policy::builtin();
    for (kind, prefix, docs) in &kinds {
        let (each, found) = per_document(&all, docs);
        println!(
            "{} {kind}s: every built-in policy, {each:.1} µs per document ({found} findings)",
            docs.len()
        );
        let mut costs: Vec<(f64, String)> = policy::builtin_sources()
            .iter()
            .filter_map(|s| s.path.strip_prefix("policies/"))
            .filter(|p| p.starts_with(prefix) && !p.ends_with("lib.rego"))
            .map(|p| {
                let alone = policy::builtin_subset(|q| q == p).expect("a built-in policy compiles");
                (per_document(&alone, docs).0, p.to_string())
            })
            .collect();
        costs.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (cost, path) in &costs {
            println!("  {cost:7.1} µs  {path}");
        }
    }
}

/// The best time per document of evaluating `docs` with `policies`, in microseconds, and the
/// findings of one pass.
fn per_document(policies: &Policies, docs: &[Value]) -> (f64, usize) {
    let mut worker = policies.worker();
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..PASSES {
        let start = Instant::now();
        found = 0;
        for doc in docs {
            found += worker
                .evaluate(doc.clone())
                .expect("built-in policies run")
                .len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best * 1e6 / docs.len().max(1) as f64, found)
}

fn workflow_documents(root: &Path, limit: usize) -> Vec<Value> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yml"))
        .take(limit)
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("readable workflow");
            policy::input(".github/workflows/bench.yml", &text).expect("a valid workflow")
        })
        .collect()
}

fn module_documents(root: &Path, limit: usize) -> Vec<Value> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        // Directories without `.tf` files (the stacks holding modules) are not modules.
        .filter_map(|e| modules::read(e.path(), |p| p.display().to_string()).ok())
        .map(|m| m.doc)
        .take(limit)
        .collect()
}
