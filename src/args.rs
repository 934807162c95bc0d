//! Command-line flags as typed. `main` resolves them into what to do.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Lint cold-outreach drafts like a compiler: file, line, column, the words
/// underlined, the rule, and what to write instead.
#[derive(Debug, Parser)]
#[command(name = "outreach-lint", version, about, after_help = AFTER_HELP)]
pub(crate) struct Args {
    /// Drafts to lint: files, directories (walked, honouring .gitignore), or
    /// `-` for standard input.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,

    /// When to colour human output (NO_COLOR in the environment also turns it off).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub(crate) color: ColorWhen,

    /// The least serious level that makes the run exit 1 [default: error,
    /// or the configuration's `fail-on`].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) fail_on: Option<FailOn>,

    /// The name to report for a draft read from standard input.
    /// Its folder picks the configuration and its path the `[per-file]`
    /// globs, as for a file of that name.
    #[arg(long, value_name = "NAME", default_value = STDIN_NAME)]
    pub(crate) stdin_filename: String,

    /// Refuse drafts larger than this (drafts are short; anything past the
    /// default is almost surely not one): bytes, or with a unit (`64k`, `10M`,
    /// `1G`; units are powers of 1024, `KiB`/`MiB`/`GiB` spelt out work too).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
    pub(crate) max_size: u64,

    /// Run only these rules (comma-separated ids or pack names such as `core`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) select: Vec<String>,

    /// Turn these rules off (comma-separated ids or pack names).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) ignore: Vec<String>,

    /// Use this configuration file for every draft instead of searching for
    /// outreach-lint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,

    /// Ignore configuration files; use the built-in rules and flags only.
    #[arg(long)]
    pub(crate) no_config: bool,

    /// Lint every draft as this kind of message instead of detecting it:
    /// cold-request (or cold), intro-request, intro-made, follow-up (or
    /// followup), thank-you (or thanks), other.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub(crate) kind: Option<outreach_lint::MessageKind>,

    /// Say which kind each draft was read as and which configuration applied.
    #[arg(short, long)]
    pub(crate) verbose: bool,

    /// Write a commented starter outreach-lint.toml in the current folder.
    #[arg(long, conflicts_with_all = ["list_rules", "explain"])]
    pub(crate) init: bool,

    /// Also load the rules of this TOML pack (may be repeated).
    #[arg(long = "pack", value_name = "FILE")]
    pub(crate) packs: Vec<PathBuf>,

    /// List every rule with its level, pack and summary, then exit (as a
    /// JSON document with `--format json`).
    #[arg(long, conflicts_with = "explain")]
    pub(crate) list_rules: bool,

    /// Explain one rule at length: why, what it looks for, examples, how to silence it.
    #[arg(long, value_name = "RULE")]
    pub(crate) explain: Option<String>,

    /// Apply the replacements of rules marked `safe-fix` to the drafts'
    /// files, each rewritten whole (a temporary file renamed over it); then
    /// report what is left.
    #[arg(long, help_heading = "Fixing")]
    pub(crate) fix: bool,

    /// Print what --fix would change, as a unified diff, instead of the
    /// findings, and change nothing (even with --fix). Exits 1 when there
    /// is something to fix.
    #[arg(long, help_heading = "Fixing")]
    pub(crate) diff: bool,

    /// Print a completion script for this shell, then exit (e.g.
    /// `outreach-lint --completions bash > ~/.local/share/bash-completion/completions/outreach-lint`).
    #[arg(long, value_name = "SHELL", help_heading = "Installing")]
    pub(crate) completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff), then exit (e.g. `outreach-lint --man > outreach-lint.1`).
    #[arg(long, help_heading = "Installing")]
    pub(crate) man: bool,

    // Finding drafts and shaping the report.
    /// File extensions that count as drafts when walking a directory
    /// (comma-separated; files named on the command line are always linted).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "EXTS",
        default_values_t = ["txt".to_owned(), "md".to_owned(), "markdown".to_owned(), "eml".to_owned()],
        help_heading = "Finding drafts"
    )]
    pub(crate) ext: Vec<String>,

    /// A directory with no drafts in it is not an error.
    #[arg(long, help_heading = "Finding drafts")]
    pub(crate) allow_empty: bool,

    /// Print no findings: only the summary line of the human format, and the exit code.
    #[arg(long, short = 'q', help_heading = "Report")]
    pub(crate) quiet: bool,

    /// After the findings, count them per rule (human, concise and github formats).
    #[arg(long, help_heading = "Report")]
    pub(crate) statistics: bool,

    // --- Drafts that are not clean text ----------------------------------
    /// Lint a draft with invalid UTF-8 (or UTF-16) anyway: each bad sequence
    /// becomes U+FFFD and a warning names the first one. Byte offsets then
    /// refer to the repaired text. Without it such a draft is refused.
    #[arg(long, help_heading = "Finding drafts")]
    pub(crate) lossy: bool,
}

