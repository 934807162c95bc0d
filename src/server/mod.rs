//! `outreach-lint server`: a Language Server Protocol server on standard
//! input and output, so drafts are linted while they are written.
//!
//! # Design
//!
//! It is built on `lsp-server` and `lsp-types`, the synchronous scaffold
//! rust-analyzer uses, rather than `tower-lsp-server`: linting a draft is
//! well under a millisecond of CPU with no I/O to wait on, so an async
//! runtime (tokio) would add a large dependency and buy nothing. Two threads do the work:
//!
//! - the main thread reads messages, keeps each open document's text
//!   (applying incremental edits) and answers hover, code-action and
//!   command requests from the latest findings, so it never waits on a lint;
//! - one worker ([`worker`]) owns the configurations, lints the newest text
//!   of each changed document and publishes diagnostics. Edits that arrive
//!   while it is busy are folded into one run (the debounce).
//!
//! Each document is linted with the configuration the command line would
//! use for its path (the same discovery code, `[per-file]` included).
//! Saving or changing any `.toml` file rebuilds them all; a broken one is
//! reported in the file at fault and the draft keeps the last good one.
//! A panic while linting one document becomes an error diagnostic on it.
//!
//! Positions are UTF-16 code units unless the client offers UTF-8
//! ([`positions`]).

mod actions;
mod lint;
mod positions;
mod uri;
mod worker;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use anyhow::{Context, Result};
use clap::Parser;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeActionOptions, CodeActionParams, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, ExecuteCommandOptions, ExecuteCommandParams, HoverParams,
    HoverProviderCapability, InitializeParams, MessageType, PositionEncodingKind,
    ServerCapabilities, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde_json::json;

use crate::args::Args;
use positions::{Encoding, LineMap};
use worker::{Job, Shared, Worker};

/// Flags the server accepts and ignores: clients commonly pass `--stdio`.
const SERVER_FLAGS: &[&str] = &["--stdio"];

/// Whether the command line asks for the server: `outreach-lint server`
/// (optionally with `--stdio`). The word is read as a subcommand only when
/// it is the first argument, everything after it is a server flag, and no
/// file or folder called `server` is in the current folder, so linting a
/// draft named `server` still works (and `./server` always does).
///
/// It is checked before clap rather than declared as a clap subcommand:
/// beside the positional list of drafts, a subcommand would make `server`
/// a reserved word for every command line, and this keeps each existing
/// command line meaning what it did.
pub(crate) fn requested() -> bool {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let Some((first, rest)) = args.split_first() else {
        return false;
    };
    first == "server"
        && rest
            .iter()
            .all(|a| SERVER_FLAGS.iter().any(|f| a.as_os_str() == *f))
        && !Path::new("server").exists()
}

/// Run the server until the client says `exit`.
pub(crate) fn run() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(connection) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("outreach-lint server: {e:#}");
            ExitCode::from(1)
        }
    };
    // The reader thread stops after `exit`; the writer once every sender
    // is gone, after flushing what was queued.
    if let Err(e) = io_threads.join() {
        eprintln!("outreach-lint server: {e}");
    }
    code
}

/// Main-thread state: the open documents and what the worker found.
struct Server {
    connection: Connection,
    encoding: Encoding,
    documents: HashMap<Uri, Document>,
    shared: Shared,
    jobs: mpsc::Sender<Job>,
}

/// One open document as the client last described it.
struct Document {
    version: i32,
    text: String,
    language: String,
}

