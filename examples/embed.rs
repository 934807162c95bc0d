//! How another tool embeds outreach-lint: a mail-merge step that checks each
//! message before it goes out and holds back the ones with errors.
//!
//! Run it with `cargo run --example embed`.

use outreach_lint::{Level, Linter};

fn main() {
    // Build once: this compiles every pattern. Reuse it for every message.
    let linter = Linter::builtin();

    let outbox = [
        (
            "ana.txt",
            "Hi Ana,\n\nCould I pick your brain sometime?\n\nBest,\nLee\n",
        ),
        (
            "bo.txt",
            "Hi Bo,\n\nYour post on flaky tests saved my team a week. Could I ask you two \
             questions about how you quarantine them, by email or in 15 minutes?\n\nBest,\nLee\n",
        ),
    ];

    for (name, text) in outbox {
        let findings = linter.lint(name, text);
        let errors = findings.iter().filter(|d| d.level == Level::Error).count();
        let verdict = if errors > 0 {
            "held back"
        } else {
            "ready to send"
        };
        println!("{name}: {verdict}");
        for d in &findings {
            println!(
                "  {}:{} {}[{}] {}",
                d.span.line, d.span.column, d.level, d.rule, d.message
            );
            println!("      help: {}", d.help);
        }
    }
}
