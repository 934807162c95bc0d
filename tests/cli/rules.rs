//! One snapshot per fixture, with only the fixture's rule on: bad fixtures
//! show the finding, good ones must report nothing.

use std::path::Path;

use crate::util::{root, run};

fn rule_of(path: &Path) -> String {
    let dir = path
        .parent()
        .and_then(Path::file_name)
        .expect("fixture in a rule folder");
    dir.to_string_lossy().into_owned()
}

#[test]
fn fixtures_fire_only_where_they_should() {
    insta::glob!("../../fixtures", "*/*.txt", |path| {
        let rule = rule_of(path);
        if rule == "cli" {
            return;
        }
        let rel = path.strip_prefix(root()).expect("fixture under the root");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let r = run(&["--color", "never", "--select", &rule, &rel]);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with("good-") {
            assert_eq!(
                r.stdout, "no findings in 1 draft\n",
                "{rel} should be clean"
            );
            assert_eq!(r.code, 0);
        } else {
            assert!(
                r.stdout.contains(&format!("[{rule}]")),
                "{rel} should fire {rule}:\n{}",
                r.stdout
            );
        }
        insta::assert_snapshot!(r.transcript());
    });
}
