//! Helpers: run the binary from the workspace root and capture what it did.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The workspace root, so fixture paths in output are short and stable.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr in one string, for snapshots.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

pub fn cmd() -> Command {
    let mut cmd = Command::cargo_bin("outreach-lint").expect("binary is built");
    cmd.current_dir(root()).env_remove("NO_COLOR");
    cmd
}

pub fn run(args: &[&str]) -> Run {
    run_with(cmd().args(args))
}

pub fn run_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    run_with(cmd().args(args).write_stdin(stdin.into()))
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with(cmd().current_dir(dir).args(args))
}

pub fn run_stdin_in(dir: &Path, args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    run_with(cmd().current_dir(dir).args(args).write_stdin(stdin.into()))
}

fn run_with(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
