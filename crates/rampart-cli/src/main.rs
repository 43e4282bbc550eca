//! The `rampart` command. Parsing and dispatch only; each command lives in
//! its own module.

use std::process::ExitCode;

use clap::Parser;

mod audit;
mod cert;
mod class;
mod cli;
mod course;
mod export;
mod regrade;
mod run;
mod scaffold;
mod site;
mod site_command;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::dispatch(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
