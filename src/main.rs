//! The `plangraph` command: parses arguments and hands the work to the library.

mod cli;

use clap::Parser;
use cli::{Cli, Command, InputOptions, ParseArgs, ParseFormat};
use plangraph::registry::DEFAULT_BASE;
use plangraph::{
    outline, output, pipeline, source, Error, InputEncoding, Registry, Result, SourceText,
    UserMetadata,
};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => run_parse(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plangraph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_parse(args: &ParseArgs) -> Result<()> {
    let options = &args.input_options;
    let registry = load_registry(options)?;
    let source = read_input(args.input.as_deref(), options)?;
    let plan = pipeline::parse(&source, &registry, &metadata(options))?;
    let rendered = match args.format {
        ParseFormat::Text => outline::render(&plan),
        ParseFormat::Json => {
            let mut json = serde_json::to_string_pretty(&plan)
                .map_err(|e| Error::new(&source.name, e.to_string()))?;
            json.push('\n');
            json
        }
    };
    output::write_output(args.output.as_deref(), rendered.as_bytes())
}

fn load_registry(options: &InputOptions) -> Result<Registry> {
    let mut registry = Registry::bundled(DEFAULT_BASE)?;
    for path in &options.registry {
        registry.add_file(path, DEFAULT_BASE)?;
    }
    Ok(registry)
}

fn read_input(path: Option<&std::path::Path>, options: &InputOptions) -> Result<SourceText> {
    let encoding = InputEncoding::from_label(&options.encoding).ok_or_else(|| {
        Error::new(
            "--encoding",
            format!(
                "unknown encoding {:?} (use auto, utf-8, gb18030, gbk or big5)",
                options.encoding
            ),
        )
    })?;
    match path {
        None => Ok(pipeline::bundled_plan()),
        Some(path) => source::read_path(path, encoding),
    }
}

fn metadata(options: &InputOptions) -> UserMetadata {
    UserMetadata {
        title: options.title.clone(),
        identifier: options.identifier.clone(),
        issuer: options.issuer.clone(),
        issued: options.issued.clone(),
        source_url: options.source_url.clone(),
    }
}
