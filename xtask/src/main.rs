//! `cargo xtask`: writes the benchmark corpus to disk, for `benches/cli.sh`
//! and for anyone reproducing the README's figures.
//!
//! ```text
//! cargo xtask corpus --out DIR [--count N] [--seed S]   N drafts as DIR/draft-00000.txt ...
//! cargo xtask large  --out FILE [--bytes B] [--seed S]  one draft of at least B bytes
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::from(2)
        }
    }
}

struct Opts {
    out: Option<PathBuf>,
    count: usize,
    bytes: usize,
    seed: u64,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut opts = Opts {
        out: None,
        count: 1000,
        bytes: 10 << 20,
        seed: xtask::DEFAULT_SEED,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: `{value}` is not a number"))
        };
        match flag.as_str() {
            "--out" => opts.out = Some(PathBuf::from(value)),
            "--count" => opts.count = number()? as usize,
            "--bytes" => opts.bytes = number()? as usize,
            "--seed" => opts.seed = number()?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(opts)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(
            "usage: xtask corpus|large|typical --out PATH [--count N] [--bytes B] [--seed S]"
                .into(),
        );
    };
    let opts = parse(rest)?;
    let out = opts.out.ok_or("--out is required")?;
    match command.as_str() {
        "corpus" => {
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            for (i, draft) in xtask::drafts(opts.seed, opts.count).enumerate() {
                let path = out.join(format!("draft-{i:05}.txt"));
                std::fs::write(&path, draft).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            Ok(())
        }
        "large" => std::fs::write(&out, xtask::large(opts.seed, opts.bytes))
            .map_err(|e| format!("{}: {e}", out.display())),
        // The typical 250-word draft of the engine benchmark, for timing a
        // binding's single call beside it.
        "typical" => std::fs::write(&out, xtask::typical(opts.seed))
            .map_err(|e| format!("{}: {e}", out.display())),
        other => Err(format!(
            "unknown command `{other}`; try `corpus`, `large` or `typical`"
        )),
    }
}
