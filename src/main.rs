use clap::Parser;

// Checking allocates many small, short-lived values (names, tokens, findings); mimalloc serves
// them markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = atlas9::cli::Cli::parse();
    std::process::exit(atlas9::commands::run(cli));
}