/// The name standard input goes by when `--stdin-filename` is not given.
pub(crate) const STDIN_NAME: &str = "<stdin>";

const AFTER_HELP: &str = "\
Exit status: 0 when nothing at or above --fail-on was found, 1 when something was,
2 when a draft, rule pack or argument could not be used.

`outreach-lint server` runs a language server on standard input and output,
for editors (see the README).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Compiler-style report with the words underlined.
    Human,
    /// One line per problem: `path:line:col: level[rule] message`.
    Concise,
    /// Machine-readable, version 1 (see the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Error,
    // Packs and configuration accept `warn`; so does the flag.
    #[value(alias = "warn")]
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The flag's value, else the configuration's `fail-on`, else `error`.
    pub(crate) fn resolve(
        flag: Option<FailOn>,
        config: Option<Option<outreach_lint::Level>>,
    ) -> FailOn {
        use outreach_lint::Level;
        flag.unwrap_or(match config {
            None | Some(Some(Level::Error)) => FailOn::Error,
            Some(Some(Level::Warning)) => FailOn::Warning,
            Some(Some(Level::Info)) => FailOn::Info,
            Some(None) => FailOn::Never,
        })
    }

    /// Whether a finding at `level` fails the run.
    pub(crate) fn fails(self, level: outreach_lint::Level) -> bool {
        use outreach_lint::Level;
        match self {
            FailOn::Error => level >= Level::Error,
            FailOn::Warning => level >= Level::Warning,
            FailOn::Info => level >= Level::Info,
            FailOn::Never => false,
        }
    }
}

fn parse_kind(s: &str) -> Result<outreach_lint::MessageKind, String> {
    outreach_lint::MessageKind::from_name(s)
        .ok_or_else(|| format!("unknown kind `{s}`; {}", kind_hint(s)))
}

/// What to say after an unknown kind: `intro` could be either kind of
/// introduction, so both are offered; otherwise the list of kinds.
pub(crate) fn kind_hint(name: &str) -> String {
    if name.trim().eq_ignore_ascii_case("intro") {
        return "did you mean `intro-request` (asking to be introduced) or `intro-made` (introducing two people)?".to_owned();
    }
    let names = outreach_lint::MessageKind::ALL.map(outreach_lint::MessageKind::name);
    format!("kinds are: {}", names.join(", "))
}

/// A size in bytes, with an optional unit: `k`, `M`, `G` (or `KiB`, `MiB`,
/// `GiB`, or with a `B`: `kB`, `MB`), all powers of 1024, as file sizes
/// are usually shown; a bare number or `B` is bytes.
pub(crate) fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, unit) = t.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => Some(0),
        "k" | "kb" | "kib" => Some(10),
        "m" | "mb" | "mib" => Some(20),
        "g" | "gb" | "gib" => Some(30),
        _ => None,
    };
    let bytes = number
        .parse::<u64>()
        .ok()
        .zip(shift)
        .and_then(|(n, shift)| n.checked_mul(1u64 << shift));
    bytes.ok_or_else(|| {
        format!("`{s}` is not a size such as 4096, 64k, 10M or 1GiB (units are powers of 1024)")
    })
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("1k"), Ok(1024));
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert_eq!(parse_size("1 GB"), Ok(1 << 30));
        assert_eq!(parse_size("10b"), Ok(10));
        assert!(parse_size("").is_err());
        assert!(parse_size("1.5k").is_err());
        assert!(parse_size("k").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert!(parse_size("18014398509481984G").is_err());
    }
}
