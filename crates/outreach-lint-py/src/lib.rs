//! The `outreach_lint` Python module: the linter's findings as typed
//! Python objects, a reusable `Linter`, and `lint_many`, which lints on
//! every core with the GIL released.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use outreach_lint::{
    Config, Diagnostic, DraftFormat, Input, LintOptions, LoadError, Message, MessageKind, PackFile,
};
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

create_exception!(
    outreach_lint,
    ConfigError,
    PyValueError,
    "A configuration or rule pack that cannot be used. `str()` shows the file, line and column with the place underlined; the attributes `origin`, `line`, `column`, `message` and `help` hold the parts."
);

/// One finding in one draft.
#[pyclass(frozen, get_all, module = "outreach_lint")]
#[derive(Debug, Clone)]
struct Finding {
    /// The rule's id, e.g. `pick-your-brain`.
    rule: String,
    /// `"error"`, `"warning"` or `"info"`.
    level: &'static str,
    /// What is wrong, in one line.
    message: String,
    /// What to write instead.
    help: String,
    /// The section the words are in: `subject`, `greeting`, `body`, …
    section: &'static str,
    /// 1-based line of the first underlined character.
    line: usize,
    /// 1-based column of it, in characters.
    column: usize,
    /// 1-based line where the underline ends.
    end_line: usize,
    /// 1-based column where it ends, in characters.
    end_column: usize,
    /// Byte offset of the first underlined byte (of the UTF-8 text).
    start: usize,
    /// Byte offset one past the last underlined byte.
    end: usize,
    /// Replacements for the underlined words, best first.
    suggestions: Vec<String>,
    /// The index, in the same list, of the finding this one is folded
    /// into: another rule reports the same problem on the same words.
    /// `None` for the findings to show; folded ones are kept for scripts.
    folded_into: Option<usize>,
}

#[pymethods]
impl Finding {
    fn __repr__(&self) -> String {
        format!(
            "Finding(rule={:?}, level={:?}, line={}, column={}, message={:?})",
            self.rule, self.level, self.line, self.column, self.message
        )
    }

    fn __str__(&self) -> String {
        format!(
            "{}:{}: {}[{}] {}",
            self.line, self.column, self.level, self.rule, self.message
        )
    }
}

impl From<Diagnostic> for Finding {
    fn from(d: Diagnostic) -> Self {
        Finding {
            level: d.level.name(),
            section: d.section.name(),
            line: d.span.line,
            column: d.span.column,
            end_line: d.span.end_line,
            end_column: d.span.end_column,
            start: d.span.start,
            end: d.span.end,
            rule: d.rule,
            message: d.message,
            help: d.help,
            suggestions: d.suggestions,
            folded_into: d.folded_into,
        }
    }
}

/// A `ConfigError` carrying the spanned message and its parts.
fn config_error(py: Python<'_>, e: &LoadError) -> PyErr {
    let err = ConfigError::new_err(e.rendered());
    let value = err.value(py);
    let at = e.span().map(|s| {
        let text = e.source_text();
        outreach_lint::LineIndex::new(text).line_column(text, s.start)
    });
    // Setting attributes on a fresh exception object does not fail; if it
    // ever did, the message alone still says everything.
    let _ = value.setattr("origin", e.origin());
    let _ = value.setattr("line", at.map(|a| a.line));
    let _ = value.setattr("column", at.map(|a| a.column));
    let _ = value.setattr("message", e.message());
    let _ = value.setattr("help", e.help());
    err
}

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn parse_kind(kind: Option<&str>) -> PyResult<Option<MessageKind>> {
    kind.map(str::parse::<MessageKind>)
        .transpose()
        .map_err(value_error)
}

/// Read a configuration or pack file, refusing one over the pack size
/// limit rather than holding it.
fn read_limited(path: &Path) -> std::io::Result<String> {
    let size = std::fs::metadata(path)?.len();
    if size > outreach_lint::MAX_PACK_SIZE as u64 {
        return Err(std::io::Error::other(format!(
            "{} is over the {}-byte limit for a rule pack or configuration",
            path.display(),
            outreach_lint::MAX_PACK_SIZE
        )));
    }
    std::fs::read_to_string(path)
}

