//! `outreach-lint server`: the binary spoken to over JSON-RPC on stdio, as
//! an editor would.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util;

/// Long enough for a debug build on a busy machine; a passing run waits
/// only as long as the server takes.
const WAIT: Duration = Duration::from_secs(30);

/// A running server and the messages it has sent.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    /// Diagnostics passed over while waiting for others, for failure reports.
    passed_over: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path, envs: &[(&str, &str)]) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("outreach-lint"))
            .arg("server")
            .current_dir(dir)
            .envs(envs.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            seen: Vec::new(),
            passed_over: Vec::new(),
            next_id: 1,
        }
    }

    /// Start and initialize with `capabilities`; returns the result.
    fn initialized(dir: &Path, capabilities: Value, envs: &[(&str, &str)]) -> (Client, Value) {
        let mut client = Client::start(dir, envs);
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and wait for its response's result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message (already seen or still to come) matching `want`,
    /// taken out of the backlog.
    fn wait_for(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&want) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if want(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "timed out; messages so far: {:#?}\npassed over: {:#?}",
                    self.seen, self.passed_over
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server hung up; messages so far: {:#?}", self.seen)
                }
            }
        }
    }

    /// The diagnostics next published for `uri` that satisfy `want`
    /// (earlier publications for it are passed over).
    fn diagnostics(&mut self, uri: &str, want: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        loop {
            let m = self.wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            });
            let list = m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if want(&list) {
                return list;
            }
            self.passed_over.push(m);
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": text,
            }}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": changes,
            }),
        );
    }

    /// `shutdown` then `exit`; the exit code.
    fn shut_down(mut self) -> i32 {
        let result = self.request("shutdown", Value::Null);
        assert!(result.is_null());
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A fresh folder, by its canonical path (so URIs and paths agree).
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().canonicalize().expect("canonical");
    (dir, path)
}

fn rules(list: &[Value]) -> Vec<&str> {
    list.iter().filter_map(|d| d["code"].as_str()).collect()
}

fn find<'a>(list: &'a [Value], rule: &str) -> &'a Value {
    list.iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {list:#?}"))
}

fn position(line: u64, character: u64) -> Value {
    json!({ "line": line, "character": character })
}

/// UTF-16 length, as the protocol counts columns.
fn units(text: &str) -> u64 {
    text.encode_utf16().count() as u64
}

const TEAM_PACK: &str = r#"[pack]
name = "team"

[[rule]]
id = "just-wanted"
kind = "forbid"
level = "warning"
in = ["body"]
patterns = ['\bjust wanted to\b']
replace = ["I'm writing to"]
message = '"{match}" undersells your message'
help = "Say what you are writing about directly."
"#;

