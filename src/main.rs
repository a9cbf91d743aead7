//! The `stancemap` binary: no subcommand opens the GUI, otherwise runs the CLI.
//! The only place exit codes are chosen: 0 ok, 1 nothing found, 2 error.

use std::process::ExitCode;

use clap::Parser;
use stancemap::cli::{self, Cli, Outcome};

/// Counts heap bytes (current and peak) for `stancemap bench`; a few atomic adds
/// per allocation otherwise.
#[global_allocator]
static HEAP: peak_alloc::PeakAlloc = peak_alloc::PeakAlloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version are not errors; usage mistakes are.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stancemap: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// `stancemap show map.ron | head` closing the pipe early is not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
