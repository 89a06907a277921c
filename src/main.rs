//! The `minewatch` binary: parse the arguments, run the command, and turn the outcome into an
//! exit code (0 done, 1 a run with failed documents or an error, 2 bad usage or config).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::init_logging();
    cli::exit_code(cli::run(args))
}
