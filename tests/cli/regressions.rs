//! Inputs kept from fuzzing (`fuzz/seeds/`, `fuzz/regressions/`), run
//! through the command as the ordinary test suite runs everything else:
//! each draft must be linted with sound spans, each pack loaded or refused
//! with a clear error, and nothing may panic.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{root, run};

fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["seeds", "regressions"]
        .iter()
        .flat_map(|dir| {
            fs::read_dir(root().join("fuzz").join(dir).join(target))
                .into_iter()
                .flatten()
        })
        .flatten()
        .map(|e| e.path())
        // `.gitkeep` keeps an empty regressions folder in git; it is no input.
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn fuzz_draft_inputs_lint_with_sound_spans() {
    let files = inputs("lint_bytes");
    assert!(files.len() >= 4, "seeds missing: {files:?}");
    for path in files {
        let name = relative(&path);
        let r = run(&["--lossy", "--format", "json", &name]);
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        if r.code == 2 {
            // Only a binary file may be refused when --lossy repairs text.
            assert!(r.stderr.contains("binary file"), "{name}: {}", r.stderr);
            continue;
        }
        assert!(r.code == 0 || r.code == 1, "{name}: {}", r.transcript());
        let bytes = fs::read(&path).expect("read input");
        let text = String::from_utf8_lossy(&bytes);
        for d in r.json()["files"][0]["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let start = d["span"]["start"].as_u64().unwrap_or(u64::MAX) as usize;
            let end = d["span"]["end"].as_u64().unwrap_or(u64::MAX) as usize;
            assert!(text.get(start..end).is_some(), "{name}: bad span in {d}");
        }
    }
}

#[test]
fn fuzz_pack_and_config_inputs_load_or_fail_cleanly() {
    let files = inputs("load_pack");
    assert!(files.len() >= 3, "seeds missing: {files:?}");
    let mut loaded = 0;
    for path in files {
        let name = relative(&path);
        // The load_pack target feeds each input to packs and configuration.
        for flag in ["--pack", "--config"] {
            let r = run(&[
                flag,
                &name,
                "--format",
                "concise",
                "fixtures/cli/jargon.txt",
            ]);
            assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
            match r.code {
                0 | 1 => {
                    assert!(r.stderr.is_empty(), "{flag} {name}: {}", r.stderr);
                    loaded += 1;
                }
                2 => assert!(
                    r.stderr.starts_with("error") || r.stderr.starts_with("outreach-lint: "),
                    "{flag} {name}: {}",
                    r.stderr
                ),
                code => panic!("{flag} {name}: exit {code}: {}", r.transcript()),
            }
        }
    }
    assert!(
        loaded >= 2,
        "only {loaded} inputs loaded; the seeds should exercise both"
    );
}
