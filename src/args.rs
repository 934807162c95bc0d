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

    /// The least serious level that makes the run exit 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "LEVEL")]
    pub(crate) fail_on: FailOn,

    /// The name to report for a draft read from standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub(crate) stdin_filename: String,

    /// Refuse drafts larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_SIZE)]
    pub(crate) max_size: u64,

    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) select: Vec<String>,

    /// Turn these rules off (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) ignore: Vec<String>,

    /// Use this configuration file for every draft instead of searching for
    /// outreach-lint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,

    /// Ignore configuration files; use the built-in rules and flags only.
    #[arg(long)]
    pub(crate) no_config: bool,

    /// Lint every draft as this kind of message instead of detecting it.
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

    /// List every rule with its level and pack, then exit.
    #[arg(long, conflicts_with = "explain")]
    pub(crate) list_rules: bool,

    /// Explain one rule at length: why, what it looks for, examples, how to silence it.
    #[arg(long, value_name = "RULE")]
    pub(crate) explain: Option<String>,

    // Finding drafts and shaping the report.
    /// File extensions that count as drafts when walking a directory
    /// (comma-separated; files named on the command line are always linted).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "EXTS",
        default_values_t = ["txt".to_owned(), "md".to_owned(), "eml".to_owned()],
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

const AFTER_HELP: &str = "\
Exit status: 0 when nothing at or above --fail-on was found, 1 when something was,
2 when a draft, rule pack or argument could not be used.

`outreach-lint server` runs a language server on standard input and output,
for editors (see the README).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Compiler-style report with the words underlined.
    Human,
    /// One line per finding: `path:line:col: level[rule] message`.
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
    Warning,
    Info,
    Never,
}

impl FailOn {
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
    outreach_lint::MessageKind::from_name(s).ok_or_else(|| {
        let names = outreach_lint::MessageKind::ALL.map(outreach_lint::MessageKind::name);
        format!("unknown kind `{s}`; kinds are: {}", names.join(", "))
    })
}
