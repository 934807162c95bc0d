//! A Zed extension that starts `outreach-lint server` for Markdown and
//! plain-text files. Zed starts only the language servers extensions
//! declare; this one runs the `outreach-lint` found on the PATH.

use zed_extension_api as zed;

struct OutreachLint;

impl zed::Extension for OutreachLint {
    fn new() -> Self {
        OutreachLint
    }

    fn language_server_command(
        &mut self,
        _id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let command = worktree.which("outreach-lint").ok_or_else(|| {
            "outreach-lint is not on the PATH (cargo install --path . in its repository)"
                .to_owned()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["server".to_owned()],
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(OutreachLint);
