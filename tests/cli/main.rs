//! The command-line tool, tested as a process: exit codes, stdout, stderr.
//! One test binary, a module per theme.

mod util;

// Exit codes 0, 1 and 2, and what each prints.
mod exit_codes;
// Drafts that are odd, unreadable or not drafts at all.
mod input;
// Per-rule snapshots of every fixture under fixtures/<rule-id>/.
mod rules;
// Output formats: human, concise, JSON; --list-rules and --explain.
mod formats;
// Lines and columns point at the first character of each match.
mod spans;
// Rule packs given with --pack, and their errors.
mod packs;
// Configuration files: discovery, precedence, per-file skips, errors.
mod config;
// Directories walked: .gitignore, hidden files, links, order, bad drafts.
mod walk;
// Markdown and .eml drafts: headers, syntax, spans into the file.
mod drafts;
// Odd encodings, huge and binary files, hostile packs; drafts never written.
mod robustness;
// Inputs kept from fuzzing, run through the command.
mod regressions;
// --fix and --diff: safe replacements, written whole or not at all.
mod fix;
// The plain git hook in contrib/, run by sh.
#[cfg(unix)]
mod hook;
// The language server, spoken to over stdio as an editor would.
mod server;
