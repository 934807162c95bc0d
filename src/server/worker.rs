//! The lint worker: one thread that owns the configurations, lints the
//! latest text of each document and publishes the diagnostics.
//!
//! Edits that arrive while it is busy are folded together: it drains its
//! queue before linting, so a burst of changes to one document is linted
//! once, at its newest version. That is the debounce; it adds no delay to
//! a lone edit, which is what an editor sends while someone types.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, PoisonError};

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use lsp_types::{
    Diagnostic as LspDiagnostic, DiagnosticSeverity, PublishDiagnosticsParams, Range, Uri,
};

use super::lint::{self, DocKind, Linted};
use super::positions::{Encoding, LineMap};
use super::uri;
use crate::args::Args;
use crate::settings::{self, Resolved, Settings, SettingsError};

/// What the worker is asked to do.
#[derive(Debug)]
pub(crate) enum Job {
    /// Lint this version of a document (opened or changed).
    Lint {
        uri: Uri,
        version: i32,
        text: Arc<str>,
        language: String,
    },
    /// The document was closed: clear its diagnostics.
    Close(Uri),
    /// A configuration or pack may have changed: rebuild and re-lint.
    Reload,
}

/// Findings by document, shared with the main thread for hover and code
/// actions.
pub(crate) type Shared = Arc<Mutex<HashMap<Uri, Arc<Linted>>>>;

/// The latest text of one open document.
struct Snapshot {
    version: i32,
    text: Arc<str>,
    language: String,
}

/// The worker's state; [`Worker::run`] consumes it on its own thread.
pub(crate) struct Worker {
    sender: Sender<Message>,
    encoding: Encoding,
    shared: Shared,
    docs: HashMap<Uri, Snapshot>,
    /// The last configuration that could be used for each document.
    last_good: HashMap<Uri, Arc<Resolved>>,
    /// Why each broken configuration file could not be used.
    broken: HashMap<Option<PathBuf>, String>,
    /// Files that have configuration diagnostics published.
    flagged: HashSet<Uri>,
    /// Debug builds only: a draft containing this text makes the linter
    /// panic, so tests can check that the server survives it.
    panic_on: Option<String>,
    /// The command line's `--max-size` default: past it, a document is not
    /// a draft.
    max_size: u64,
}

impl Worker {
    /// A worker that publishes through `sender` in `encoding` and records
    /// what it finds in `shared`.
    pub(crate) fn new(sender: Sender<Message>, encoding: Encoding, shared: Shared) -> Self {
        let panic_on = if cfg!(debug_assertions) {
            std::env::var("OUTREACH_LINT_SERVER_PANIC_ON").ok()
        } else {
            None
        };
        Worker {
            sender,
            encoding,
            shared,
            docs: HashMap::new(),
            last_good: HashMap::new(),
            broken: HashMap::new(),
            flagged: HashSet::new(),
            panic_on,
            max_size: u64::MAX,
        }
    }

    /// Serve jobs until the main thread hangs up.
    pub(crate) fn run(mut self, args: &Args, jobs: &Receiver<Job>) {
        let mut settings = Settings::new(args);
        self.max_size = args.max_size;
        while let Ok(first) = jobs.recv() {
            let mut dirty: Vec<Uri> = Vec::new();
            let mut reload = false;
            for job in std::iter::once(first).chain(jobs.try_iter()) {
                match job {
                    Job::Lint {
                        uri,
                        version,
                        text,
                        language,
                    } => {
                        self.docs.insert(
                            uri.clone(),
                            Snapshot {
                                version,
                                text,
                                language,
                            },
                        );
                        if !dirty.contains(&uri) {
                            dirty.push(uri);
                        }
                    }
                    Job::Close(uri) => {
                        self.docs.remove(&uri);
                        self.last_good.remove(&uri);
                        self.shared_map().remove(&uri);
                        dirty.retain(|u| *u != uri);
                        self.publish(uri, Vec::new(), None);
                    }
                    Job::Reload => reload = true,
                }
            }
            if reload {
                // A fresh `Settings` forgets every linter and every folder's
                // configuration file, so new and removed files count too.
                settings = Settings::new(args);
                self.broken.clear();
                for uri in std::mem::take(&mut self.flagged) {
                    self.publish(uri, Vec::new(), None);
                }
                dirty = self.docs.keys().cloned().collect();
            }
            for uri in dirty {
                self.lint_and_publish(&mut settings, uri);
            }
        }
    }

