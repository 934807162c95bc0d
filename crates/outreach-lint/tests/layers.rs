//! The library is built in layers, and each module may use only the layers
//! below its own (see the list in `src/lib.rs`). This test reads the source
//! and fails on any `crate::…` path, or crate-root re-export, that reaches
//! up; test modules are exempt, since a test may drive the whole linter.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. Modules in one group of the same rank know
/// nothing of each other.
const LAYERS: &[&[&str]] = &[
    &["span"],
    &["error"],
    &["draft"],
    &["diagnostic", "matcher"],
    &["rules"],
    &["pack"],
    &["lint"],
    &["config", "eml"],
    &["embed"],
];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|group| group.contains(&layer))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layer a source file belongs to: its first path component under
/// `src/`, without `.rs`.
fn layer_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_owned()
}

/// The code of a file without its test module.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at])
}

/// Names the crate root re-exports, with the layer each comes from.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = rest.trim_end_matches(';').split_once("::") else {
            continue;
        };
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let item = item.trim();
            if !item.is_empty() {
                names.insert(item.to_owned(), module.to_owned());
            }
        }
    }
    names
}

/// Every `crate::name` in `code`, outside comments (which may name any
/// module to explain where something lives).
fn crate_paths(code: &str) -> Vec<String> {
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    code.match_indices("crate::")
        .map(|(at, m)| {
            code[at + m.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let reexported = reexports(&lib);
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut checked = 0;
    let mut violations = Vec::new();
    for file in files {
        let layer = layer_of(&src, &file);
        if layer == "lib" || layer == "equivalence" {
            continue; // the root, and a test-only module
        }
        let own = rank(&layer).unwrap_or_else(|| panic!("{layer} is in no layer: add it"));
        let text = fs::read_to_string(&file).expect("readable");
        for name in crate_paths(without_tests(&text)) {
            let target = reexported.get(&name).cloned().unwrap_or(name.clone());
            let Some(theirs) = rank(&target) else {
                continue; // a macro or a name the root defines itself
            };
            checked += 1;
            if target != layer && theirs >= own {
                violations.push(format!(
                    "{}: `{layer}` uses `crate::{name}` ({target}), which is not below it",
                    file.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    assert!(checked > 50, "only {checked} paths checked");
}

#[test]
fn the_checker_sees_a_path_that_reaches_up() {
    // The same reading as above, on code that breaks the rule.
    let reexported = reexports("pub use lint::{Linter, Report};");
    let names =
        crate_paths("use crate::Linter;\n/// see crate::config\nfn f() { crate::pack::x(); }");
    let targets: Vec<String> = names
        .iter()
        .map(|n| reexported.get(n).cloned().unwrap_or(n.clone()))
        .collect();
    assert_eq!(targets, ["lint", "pack"]);
    assert!(rank("lint") > rank("draft") && rank("pack") > rank("matcher"));
    assert_eq!(
        without_tests("a\n#[cfg(test)]\nmod tests { crate::lint }"),
        "a\n"
    );
}