#[test]
fn diagnostics_follow_edits_at_utf16_positions_with_actions_and_hover() {
    let (_guard, dir) = folder();
    std::fs::write(dir.join("team.toml"), TEAM_PACK).unwrap();
    std::fs::write(
        dir.join("outreach-lint.toml"),
        // references-their-work would fire on the same words as the team
        // rule and fold it in; this test is about the team rule.
        "packs = [\"core\", \"etiquette\", \"team.toml\"]\n[rules]\nreferences-their-work = \"off\"\n",
    )
    .unwrap();
    // The file name is percent-encoded in the URI; the server must decode
    // it to find the configuration beside the draft.
    let draft_uri = format!("file://{}/zo%C3%AB.txt", dir.display());
    let (mut client, init) = Client::initialized(&dir, json!({}), &[]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "outreach-lint");

    // An accented, emoji-laden line, with CRLF line ends, before the finding
    // and on the finding's own line.
    let lead = "Café ☕ & 🙂👋🏽 naïve: I just wanted to ask, could I pick your brain?";
    let text = format!("Subject: Zoë's talk\r\n\r\nHi Zoë,\r\n\r\n{lead}\r\n\r\nBest,\r\nSam\r\n");
    client.open(&draft_uri, "plaintext", &text);
    let list = client.diagnostics(&draft_uri, |l| !l.is_empty());
    let brain = find(&list, "pick-your-brain");
    let col = units(&lead[..lead.find("pick").unwrap()]);
    assert_eq!(brain["range"]["start"], position(4, col));
    assert_eq!(
        brain["range"]["end"],
        position(4, col + units("pick your brain"))
    );
    assert_eq!(brain["severity"], 1, "an error: {brain}");
    assert_eq!(brain["source"], "outreach-lint");
    // Other rules on the same words are folded into it: one diagnostic,
    // with theirs as related information on their words.
    assert!(!rules(&list).contains(&"specific-agenda"), "{list:#?}");
    let related = brain["relatedInformation"].as_array().expect("related");
    let agenda = related
        .iter()
        .find(|r| {
            r["message"]
                .as_str()
                .unwrap()
                .starts_with("also warning[specific-agenda]: ")
        })
        .unwrap_or_else(|| panic!("specific-agenda folded in: {brain:#}"));
    assert_eq!(agenda["location"]["uri"], draft_uri.as_str());
    assert_eq!(agenda["location"]["range"], brain["range"]);
    let message = brain["message"].as_str().unwrap();
    assert!(message.contains("(also: specific-agenda"), "{message}");
    // Its actions hang on the diagnostic that was published.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": draft_uri },
            "range": brain["range"],
            "context": { "diagnostics": [brain] },
        }),
    );
    let allow = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Allow specific-agenda in this draft")
        .unwrap_or_else(|| panic!("{actions:#}"));
    assert_eq!(allow["diagnostics"][0]["code"], "pick-your-brain");
    let wanted = find(&list, "just-wanted");
    let wanted_col = units(&lead[..lead.find("just").unwrap()]);
    assert_eq!(wanted["range"]["start"], position(4, wanted_col));
    assert_eq!(wanted["severity"], 2);

    // Hover on the finding explains the rule.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": draft_uri }, "position": position(4, col + 3) }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("**pick-your-brain**"), "{shown}");
    assert!(shown.len() > 200, "the explanation is there: {shown}");
    assert_eq!(hover["range"], brain["range"]);
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": draft_uri }, "position": position(0, 2) }),
    );
    assert!(nothing.is_null(), "{nothing}");

    // Code actions: the pack's replacement, allowing the rule, explaining it.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": draft_uri },
            "range": wanted["range"],
            "context": { "diagnostics": [wanted] },
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace with “I'm writing to”",
            "Allow just-wanted in this draft",
            "Explain just-wanted"
        ]
    );
    let fixes = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": draft_uri },
            "range": wanted["range"],
            "context": { "diagnostics": [wanted], "only": ["quickfix"] },
        }),
    );
    assert_eq!(
        fixes.as_array().unwrap().len(),
        2,
        "no explanation: {fixes}"
    );
    let replace = &actions[0]["edit"]["changes"][&draft_uri][0];
    assert_eq!(replace["range"], wanted["range"]);
    assert_eq!(replace["newText"], "I'm writing to");
    let allow = &actions[1]["edit"]["changes"][&draft_uri][0];
    assert_eq!(allow["range"]["start"], position(0, 0));
    assert_eq!(allow["newText"], "X-Outreach-Lint: allow just-wanted\r\n");
    let explain = &actions[2]["command"];
    assert_eq!(explain["command"], "outreach-lint.explain");
    let done = client.request(
        "workspace/executeCommand",
        json!({ "command": "outreach-lint.explain", "arguments": explain["arguments"] }),
    );
    assert!(done.is_null());
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.starts_with("just-wanted (team pack"), "{message}");

    // Apply the replacement as an incremental edit: that finding goes, the
    // other stays where it was (the new words are as long in UTF-16 as
    // they look).
    client.change(
        &draft_uri,
        2,
        json!([{ "range": wanted["range"], "text": "I'm writing to" }]),
    );
    let list = client.diagnostics(&draft_uri, |l| !rules(l).contains(&"just-wanted"));
    let moved = units(&lead[..lead.find("pick").unwrap()]) - units("just wanted to")
        + units("I'm writing to");
    assert_eq!(
        find(&list, "pick-your-brain")["range"]["start"],
        position(4, moved)
    );

    // Then allow the other rule with the header line the action offers.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": draft_uri },
            "range": find(&list, "pick-your-brain")["range"],
            "context": { "diagnostics": [] },
        }),
    );
    let allow = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Allow pick-your-brain in this draft")
        .expect("an allow action");
    let edit = &allow["edit"]["changes"][&draft_uri][0];
    client.change(
        &draft_uri,
        3,
        json!([{ "range": edit["range"], "text": edit["newText"] }]),
    );
    let list = client.diagnostics(&draft_uri, |l| !rules(l).contains(&"pick-your-brain"));
    assert!(
        rules(&list).iter().all(|r| *r != "just-wanted"),
        "{list:#?}"
    );

    // Closing clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": draft_uri } }),
    );
    client.diagnostics(&draft_uri, <[Value]>::is_empty);
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (_guard, dir) = folder();
    let draft_uri = uri(&dir.join("a.md"));
    let caps = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let (mut client, init) = Client::initialized(&dir, caps, &[]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let line = "Zoë 🙂, could I *pick your brain*?";
    client.open(
        &draft_uri,
        "markdown",
        &format!("Hi Zoë,\n\n{line}\n\nBest,\nSam\n"),
    );
    let list = client.diagnostics(&draft_uri, |l| rules(l).contains(&"pick-your-brain"));
    let at = line.find("pick").unwrap() as u64;
    assert_eq!(
        find(&list, "pick-your-brain")["range"]["start"],
        position(2, at)
    );
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn configuration_is_discovered_per_file_and_reloaded_and_a_broken_one_is_flagged() {
    let (_guard, dir) = folder();
    let config = dir.join("outreach-lint.toml");
    std::fs::write(
        &config,
        "[rules]\nreferences-their-work = \"off\"\npick-your-brain = \"warning\"\n\n[per-file]\n\"archive/**\" = [\"pick-your-brain\"]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("archive")).unwrap();
    let text = "Hi Jo,\n\nCould I pick your brain?\n\nBest,\nSam\n";
    let live = uri(&dir.join("live.txt"));
    let old = uri(&dir.join("archive/old.txt"));
    let (mut client, _) = Client::initialized(
        &dir,
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
        &[],
    );
    // The server asks to hear about configuration files changing.
    let register = client.wait_for(|m| m["method"] == "client/registerCapability");
    let watchers = &register["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/*.toml");
    let reply = json!({ "jsonrpc": "2.0", "id": register["id"], "result": null });
    client.send(&reply);

    client.open(&live, "plaintext", text);
    let list = client.diagnostics(&live, |l| !l.is_empty());
    assert_eq!(find(&list, "pick-your-brain")["severity"], 2, "a warning");
    client.open(&old, "plaintext", text);
    let list = client.diagnostics(&old, |_| true);
    assert!(!rules(&list).contains(&"pick-your-brain"), "{list:#?}");

    // The configuration changes on disk: the drafts follow. (With
    // `specific-agenda` on, a warning on the same words, the info would be
    // folded into it.)
    std::fs::write(
        &config,
        "[rules]\nreferences-their-work = \"off\"\npick-your-brain = \"info\"\nspecific-agenda = \"off\"\n",
    )
    .unwrap();
    let changed = json!({ "changes": [{ "uri": uri(&config), "type": 2 }] });
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    let list = client.diagnostics(&old, |l| rules(l).contains(&"pick-your-brain"));
    assert_eq!(find(&list, "pick-your-brain")["severity"], 3, "info");

    // A broken configuration is flagged where it is broken; the drafts keep
    // the last one that worked, and say so.
    std::fs::write(
        &config,
        "[rules]\npick-your-brain = \"loud\"\nreferences-their-work = \"off\"\n",
    )
    .unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    let problems = client.diagnostics(&uri(&config), |l| !l.is_empty());
    assert_eq!(problems[0]["severity"], 1);
    assert_eq!(problems[0]["range"]["start"], position(1, 18));
    assert_eq!(problems[0]["range"]["end"], position(1, 24));
    let noted = |l: &[Value]| {
        l.iter()
            .any(|d| d["message"].as_str().unwrap().contains("cannot be used"))
    };
    let list = client.diagnostics(&live, noted);
    assert_eq!(find(&list, "pick-your-brain")["severity"], 3, "still info");
    let note = list
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("cannot be used"))
        .expect("a note about the configuration");
    assert!(
        note["message"]
            .as_str()
            .unwrap()
            .contains("the last configuration that worked"),
        "{note}"
    );

    // Fixed and saved from the editor: the problem clears.
    std::fs::write(
        &config,
        "[rules]\nreferences-their-work = \"off\"\npick-your-brain = \"error\"\n",
    )
    .unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&config) } }),
    );
    client.diagnostics(&uri(&config), <[Value]>::is_empty);
    let list = client.diagnostics(&live, |l| !noted(l));
    assert_eq!(find(&list, "pick-your-brain")["severity"], 1);

    // A pack the configuration names is watched too, and its own errors
    // are shown in it.
    let pack = dir.join("team.toml");
    std::fs::write(&pack, TEAM_PACK).unwrap();
    std::fs::write(
        &config,
        // references-their-work would fire on the same words as the team
        // rule and fold it in; this test is about the team rule.
        "packs = [\"core\", \"etiquette\", \"team.toml\"]\n[rules]\nreferences-their-work = \"off\"\n",
    )
    .unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    let wrote = "Hi Jo,\n\nI just wanted to ask one thing.\n\nBest,\nSam\n";
    client.change(&live, 2, json!([{ "text": wrote }]));
    client.diagnostics(&live, |l| rules(l).contains(&"just-wanted"));
    std::fs::write(&pack, TEAM_PACK.replace(r"'\bjust wanted to\b'", "'(just'")).unwrap();
    let pack_changed = json!({ "changes": [{ "uri": uri(&pack), "type": 2 }] });
    client.notify("workspace/didChangeWatchedFiles", pack_changed);
    let problems = client.diagnostics(&uri(&pack), |l| !l.is_empty());
    assert_eq!(problems[0]["range"]["start"]["line"], 8, "{problems:#?}");
    let list = client.diagnostics(&live, noted);
    assert!(rules(&list).contains(&"just-wanted"), "the last good pack");
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_panic_or_a_bad_draft_is_one_documents_error_and_the_server_goes_on() {
    let (_guard, dir) = folder();
    let (mut client, _) = Client::initialized(
        &dir,
        json!({}),
        &[("OUTREACH_LINT_SERVER_PANIC_ON", "BOOM")],
    );
    let doomed = uri(&dir.join("doomed.txt"));
    client.open(
        &doomed,
        "plaintext",
        "Hi Jo,\n\nBOOM, could I pick your brain?\n",
    );
    let list = client.diagnostics(&doomed, |l| !l.is_empty());
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["severity"], 1);
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap()
            .contains("failed on this draft"),
        "{list:#?}"
    );

    let unclosed = uri(&dir.join("unclosed.md"));
    client.open(
        &unclosed,
        "markdown",
        "---\nsubject: Hi\nCould I pick your brain?\n",
    );
    let list = client.diagnostics(&unclosed, |l| !l.is_empty());
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be linted"),
        "{list:#?}"
    );
    let not_mail = uri(&dir.join("not-mail.eml"));
    client.open(&not_mail, "email", "just some words\n");
    let list = client.diagnostics(&not_mail, |l| !l.is_empty());
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap()
            .contains("not an email"),
        "{list:#?}"
    );

    let huge = uri(&dir.join("huge.txt"));
    client.open(&huge, "plaintext", &"pick your brain ".repeat(700_000));
    let list = client.diagnostics(&huge, |l| !l.is_empty());
    assert_eq!(list.len(), 1, "one error, not a finding per phrase");
    assert!(
        list[0]["message"].as_str().unwrap().contains("byte limit"),
        "{list:#?}"
    );

    // Other drafts are still served, and the doomed one recovers once the
    // trigger is gone.
    let fine = uri(&dir.join("fine.txt"));
    client.open(&fine, "plaintext", "Hi Jo,\n\nCould I pick your brain?\n");
    let list = client.diagnostics(&fine, |l| !l.is_empty());
    assert!(rules(&list).contains(&"pick-your-brain"));
    client.change(
        &doomed,
        2,
        json!([{ "text": "Hi Jo,\n\nCould I pick your brain?\n" }]),
    );
    let list = client.diagnostics(&doomed, |l| rules(l).contains(&"pick-your-brain"));
    assert!(list.iter().all(|d| d["code"].is_string()), "{list:#?}");

    // Documents that are not drafts get nothing.
    let code = uri(&dir.join("notes.rs"));
    client.open(&code, "rust", "// could I pick your brain?\n");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": code }, "position": position(0, 12) }),
    );
    assert!(hover.is_null());
    assert!(
        !client
            .seen
            .iter()
            .any(|m| m["params"]["uri"] == code.as_str()),
        "{:#?}",
        client.seen
    );
    assert_eq!(client.shut_down(), 0);
}

#[test]
fn a_draft_named_server_is_still_linted() {
    let (_guard, dir) = folder();
    std::fs::write(
        dir.join("server"),
        "Hi Jo,\n\nCould I pick your brain?\n\nBest,\nSam\n",
    )
    .unwrap();
    let run = util::run_in(&dir, &["server"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("pick-your-brain"),
        "{}",
        run.transcript()
    );
}
