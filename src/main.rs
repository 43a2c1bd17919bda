use clap::Parser;

fn main() {
    let cli = atlas9::cli::Cli::parse();
    std::process::exit(atlas9::commands::run(cli));
}