/// A configuration with the folder its pack paths are relative to.
fn build(py: Python<'_>, config: &Config, base: Option<&Path>) -> PyResult<outreach_lint::Linter> {
    let linter = outreach_lint::Linter::from_config_with(config, |name| {
        let Some(base) = base else {
            return Err("a configuration given as text cannot name pack files".to_owned());
        };
        let file = base.join(name);
        read_limited(&file)
            .map(|text| PackFile {
                origin: file.display().to_string(),
                text,
            })
            .map_err(|e| e.to_string())
    });
    linter.map_err(|e| config_error(py, &e))
}

/// A linter built once from a configuration, for linting many drafts.
#[pyclass(frozen, module = "outreach_lint")]
struct Linter {
    linter: outreach_lint::Linter,
    config: Config,
    /// The configuration file's folder, for `[per-file]` globs.
    base: Option<PathBuf>,
    /// The kind every draft is read as, if given.
    kind: Option<MessageKind>,
}

impl Linter {
    fn options(&self, path: Option<&str>, kind: Option<MessageKind>) -> LintOptions {
        let relative = path.map(|p| match &self.base {
            Some(base) => Path::new(p)
                .strip_prefix(base)
                .unwrap_or(Path::new(p))
                .to_string_lossy()
                .replace('\\', "/"),
            None => p.to_owned(),
        });
        let mut options = self.config.options_for(relative.as_deref());
        if let Some(kind) = kind.or(self.kind) {
            options.kind = Some(kind);
        }
        options
    }

    fn run(
        &self,
        input: &Input<'_>,
        options: &LintOptions,
    ) -> Result<Vec<Finding>, outreach_lint::InputError> {
        let report = self.linter.lint_input(input, options)?;
        Ok(report.diagnostics.into_iter().map(Finding::from).collect())
    }
}

#[pymethods]
impl Linter {
    /// A linter for the configuration file at `config` (an
    /// `outreach-lint.toml`), or the default packs when `None`.
    #[new]
    #[pyo3(signature = (config=None, *, kind=None))]
    fn new(py: Python<'_>, config: Option<PathBuf>, kind: Option<&str>) -> PyResult<Self> {
        let kind = parse_kind(kind)?;
        let Some(path) = config else {
            return Ok(Linter {
                linter: default_linter(py)?.clone(),
                config: Config::default(),
                base: None,
                kind,
            });
        };
        let text = read_limited(&path)
            .map_err(|e| PyOSError::new_err(format!("cannot read {}: {e}", path.display())))?;
        let config = Config::from_toml(&path.display().to_string(), &text)
            .map_err(|e| config_error(py, &e))?;
        let base = path.parent().map(Path::to_path_buf);
        let linter = build(py, &config, base.as_deref())?;
        Ok(Linter {
            linter,
            config,
            base,
            kind,
        })
    }

    /// A linter for a configuration given as TOML text (it may name
    /// built-in packs only).
    #[staticmethod]
    #[pyo3(signature = (text, *, origin="outreach-lint.toml", kind=None))]
    fn from_toml(py: Python<'_>, text: &str, origin: &str, kind: Option<&str>) -> PyResult<Self> {
        let kind = parse_kind(kind)?;
        let config = Config::from_toml(origin, text).map_err(|e| config_error(py, &e))?;
        let linter = build(py, &config, None)?;
        Ok(Linter {
            linter,
            config,
            base: None,
            kind,
        })
    }

    /// Lint one draft given as text.
    #[pyo3(signature = (text, *, kind=None, path=None, allow_switches=false))]
    fn lint(
        &self,
        text: &str,
        kind: Option<&str>,
        path: Option<&str>,
        allow_switches: bool,
    ) -> PyResult<Vec<Finding>> {
        let options = self.options(path, parse_kind(kind)?);
        let format = path.map_or(DraftFormat::Text, DraftFormat::from_path);
        let input = Input::text(text, format).allow_switches(allow_switches);
        self.run(&input, &options).map_err(value_error)
    }

    /// Lint a message given field by field.
    #[pyo3(signature = (body, *, subject=None, to=None, sender=None, markdown=false, kind=None))]
    #[allow(clippy::too_many_arguments)]
    fn lint_message(
        &self,
        body: String,
        subject: Option<String>,
        to: Option<String>,
        sender: Option<String>,
        markdown: bool,
        kind: Option<&str>,
    ) -> PyResult<Vec<Finding>> {
        let message = Message {
            subject,
            to,
            from: sender,
            body,
            format: if markdown {
                DraftFormat::Markdown
            } else {
                DraftFormat::Text
            },
        };
        let options = self.options(None, parse_kind(kind)?);
        self.run(&Input::message(&message), &options)
            .map_err(value_error)
    }

