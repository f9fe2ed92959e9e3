//! Command-line definitions (clap). The logic lives in the library; `main.rs` dispatches.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns Chinese government work plans into a linked-data graph of who is responsible for what.
#[derive(Debug, Parser)]
#[command(name = "plangraph", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse a plan: tasks, subtasks, responsible agencies, mentions and flags.
    Parse(ParseArgs),
}

/// Options of `plangraph parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The plan's text file, or `-` for standard input. Without it: the bundled 2017 plan.
    pub input: Option<PathBuf>,
    /// Output format: `text` (an outline to read) or `json` (the documented data model).
    #[arg(short, long, value_enum, default_value_t = ParseFormat::Text)]
    pub format: ParseFormat,
    /// Write to FILE instead of standard output (`-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub input_options: InputOptions,
}

/// Options for reading plans, shared by every command that reads them.
#[derive(Debug, Args)]
pub struct InputOptions {
    /// The input's encoding: auto, utf-8, gb18030 (gbk), big5.
    #[arg(long, default_value = "auto", value_name = "ENCODING")]
    pub encoding: String,
    /// Extra registry file (RDF) of agencies, campaigns, instruments or partners; repeatable.
    #[arg(long, value_name = "FILE")]
    pub registry: Vec<PathBuf>,
    /// The plan's title, where the text lacks it or prints it cut.
    #[arg(long)]
    pub title: Option<String>,
    /// Document number, e.g. 国办发〔2017〕46号.
    #[arg(long)]
    pub identifier: Option<String>,
    /// Issuing body, e.g. 国务院办公厅.
    #[arg(long)]
    pub issuer: Option<String>,
    /// Date issued (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub issued: Option<String>,
    /// Where the text was taken from.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
}

/// Output formats of `parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// An outline to read.
    Text,
    /// The data model as JSON.
    Json,
}
