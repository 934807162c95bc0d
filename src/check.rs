//! One lint run over the drafts named on the command line: find them, lint
//! them in parallel, write the report in a stable order, pick the exit code.
//!
//! Each worker reads one draft, lints it in its format (plain text,
//! Markdown, `.eml`) and renders the text formats right away, so a draft's
//! text is dropped as soon as it is done; what stays until the end is the
//! rendered output and the diagnostics JSON and SARIF need.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use std::sync::Arc;

use anyhow::{Context, Result};
use outreach_lint::{Draft, DraftFormat, Linter, MessageKind};
use rayon::prelude::*;

use crate::args::{Args, FailOn, Format};
use crate::emit::{self, FileReport};
use crate::headers;
use crate::input::{self, Source};
use crate::settings::{self, Resolved, Settings, SettingsError};
use crate::walk::{self, Target};

/// What became of one draft.
enum Outcome {
    Linted {
        report: FileReport,
        /// The text formats' output for this draft.
        rendered: String,
        /// The `--verbose` line for this draft.
        verbose: Option<String>,
        /// A finding is at or above the `--fail-on` level for this draft
        /// (the flag's, or its configuration's).
        fails: bool,
        /// `--diff`: what `--fix` would change, as a unified diff.
        diff: Option<String>,
        /// `--fix` could not rewrite the file (said in `warnings`).
        fix_failed: bool,
        /// Warnings about the draft (what `--lossy` replaced, a header
        /// naming an unknown rule), each one line after `outreach-lint: `.
        warnings: Vec<String>,
    },
    /// Could not be read or parsed: `(name, reason)`.
    Failed(String, String),
}