fn serve(connection: Connection) -> Result<ExitCode> {
    let (id, params) = connection
        .initialize_start()
        .context("waiting for initialize")?;
    let params: InitializeParams =
        serde_json::from_value(params).context("reading the initialize parameters")?;
    let encoding = negotiate(&params);
    let result = json!({
        "capabilities": capabilities(encoding),
        "serverInfo": { "name": "outreach-lint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .context("finishing initialize")?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if watch {
        // Any .toml file: a configuration may name packs anywhere.
        let register = Request::new(
            "outreach-lint/watch".to_owned().into(),
            "client/registerCapability".to_owned(),
            json!({ "registrations": [{
                "id": "outreach-lint-config",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": [{ "globPattern": "**/*.toml" }] },
            }]}),
        );
        connection
            .sender
            .send(register.into())
            .context("registering file watchers")?;
    }

    // The default flags: what `outreach-lint FILE` would use.
    let args = Args::try_parse_from(["outreach-lint"]).context("default settings")?;
    let shared: Shared = Arc::new(Mutex::new(HashMap::new()));
    let (jobs, queue) = mpsc::channel();
    let worker = Worker::new(connection.sender.clone(), encoding, Arc::clone(&shared));
    let worker = std::thread::Builder::new()
        .name("lint".to_owned())
        .spawn(move || worker.run(&args, &queue))
        .context("starting the lint thread")?;
    let mut server = Server {
        connection,
        encoding,
        documents: HashMap::new(),
        shared,
        jobs,
    };
    let code = server.main_loop();
    // Hang up on the worker and wait, so its last diagnostics are sent.
    drop(server);
    if worker.join().is_err() {
        eprintln!("outreach-lint server: the lint thread stopped abnormally");
    }
    code
}

/// UTF-8 when the client offers it (no conversion needed), else the
/// protocol's default UTF-16.
fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref())
        .unwrap_or_default();
    if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![actions::EXPLAIN.to_owned()],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

impl Server {
    fn main_loop(&mut self) -> Result<ExitCode> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .context("shutting down")?
                    {
                        return Ok(ExitCode::SUCCESS);
                    }
                    let id = request.id.clone();
                    let response = catch_unwind(AssertUnwindSafe(|| self.request(request)))
                        .unwrap_or_else(|_| {
                            Response::new_err(
                                id,
                                ErrorCode::InternalError as i32,
                                "outreach-lint failed on this request".to_owned(),
                            )
                        });
                    self.send(response.into());
                }
                Message::Notification(note) => {
                    if note.method == "exit" {
                        // `exit` without `shutdown` first, per the protocol.
                        return Ok(ExitCode::from(1));
                    }
                    let method = note.method.clone();
                    if catch_unwind(AssertUnwindSafe(|| self.notification(note))).is_err() {
                        eprintln!("outreach-lint server: failed on a {method} notification");
                    }
                }
                // Replies to the watcher registration; nothing to do.
                Message::Response(_) => {}
            }
        }
        // The client went away without `exit`.
        Ok(ExitCode::from(1))
    }

    fn send(&self, message: Message) {
        // Fails only when the client is gone, which ends the loop anyway.
        let _ = self.connection.sender.send(message);
    }

    fn linted(&self, uri: &Uri) -> Option<Arc<lint::Linted>> {
        let map = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        map.get(uri).cloned()
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "textDocument/hover" => parse::<HoverParams>(request).map(|p| {
                let doc = p.text_document_position_params;
                let hover = self
                    .linted(&doc.text_document.uri)
                    .and_then(|l| actions::hover(&l, doc.position, self.encoding));
                json!(hover)
            }),
            "textDocument/codeAction" => parse::<CodeActionParams>(request).map(|p| {
                let uri = p.text_document.uri;
                let current = self.documents.get(&uri).map(|d| d.version);
                let mut list = self.linted(&uri).map_or_else(Vec::new, |l| {
                    actions::code_actions(&uri, &l, p.range, current, self.encoding)
                });
                // A client may ask for some kinds only (`quickfix`, or a
                // kind under it such as `quickfix.x`).
                if let Some(only) = &p.context.only {
                    list.retain(|a| actions::is_kind(a, only));
                }
                json!(list)
            }),
            "workspace/executeCommand" => {
                parse::<ExecuteCommandParams>(request).and_then(|p| self.execute(p))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("outreach-lint does not handle {other}"),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    /// `outreach-lint.explain RULE [URI]`: show the rule's explanation, with
    /// the levels of the configuration that applies to the document.
    fn execute(&self, params: ExecuteCommandParams) -> Result<serde_json::Value, RequestError> {
        if params.command != actions::EXPLAIN {
            return Err((
                ErrorCode::InvalidParams,
                format!("unknown command {}", params.command),
            ));
        }
        let mut arguments = params.arguments.iter().filter_map(|a| a.as_str());
        let rule = arguments
            .next()
            .ok_or((ErrorCode::InvalidParams, "which rule?".to_owned()))?;
        let linted = arguments
            .next()
            .and_then(|u| u.parse::<Uri>().ok())
            .and_then(|u| self.linted(&u));
        let text = match &linted {
            Some(l) => actions::explanation(&l.resolved.linter, rule),
            None => actions::explanation(&outreach_lint::Linter::builtin(), rule),
        };
        let show = ShowMessageParams {
            typ: MessageType::INFO,
            message: text,
        };
        self.send(Notification::new("window/showMessage".to_owned(), show).into());
        Ok(serde_json::Value::Null)
    }

    fn notification(&mut self, note: Notification) {
        match note.method.as_str() {
            "textDocument/didOpen" => {
                if let Some(p) = params::<DidOpenTextDocumentParams>(&note) {
                    let doc = p.text_document;
                    self.documents.insert(
                        doc.uri.clone(),
                        Document {
                            version: doc.version,
                            text: doc.text,
                            language: doc.language_id,
                        },
                    );
                    self.lint(doc.uri);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = params::<DidChangeTextDocumentParams>(&note) {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.documents.get_mut(&uri) {
                        doc.version = p.text_document.version;
                        for change in p.content_changes {
                            apply(&mut doc.text, change, self.encoding);
                        }
                        self.lint(uri);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = params::<DidCloseTextDocumentParams>(&note) {
                    let uri = p.text_document.uri;
                    self.documents.remove(&uri);
                    let _ = self.jobs.send(Job::Close(uri));
                }
            }
            "textDocument/didSave" => {
                if let Some(p) = params::<DidSaveTextDocumentParams>(&note)
                    && is_toml(p.text_document.uri.as_str())
                {
                    let _ = self.jobs.send(Job::Reload);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Some(p) = params::<DidChangeWatchedFilesParams>(&note)
                    && p.changes.iter().any(|c| is_toml(c.uri.as_str()))
                {
                    let _ = self.jobs.send(Job::Reload);
                }
            }
            _ => {}
        }
    }

    /// Hand the document's current text to the worker.
    fn lint(&self, uri: Uri) {
        if let Some(doc) = self.documents.get(&uri) {
            let _ = self.jobs.send(Job::Lint {
                uri,
                version: doc.version,
                text: Arc::from(doc.text.as_str()),
                language: doc.language.clone(),
            });
        }
    }
}

type RequestError = (ErrorCode, String);

fn parse<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, RequestError> {
    serde_json::from_value(request.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

/// A notification's parameters; malformed ones are logged and skipped.
fn params<P: serde::de::DeserializeOwned>(note: &Notification) -> Option<P> {
    serde_json::from_value(note.params.clone())
        .map_err(|e| {
            let method = &note.method;
            eprintln!("outreach-lint server: ignoring a malformed {method}: {e}");
        })
        .ok()
}

fn is_toml(uri: &str) -> bool {
    uri.to_ascii_lowercase().ends_with(".toml")
}

/// Apply one content change: a whole new text, or a range replaced.
fn apply(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let map = LineMap::new(text);
            let start = map.offset(text, range.start, encoding);
            let end = map.offset(text, range.end, encoding).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

    use super::*;

    #[test]
    fn incremental_changes_count_utf16_units() {
        let mut text = "Zoë 🙂 hi\r\nCan I pick your brain?".to_owned();
        let change = |sl, sc, el, ec, new: &str| TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position::new(sl, sc),
                end: Position::new(el, ec),
            }),
            range_length: None,
            text: new.to_owned(),
        };
        // "hi" starts after "Zoë 🙂 ": 3 + 1 + 2 + 1 = 7 units.
        apply(&mut text, change(0, 7, 0, 9, "hello"), Encoding::Utf16);
        assert_eq!(text, "Zoë 🙂 hello\r\nCan I pick your brain?");
        apply(&mut text, change(1, 6, 1, 21, "ask"), Encoding::Utf16);
        assert_eq!(text, "Zoë 🙂 hello\r\nCan I ask?");
        apply(&mut text, change(0, 12, 1, 0, " "), Encoding::Utf16);
        assert_eq!(text, "Zoë 🙂 hello Can I ask?");
    }
}