    fn shared_map(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, Arc<Linted>>> {
        // A panic while holding the lock leaves the map usable: entries
        // are replaced whole.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<LspDiagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let note = Notification::new("textDocument/publishDiagnostics".to_owned(), params);
        // A closed connection means the client is gone; the main loop ends.
        let _ = self.sender.send(Message::Notification(note));
    }

    fn lint_and_publish(&mut self, settings: &mut Settings<'_>, uri: Uri) {
        let Some(doc) = self.docs.get(&uri) else {
            return;
        };
        let version = doc.version;
        let path = uri::to_path(uri.as_str());
        let Some(kind) = DocKind::of(path.as_deref(), &doc.language) else {
            return;
        };
        let text = Arc::clone(&doc.text);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            self.lint_guarded(settings, &uri, path.as_ref(), version, &text, kind)
        }));
        let diagnostics = match outcome {
            Ok(diagnostics) => diagnostics,
            Err(payload) => {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown cause".to_owned());
                self.shared_map().remove(&uri);
                vec![lint::problem(
                    lint::top(),
                    DiagnosticSeverity::ERROR,
                    format!(
                        "outreach-lint failed on this draft ({what}); other drafts are unaffected"
                    ),
                )]
            }
        };
        self.publish(uri, diagnostics, Some(version));
    }

    /// Lint one document; may panic, and the caller catches it.
    fn lint_guarded(
        &mut self,
        settings: &mut Settings<'_>,
        uri: &Uri,
        path: Option<&PathBuf>,
        version: i32,
        text: &Arc<str>,
        kind: DocKind,
    ) -> Vec<LspDiagnostic> {
        if let Some(marker) = &self.panic_on
            && text.contains(marker.as_str())
        {
            #[allow(clippy::panic)]
            {
                panic!("the test marker asked for a panic");
            }
        }
        let limit = self.max_size;
        if text.len() as u64 > limit {
            self.shared_map().remove(uri);
            return vec![lint::problem(
                lint::top(),
                DiagnosticSeverity::ERROR,
                format!("this draft is over the {limit}-byte limit, so it is not linted"),
            )];
        }
        let (resolved, note) = self.configuration(settings, uri, path.map(PathBuf::as_path));
        let mut diagnostics = match lint::lint(&resolved, path, version, text, kind, self.encoding)
        {
            Ok(linted) => {
                let diagnostics = linted.diagnostics(uri, self.encoding);
                self.shared_map().insert(uri.clone(), Arc::new(linted));
                diagnostics
            }
            Err(problem) => {
                self.shared_map().remove(uri);
                vec![*problem]
            }
        };
        diagnostics.extend(note);
        diagnostics
    }

    /// The configuration for a document, and a note for it when its own
    /// configuration is broken and an older one (or none) stands in.
    fn configuration(
        &mut self,
        settings: &mut Settings<'_>,
        uri: &Uri,
        path: Option<&Path>,
    ) -> (Arc<Resolved>, Option<LspDiagnostic>) {
        let config = settings.config_path(path);
        match settings.resolve(config.clone()) {
            Ok(resolved) => {
                self.last_good.insert(uri.clone(), Arc::clone(&resolved));
                return (resolved, None);
            }
            Err(Some(err)) => {
                let summary = self.flag_config(config.as_deref(), err);
                self.broken.insert(config.clone(), summary);
            }
            Err(None) => {}
        }
        let shown = config
            .as_deref()
            .map_or_else(|| "the configuration".to_owned(), settings::shown);
        let why = self.broken.get(&config).cloned().unwrap_or_default();
        let (resolved, using) = match self.last_good.get(uri) {
            Some(r) => (Arc::clone(r), "the last configuration that worked"),
            None => match settings.resolve(None) {
                Ok(r) => (r, "the built-in rules"),
                Err(_) => (Arc::new(fallback()), "the built-in rules"),
            },
        };
        let note = lint::problem(
            lint::top(),
            DiagnosticSeverity::INFORMATION,
            format!("{shown} cannot be used ({why}); linting with {using}"),
        );
        (resolved, Some(note))
    }

    /// Publish a configuration error in the file it is in (the
    /// configuration, or a pack it names); returns a one-line summary.
    fn flag_config(&mut self, config: Option<&Path>, err: SettingsError) -> String {
        let cwd = std::env::current_dir().unwrap_or_default();
        let (file, diagnostic, summary) = match err {
            SettingsError::Load(e) => {
                // Origins are shown relative to the current folder.
                let origin = cwd.join(e.origin());
                let file = if origin.is_file() {
                    Some(origin)
                } else {
                    config.map(Path::to_path_buf)
                };
                let range = e
                    .span()
                    .filter(|_| !e.source_text().is_empty())
                    .map_or_else(lint::top, |span| {
                        let text = e.source_text();
                        let map = LineMap::new(text);
                        Range {
                            start: map.position(text, span.start, self.encoding),
                            end: map.position(text, span.end, self.encoding),
                        }
                    });
                let mut message = e.message().to_owned();
                if let Some(help) = e.help() {
                    message.push_str("\nhelp: ");
                    message.push_str(help);
                }
                let summary = e.to_string();
                (
                    file,
                    lint::problem(range, DiagnosticSeverity::ERROR, message),
                    summary,
                )
            }
            SettingsError::Other(e) => {
                let message = format!("{e:#}");
                (
                    config.map(Path::to_path_buf),
                    lint::problem(lint::top(), DiagnosticSeverity::ERROR, message.clone()),
                    message,
                )
            }
        };
        if let Some(file) = file {
            let absolute = std::path::absolute(&file).unwrap_or(file);
            if let Ok(uri) = uri::from_path(&absolute).parse::<Uri>() {
                self.flagged.insert(uri.clone());
                self.publish(uri, vec![diagnostic], None);
            }
        }
        summary
    }
}

/// The built-in rules with no configuration, for when even that cannot be
/// built.
fn fallback() -> Resolved {
    Resolved {
        linter: outreach_lint::Linter::builtin(),
        config: outreach_lint::Config::default(),
        path: None,
    }
}