    /// Lint many drafts on every core, with the GIL released.
    #[pyo3(signature = (texts, *, kind=None))]
    fn lint_many(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        kind: Option<&str>,
    ) -> PyResult<Vec<Vec<Finding>>> {
        let options = self.options(None, parse_kind(kind)?);
        let results: Result<Vec<Vec<Finding>>, _> = py.detach(|| {
            texts
                .par_iter()
                .map(|text| self.run(&Input::text(text, DraftFormat::Text), &options))
                .collect()
        });
        results.map_err(value_error)
    }

    /// Lint an `.eml` file's bytes: its subject, recipients and text part.
    /// Offsets point into the file when the text is stored as is, else
    /// into the decoded message.
    fn lint_eml(&self, data: &[u8]) -> PyResult<Vec<Finding>> {
        let report = self
            .linter
            .lint_eml(data, &self.options(None, None))
            .map_err(value_error)?;
        Ok(report.diagnostics.into_iter().map(Finding::from).collect())
    }

    /// The ids of the rules this linter runs.
    fn rules(&self) -> Vec<String> {
        self.linter
            .rules()
            .iter()
            .filter(|r| self.linter.level_of(r.id()).is_some())
            .map(|r| r.id().to_owned())
            .collect()
    }

    /// A rule's explanation: why it matters and what to write instead.
    fn explain(&self, rule: &str) -> PyResult<String> {
        self.linter.known(rule).map_err(value_error)?;
        let r = self
            .linter
            .rule(rule)
            .ok_or_else(|| PyValueError::new_err(format!("unknown rule `{rule}`")))?;
        Ok(format!("{}\n\n{}", r.summary(), r.explain())
            .trim()
            .to_owned())
    }

    fn __repr__(&self) -> String {
        format!("Linter(rules={})", self.rules().len())
    }
}

/// The linter of the default packs, built once per process.
fn default_linter(py: Python<'_>) -> PyResult<&'static outreach_lint::Linter> {
    static DEFAULT: OnceLock<Result<outreach_lint::Linter, LoadError>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| outreach_lint::Linter::from_config(&Config::default()))
        .as_ref()
        .map_err(|e| config_error(py, e))
}

/// The linter for a module-level call: the default one, or one built
/// from the configuration file named.
fn linter_for(py: Python<'_>, config: Option<PathBuf>, kind: Option<&str>) -> PyResult<Linter> {
    Linter::new(py, config, kind)
}

/// Lint one draft. `config` is the path of an `outreach-lint.toml`; to lint
/// many drafts with one, build a `Linter` once.
#[pyfunction]
#[pyo3(signature = (text, *, config=None, kind=None))]
fn lint(
    py: Python<'_>,
    text: &str,
    config: Option<PathBuf>,
    kind: Option<&str>,
) -> PyResult<Vec<Finding>> {
    if config.is_none() {
        // The common call: no linter to build, just the shared default.
        let mut options = LintOptions::default();
        options.kind = parse_kind(kind)?;
        let report = default_linter(py)?
            .lint_input(&Input::text(text, DraftFormat::Text), &options)
            .map_err(value_error)?;
        return Ok(report.diagnostics.into_iter().map(Finding::from).collect());
    }
    linter_for(py, config, kind)?.lint(text, None, None, false)
}

/// Lint many drafts on every core, with the GIL released: one list of
/// findings per text, in order.
#[pyfunction]
#[pyo3(signature = (texts, *, config=None, kind=None))]
fn lint_many(
    py: Python<'_>,
    texts: Vec<String>,
    config: Option<PathBuf>,
    kind: Option<&str>,
) -> PyResult<Vec<Vec<Finding>>> {
    linter_for(py, config, kind)?.lint_many(py, texts, None)
}

/// Lint cold-outreach drafts.
#[pymodule]
#[pyo3(name = "outreach_lint")]
fn outreach_lint_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Finding>()?;
    m.add_class::<Linter>()?;
    m.add_function(wrap_pyfunction!(lint, m)?)?;
    m.add_function(wrap_pyfunction!(lint_many, m)?)?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
