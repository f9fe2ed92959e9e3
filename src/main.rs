//! The `plangraph` command: parses the arguments and hands each subcommand to its function in
//! [`cli::commands`]; the work itself is the library's.

mod cli;

use clap::{CommandFactory, Parser};
use cli::args::{Cli, Command};
use cli::commands;
use cli::exit::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome: Outcome = match &cli.command {
        Command::Parse(args) => commands::parse(args),
        Command::Text(args) => commands::text(args),
        Command::Export(args) => commands::export(args, &cli),
        Command::Validate(args) => commands::validate(args),
        Command::Query(args) => commands::query(args),
        Command::Queries(args) => commands::queries(args),
        Command::Load(args) => commands::load(args, &cli),
        Command::Link(args) => commands::link(args),
        Command::Push(args) => commands::push(args, &cli),
        Command::Serve(args) => cli::serve::serve(args),
        Command::Plot(args) => cli::serve::plot(args),
        Command::Completions { shell } => {
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "plangraph",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map_err(|e| plangraph::Error::new("<stdout>", format!("cannot write: {e}")).into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("plangraph: {}", failure.error);
            ExitCode::from(failure.code)
        }
    }
}