pub(crate) fn run(
    out: &mut dyn Write,
    settings: &mut Settings<'_>,
    args: &Args,
    color: bool,
    report_settings_error: &dyn Fn(SettingsError) -> Result<()>,
) -> Result<ExitCode> {
    let walked = walk::collect(
        &args.paths,
        &args.stdin_filename,
        &args.ext,
        args.allow_empty,
    );
    for (path, reason) in &walked.problems {
        eprintln!("outreach-lint: {path}: {reason}");
    }
    // Each draft's configuration is found and its linter built up front, one
    // per configuration file; a broken configuration is reported once.
    let mut unusable_config = false;
    let mut jobs: Vec<(&Target, Arc<Resolved>)> = Vec::with_capacity(walked.targets.len());
    for target in &walked.targets {
        let config = settings.config_path(config_key(target, args));
        match settings.resolve(config) {
            Ok(resolved) => jobs.push((target, resolved)),
            Err(e) => {
                if let Some(e) = e {
                    report_settings_error(e)?;
                }
                unusable_config = true;
            }
        }
    }
    // `collect` on an indexed parallel iterator keeps the input order. One
    // draft (an editor, a hook on one file) is linted here: starting the
    // thread pool would cost more than it could save.
    let lint =
        |(target, resolved): &(&Target, Arc<Resolved>)| lint_one(resolved, target, args, color);
    let outcomes: Vec<Outcome> = if jobs.len() < 2 {
        jobs.iter().map(lint).collect()
    } else {
        jobs.par_iter().map(lint).collect()
    };
    // Rule metadata for SARIF comes from the first linter used (usually
    // the only one).
    let sarif_linter = jobs.first().map(|(_, r)| Arc::clone(r));

    let mut unreadable = !walked.problems.is_empty() || unusable_config;
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut failed = false;
    let mut would_fix = 0;
    let text_format = matches!(
        args.format,
        Format::Human | Format::Concise | Format::Github
    );
    for outcome in outcomes {
        match outcome {
            Outcome::Linted {
                report,
                rendered,
                verbose,
                warnings,
                fails,
                diff,
                fix_failed,
            } => {
                failed |= fails;
                unreadable |= fix_failed;
                for warning in warnings {
                    eprintln!("outreach-lint: {warning}");
                }
                if let Some(line) = verbose {
                    eprintln!("{line}");
                }
                if args.diff {
                    // --diff prints what would change instead of findings.
                    if let Some(diff) = diff {
                        out.write_all(diff.as_bytes()).context("writing the diff")?;
                        would_fix += 1;
                    }
                    reports.push(report);
                    continue;
                }
                if text_format && !args.quiet {
                    out.write_all(rendered.as_bytes())
                        .context("writing the report")?;
                }
                reports.push(report);
            }
            Outcome::Failed(name, reason) => {
                eprintln!("outreach-lint: {name}: {reason}");
                unreadable = true;
            }
        }
    }
    if args.diff {
        // The diffs are the whole report; exit 1 says there is something
        // to fix, as `git diff --exit-code` does.
        out.flush().context("writing the diff")?;
        if would_fix > 0 {
            let drafts = if would_fix == 1 { "draft" } else { "drafts" };
            eprintln!(
                "outreach-lint: {would_fix} {drafts} would be changed; --fix applies the changes"
            );
        }
        return Ok(if unreadable {
            ExitCode::from(2)
        } else if would_fix > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    match args.format {
        Format::Json => emit::json::emit(out, &reports),
        Format::Sarif => {
            let fallback;
            let linter = match &sarif_linter {
                Some(resolved) => &resolved.linter,
                None => {
                    fallback = Linter::builtin();
                    &fallback
                }
            };
            emit::sarif::emit(out, &reports, linter)
        }
        Format::Human | Format::Concise | Format::Github => {
            if args.statistics {
                emit::statistics::emit(out, &reports)?;
            }
            // When nothing could be linted, the errors on stderr are the
            // whole story; "no findings in 0 drafts" would only mislead.
            if args.format == Format::Human && !(reports.is_empty() && unreadable) {
                emit::human::summary(out, &reports)?;
            }
            Ok(())
        }
    }
    .context("writing the report")?;
    out.flush().context("writing the report")?;

    Ok(if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn is_eml(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("eml"))
}

/// The path that picks a draft's configuration and `[per-file]` globs:
/// the file's, or the `--stdin-filename` given for standard input, so an
/// editor piping a buffer gets what the command gives for the file.
fn config_key<'t>(target: &'t Target, args: &'t Args) -> Option<&'t Path> {
    match target {
        Target::File(path) => Some(path.as_path()),
        Target::Stdin(_) if args.stdin_filename != crate::args::STDIN_NAME => {
            Some(Path::new(&args.stdin_filename))
        }
        Target::Stdin(_) => None,
    }
}

/// A draft as linted.
struct Linted {
    /// What the spans point into.
    text: String,
    kind: MessageKind,
    /// Why the draft was read as its kind, when that was detected.
    kind_reason: Option<String>,
    diagnostics: Vec<outreach_lint::Diagnostic>,
    decoded: bool,
    /// The draft names its kind in an `X-Outreach-Kind` header.
    kind_in_draft: bool,
    warnings: Vec<String>,
    /// `--diff`'s diff, or `--fix` failed to write (`Err`).
    fix: Option<Result<String, ()>>,
}

fn lint_one(resolved: &Resolved, target: &Target, args: &Args, color: bool) -> Outcome {
    let name = target.name();
    let source = match target {
        Target::Stdin(_) => Source::Stdin,
        Target::File(path) => Source::File(path.clone()),
    };
    let linter = &resolved.linter;
    let options = resolved.options_for(config_key(target, args), args.kind);
    let linted = input::read(&source, args.max_size).and_then(|bytes| {
        if is_eml(&name) {
            input::refuse_binary(&bytes)?;
            let eml = crate::eml::lint(linter, &bytes, &options)?;
            Ok(Linted {
                text: eml.text,
                kind: eml.kind,
                kind_reason: eml.kind_reason,
                diagnostics: eml.diagnostics,
                decoded: eml.decoded,
                kind_in_draft: false,
                warnings: Vec::new(),
                fix: None,
            })
        } else {
            let (text, lossy) = if args.lossy {
                input::decode_lossy(bytes)?
            } else {
                (input::decode(bytes)?, None)
            };
            let format = DraftFormat::from_path(&name);
            let draft = Draft::parse_as(&text, format).map_err(|e| e.message().to_owned())?;
            let report = linter.lint_draft(&draft, &options);
            let mut warnings: Vec<String> = lossy
                .map(|w| format!("{name}: warning: {w}"))
                .into_iter()
                .collect();
            warnings.extend(headers::check(&draft, linter, &name));
            let kind_in_draft = draft
                .header("X-Outreach-Kind")
                .and_then(MessageKind::from_name)
                .is_some();
            drop(draft);
            Ok(Linted {
                text,
                kind: report.kind,
                kind_reason: report.kind_reason,
                diagnostics: report.diagnostics,
                decoded: false,
                kind_in_draft,
                warnings,
                fix: None,
            })
        }
    });
    let linted = match linted {
        Ok(linted) if args.fix || args.diff => fix(linted, linter, &options, target, &name, args),
        Ok(linted) => linted,
        Err(reason) => return Outcome::Failed(name, reason),
    };
    let Linted {
        text,
        kind,
        kind_reason,
        diagnostics,
        decoded,
        kind_in_draft,
        warnings,
        fix,
    } = linted;
    let verbose = args.verbose.then(|| {
        // The same order of precedence the linter follows.
        let how = if args.kind.is_some() {
            "given with --kind"
        } else if resolved.config.kind().is_some() {
            "set in the configuration"
        } else if kind_in_draft {
            "set in the draft"
        } else {
            "detected"
        };
        let how = match (&kind_reason, how) {
            (Some(reason), "detected") => format!("detected from {reason}"),
            _ => how.to_owned(),
        };
        let config = resolved
            .path
            .as_deref()
            .map_or_else(|| "none".to_owned(), settings::shown);
        format!("outreach-lint: {name}: read as {kind} ({how}); configuration: {config}")
    });
    let rendered = if args.quiet {
        String::new()
    } else {
        match args.format {
            Format::Human => emit::human::render(&name, &text, &diagnostics, decoded, color),
            Format::Concise => emit::concise::render(&name, &diagnostics),
            Format::Github => emit::github::render(&name, &diagnostics),
            Format::Json | Format::Sarif => String::new(),
        }
    };
    let fail_on = FailOn::resolve(args.fail_on, resolved.config.fail_on());
    let fails = diagnostics.iter().any(|d| fail_on.fails(d.level));
    Outcome::Linted {
        fails,
        diff: fix.clone().and_then(Result::ok),
        fix_failed: matches!(fix, Some(Err(()))),
        report: FileReport {
            name,
            kind,
            kind_reason,
            diagnostics,
            decoded,
        },
        rendered,
        verbose,
        warnings,
    }
}

/// `--diff`: the diff of the safe fixes, kept for the report. `--fix`: the
/// file rewritten with them and linted again, so the report shows what is
/// left, with spans into the new text.
fn fix(
    mut linted: Linted,
    linter: &Linter,
    options: &outreach_lint::LintOptions,
    target: &Target,
    name: &str,
    args: &Args,
) -> Linted {
    let edits = crate::fix::edits(linter, &linted.diagnostics);
    if edits.is_empty() {
        return linted;
    }
    let new = crate::fix::apply(&linted.text, &edits);
    let path = match target {
        Target::File(path) if !linted.decoded && !is_eml(name) => Some(path),
        _ => None,
    };
    if args.diff {
        if path.is_some() || matches!(target, Target::Stdin(_)) {
            linted.fix = Some(Ok(crate::fix::unified_diff(name, &linted.text, &new)));
        }
        return linted;
    }
    let Some(path) = path else {
        linted.warnings.push(format!(
            "{name}: warning: not fixed: --fix rewrites plain-text and Markdown files only"
        ));
        return linted;
    };
    if let Err(reason) = crate::fix::write(path, &linted.text, &new) {
        linted.warnings.push(format!("{name}: not fixed: {reason}"));
        linted.fix = Some(Err(()));
        return linted;
    }
    let count = edits.len();
    let plural = if count == 1 { "" } else { "s" };
    linted
        .warnings
        .push(format!("{name}: fixed {count} finding{plural}"));
    // The file now holds `new`; what is left is reported against it.
    if let Ok(draft) = Draft::parse_as(&new, DraftFormat::from_path(name)) {
        let report = linter.lint_draft(&draft, options);
        linted.kind = report.kind;
        linted.kind_reason = report.kind_reason;
        linted.diagnostics = report.diagnostics;
    }
    linted.text = new;
    linted
}
