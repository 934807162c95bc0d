//! The language server under a stream of edits, as an editor sends them
//! while someone types: how long until the diagnostics for each change are
//! published, and whether memory stays flat.
//!
//!   cargo bench --bench server            # 10,000 edits
//!   EDITS=2000 cargo bench --bench server
//!
//! The draft is about 300 words. Each edit inserts or deletes one letter
//! in the body (incremental sync, UTF-16 positions) and waits for the
//! diagnostics of that version, so every edit is linted; the time is from
//! writing the change to reading its diagnostics. Resident memory comes
//! from /proc (Linux) after the first lint, at checkpoints, and at the end.

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn main() {
    let edits: usize = std::env::var("EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_outreach-lint"))
        .arg("server")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let pid = child.id();
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel::<Value>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(m) = read_message(&mut reader) {
            if tx.send(m).is_err() {
                break;
            }
        }
    });
    let wait = |rx: &mpsc::Receiver<Value>, want: &dyn Fn(&Value) -> bool| loop {
        let m = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers");
        if want(&m) {
            return m;
        }
    };

    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": { "processId": null, "rootUri": null, "capabilities": {} } }),
    );
    wait(&rx, &|m| m["id"] == 1);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );

    let text = draft();
    let words = text.split_whitespace().count();
    let uri = format!("file://{}/draft.txt", dir.path().display());
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": uri, "languageId": "plaintext", "version": 0, "text": text }
        }}),
    );
    let published = |version: i64| {
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        }
    };
    let first = wait(&rx, &published(0));
    let findings = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    let rss_start = rss(pid);

    // Line 4 is the first body line; type and delete after "Zoë 🙂 ".
    let column = "Zoë 🙂 ".encode_utf16().count();
    let mut times = Vec::with_capacity(edits);
    let mut checkpoints = Vec::new();
    for i in 1..=edits {
        let version = i as i64;
        let change = if i % 2 == 1 {
            json!({ "range": range(4, column, 4, column), "text": "x" })
        } else {
            json!({ "range": range(4, column, 4, column + 1), "text": "" })
        };
        let started = Instant::now();
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [change],
            }}),
        );
        let got = wait(&rx, &published(version));
        times.push(started.elapsed());
        let now = got["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        assert_eq!(now, findings, "edit {i} changed the findings");
        // The first edits warm up the worker (its allocator arena, the
        // patterns it compiles on first use); after that it must be flat.
        if [1, 10, 100, 1000].contains(&i) || i % (edits / 5).max(1) == 0 {
            checkpoints.push((i, rss(pid)));
        }
    }
    let rss_end = rss(pid);

    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }),
    );
    wait(&rx, &|m| m["id"] == 2);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "exit", "params": null }),
    );
    let _ = child.wait();

    times.sort();
    let at = |q: f64| {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(i).copied().unwrap_or_default()
    };
    println!("draft: {words} words, {findings} findings on every version");
    println!(
        "{} edits, change to published diagnostics: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
    println!(
        "resident memory: {} after the first lint, {} after the last edit",
        kib(rss_start),
        kib(rss_end)
    );
    let points: Vec<String> = checkpoints
        .iter()
        .map(|(i, r)| format!("{i}: {}", kib(*r)))
        .collect();
    println!("  along the way: {}", points.join(", "));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn kib(rss: Option<u64>) -> String {
    rss.map_or_else(
        || "n/a".to_owned(),
        |k| format!("{:.1} MiB", k as f64 / 1024.0),
    )
}

/// Resident set size in KiB, from /proc.
fn rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn range(sl: usize, sc: usize, el: usize, ec: usize) -> Value {
    json!({ "start": { "line": sl, "character": sc }, "end": { "line": el, "character": ec } })
}

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    stdin.flush().expect("flush");
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

/// A cold request of about 300 words, with a few findings in it.
fn draft() -> String {
    let paragraph = "I read your write-up on moving the billing service to event sourcing, \
        and the part about replaying three years of invoices in an afternoon stuck with me. \
        We are about to attempt the same migration at a smaller company, with a team of four \
        and a ledger that has grown by hand since 2016.";
    let mut text = String::from("Subject: Your event-sourcing migration\n\nHi Zoë,\n\n");
    text.push_str("Zoë 🙂 ");
    text.push_str(paragraph);
    text.push_str("\n\n");
    for _ in 0..4 {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text.push_str(
        "Could I pick your brain over a twenty-minute call next Tuesday or Wednesday? \
         I would come with three specific questions about snapshot sizes, replay order \
         and how you kept the old reports running while both systems were live.\n\n",
    );
    text.push_str("Best,\nSam\n");
    text
}
