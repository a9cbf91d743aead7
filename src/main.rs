//! The `stancemap` binary: no subcommand opens the GUI, otherwise runs the CLI.
//! The only place exit codes are chosen.

fn main() -> std::process::ExitCode {
    eprintln!("stancemap: not yet implemented");
    std::process::ExitCode::from(2)
}
