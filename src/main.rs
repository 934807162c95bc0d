//! `outreach-lint`: a thin shell over the `outreach_lint` library. It reads
//! drafts, runs the linter, renders the findings and picks the exit code.
//!
//! Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or above it,
//! 2 a draft, pack or argument could not be used.

mod args;
mod check;
mod emit;
mod eml;
mod explain;
mod input;
mod walk;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use outreach_lint::{BUILTIN_PACKS, Linter, LoadError, Pack};

use args::{Args, ColorWhen};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`outreach-lint … | head`) is the reader's choice.
            if err.chain().any(|e| {
                e.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("outreach-lint: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<ExitCode> {
    let color = match args.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut linter = match build_linter(args) {
        Ok(linter) => linter,
        Err(err) => {
            let color_err = color && io::stderr().is_terminal();
            emit::human::emit_load_error(&mut io::stderr().lock(), &err, color_err)?;
            return Ok(ExitCode::from(2));
        }
    };
    for id in args.select.iter().chain(&args.ignore) {
        explain::known_rule(&linter, id)?;
    }
    if !args.select.is_empty() {
        linter.select(args.select.iter().map(String::as_str));
    }
    for id in &args.ignore {
        linter.set_level(id, None);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());

    if args.list_rules {
        explain::list_rules(&mut out, &linter)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(id) = &args.explain {
        explain::explain(&mut out, &linter, id)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.paths.is_empty() {
        anyhow::bail!(
            "no drafts given; pass one or more files, or - to read standard input (see --help)"
        );
    }

    check::run(&mut out, &linter, args, color)
}

/// The built-in packs plus any given with `--pack`.
fn build_linter(args: &Args) -> Result<Linter, LoadError> {
    if args.packs.is_empty() {
        return Ok(Linter::builtin());
    }
    let mut packs: Vec<Pack> = BUILTIN_PACKS
        .iter()
        .filter_map(|(name, _)| Pack::builtin(name))
        .collect::<Result<_, _>>()?;
    for path in &args.packs {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::io(&origin, &e))?;
        packs.push(Pack::from_toml(&origin, &text)?);
    }
    Linter::from_packs(packs)
}
