//! The plain git hook in contrib/: run by sh in a scratch repository, with
//! and without the binary on PATH.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::root;

/// Where a command is on the test's own PATH.
fn on_path(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} is not on PATH"))
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new(on_path("git"))
        .current_dir(repo)
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A repository with a draft staged, and a folder of commands to use as
/// the hook's whole PATH: what it needs besides outreach-lint.
fn repo_with_staged_draft() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join("drafts")).expect("mkdir");
    git(&repo, &["init", "-q"]);
    fs::write(
        repo.join("drafts/jo.txt"),
        "Hi Jo,\n\nCould I pick your brain?\n",
    )
    .expect("write");
    git(&repo, &["add", "drafts"]);
    let bin = dir.path().join("bin");
    fs::create_dir(&bin).expect("mkdir");
    for name in ["git", "xargs", "head"] {
        std::os::unix::fs::symlink(on_path(name), bin.join(name)).expect("symlink");
    }
    (dir, bin)
}

fn run_hook(repo: &Path, path: &Path) -> std::process::Output {
    Command::new("/bin/sh")
        .arg(root().join("contrib/pre-commit"))
        .current_dir(repo)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .expect("hook runs")
}

#[test]
fn the_plain_hook_says_what_to_do_when_the_binary_is_not_on_path() {
    let (dir, bin) = repo_with_staged_draft();
    let out = run_hook(&dir.path().join("repo"), &bin);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the outreach-lint command is not on PATH")
            && stderr.contains("cargo install --path ."),
        "{stderr}"
    );
    assert!(!stderr.contains("No such file"), "{stderr}");
}

#[test]
fn the_plain_hook_lints_staged_drafts_with_the_binary_on_path() {
    let (dir, bin) = repo_with_staged_draft();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("outreach-lint"),
        bin.join("outreach-lint"),
    )
    .expect("symlink");
    let out = run_hook(&dir.path().join("repo"), &bin);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(123),
        "xargs reports a failing lint: {stdout}"
    );
    assert!(stdout.contains("error[pick-your-brain]"), "{stdout}");
}

#[test]
fn the_plain_hook_needs_no_binary_when_no_draft_is_staged() {
    let (dir, bin) = repo_with_staged_draft();
    let repo = dir.path().join("repo");
    git(&repo, &["rm", "-q", "--cached", "drafts/jo.txt"]);
    let out = run_hook(&repo, &bin);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
