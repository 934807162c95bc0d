//! For programs that embed the linter: a linter built from a [`Config`] in
//! one call (the packs it names, its levels and bounds), the per-draft
//! options it gives (kind, `[per-file]`), and drafts given as fields of a
//! message as well as raw text.
//!
//! Text handed over by an embedding program usually comes from someone
//! else (a form, a CRM record, a language model), so here a draft's own
//! `X-Outreach-Lint:` and `X-Outreach-Kind:` lines are ignored unless the
//! caller asks for them ([`Input::allow_switches`]).

#[cfg(feature = "toml")]
use crate::config::Config;
use crate::draft::{Draft, DraftFormat, ParseError};
use crate::error::LoadError;
#[cfg(feature = "toml")]
use crate::error::closest;
use crate::lint::{LintOptions, Linter, Report, UnknownRule};
#[cfg(feature = "toml")]
use crate::pack::{BUILTIN_PACKS, Pack};
use crate::span::LineIndex;

/// A pack file a configuration names, as read by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    /// How errors name the file (e.g. its path as the user would type it).
    pub origin: String,
    /// The file's TOML text.
    pub text: String,
}

#[cfg(feature = "toml")]
impl Config {
    /// The packs this configuration names ([`Config::packs`]), in order:
    /// built-in packs by name, pack files through `read`, which gets the
    /// name as written (a path relative to the configuration file) and
    /// returns the file or why it cannot be read ("no such file"). The library reads no
    /// file itself.
    ///
    /// ```
    /// use outreach_lint::{Config, PackFile};
    /// let config = Config::from_toml("c.toml", "packs = [\"core\", \"team.toml\"]").unwrap();
    /// let packs = config
    ///     .load_packs(|name| {
    ///         assert_eq!(name, "team.toml");
    ///         Ok(PackFile {
    ///             origin: name.to_owned(),
    ///             text: "[pack]\nname = \"team\"\n".to_owned(),
    ///         })
    ///     })
    ///     .unwrap();
    /// let names: Vec<&str> = packs.iter().map(|p| p.name()).collect();
    /// assert_eq!(names, ["core", "team"]);
    /// ```
    ///
    /// # Errors
    ///
    /// An unknown built-in pack (with the closest name suggested), a file
    /// `read` cannot read, or a pack that does not load; each points at the
    /// entry in the configuration, or into the pack.
    pub fn load_packs(
        &self,
        mut read: impl FnMut(&str) -> Result<PackFile, String>,
    ) -> Result<Vec<Pack>, LoadError> {
        let builtins = Pack::builtins()?;
        let mut packs: Vec<Pack> = Vec::new();
        for (index, name) in self.packs().iter().enumerate() {
            let pack = if is_path(name) {
                let file = read(name).map_err(|reason| {
                    let shown = name.strip_prefix("./").unwrap_or(name);
                    self.pack_error(index, format!("cannot read pack `{shown}`: {reason}"))
                })?;
                Pack::from_toml_with(&file.origin, &file.text, &packs)?
            } else if let Some(p) = builtins.iter().find(|p| p.name() == name) {
                p.clone()
            } else {
                let e = self.pack_error(index, format!("unknown built-in pack `{name}`"));
                let list: Vec<&str> = BUILTIN_PACKS.iter().map(|(n, _)| *n).collect();
                return Err(match closest(name, list.iter().copied()) {
                    Some(near) => e.with_help(format!(
                        "did you mean `{near}`? a path needs a `/` or a .toml ending"
                    )),
                    None => e.with_help(format!(
                        "built-in packs: {}; a path needs a `/` or a .toml ending",
                        list.join(", ")
                    )),
                });
            };
            packs.push(pack);
        }
        Ok(packs)
    }

    /// The per-draft options this configuration gives a draft at `path`
    /// (relative to the configuration file's folder, `/`-separated): its
    /// `kind`, and the rules `[per-file]` skips for it.
    ///
    /// ```
    /// use outreach_lint::{Config, MessageKind};
    /// let config = Config::from_toml("c", "kind = \"follow-up\"\n[per-file]\n\"old/**\" = [\"too-long\"]\n").unwrap();
    /// let options = config.options_for(Some("old/a.txt"));
    /// assert_eq!(options.kind, Some(MessageKind::FollowUp));
    /// assert_eq!(options.skip, ["too-long"]);
    /// assert!(config.options_for(None).skip.is_empty());
    /// ```
    pub fn options_for(&self, path: Option<&str>) -> LintOptions {
        LintOptions {
            kind: self.kind(),
            skip: path.map(|p| self.skipped_for(p)).unwrap_or_default(),
            ..LintOptions::default()
        }
    }
}

impl LoadError {
    /// The error as a person reads it: where, what, the line with the
    /// place underlined, and the help.
    ///
    /// ```
    /// use outreach_lint::Config;
    /// let err = Config::from_toml("c.toml", "[rules]\ngeneric-prase = \"off\"\n")
    ///     .and_then(|c| c.apply(&mut outreach_lint::Linter::builtin()))
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.rendered(),
    ///     "c.toml:2:1: unknown rule `generic-prase`\n  2 | generic-prase = \"off\"\n    | ^^^^^^^^^^^^^\n  help: did you mean `generic-praise`? (`outreach-lint --list-rules` lists them all)"
    /// );
    /// ```
    pub fn rendered(&self) -> String {
        let text = self.source_text();
        let mut out = self.origin().to_owned();
        let place = self
            .span()
            .filter(|s| s.end <= text.len() && text.is_char_boundary(s.start));
        let mut snippet = String::new();
        if let Some(span) = place {
            let at = LineIndex::new(text).line_column(text, span.start);
            out.push_str(&format!(":{}:{}", at.line, at.column));
            let line_start = text
                .get(..span.start)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            let line_end = text
                .get(span.start..)
                .and_then(|t| t.find('\n'))
                .map_or(text.len(), |i| span.start + i);
            let line = text
                .get(line_start..line_end)
                .unwrap_or_default()
                .trim_end_matches('\r');
            let number = at.line.to_string();
            let pad = " ".repeat(number.len());
            let width = text
                .get(span.start..span.end.min(line_end))
                .map_or(1, |s| s.chars().count().max(1));
            snippet = format!(
                "\n  {number} | {line}\n  {pad} | {}{}",
                " ".repeat(at.column - 1),
                "^".repeat(width)
            );
        }
        out.push_str(": ");
        out.push_str(self.message());
        out.push_str(&snippet);
        if let Some(help) = self.help() {
            out.push_str("\n  help: ");
            out.push_str(help);
        }
        out
    }
}

/// Whether a configured pack name is a file rather than a built-in name.
#[cfg(feature = "toml")]
fn is_path(name: &str) -> bool {
    name.contains('/') || name.contains('\\') || name.ends_with(".toml")
}

impl Linter {
    /// The linter a configuration describes, the way the command line
    /// builds it: the packs it names (and only those), then its levels and
    /// bounds. Pack files are read through `read` (see
    /// [`Config::load_packs`]); per-draft settings come from
    /// [`Config::options_for`].
    ///
    /// ```
    /// use outreach_lint::{Config, Linter};
    /// let config = Config::from_toml("c.toml", "packs = [\"core\"]\n[rules]\npick-your-brain = \"off\"\n").unwrap();
    /// let linter = Linter::from_config_with(&config, |name| Err(format!("no file {name}"))).unwrap();
    /// assert!(linter.rules().iter().all(|r| r.pack() == "core"), "etiquette is not loaded");
    /// assert_eq!(linter.level_of("pick-your-brain"), None);
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Config::load_packs`], two packs defining one rule, or a
    /// `[rules]` or `[per-file]` entry naming a rule no pack defines.
    #[cfg(feature = "toml")]
    pub fn from_config_with(
        config: &Config,
        read: impl FnMut(&str) -> Result<PackFile, String>,
    ) -> Result<Linter, LoadError> {
        Linter::configured(config.load_packs(read)?, config)
    }

    /// [`Linter::from_config_with`] for a configuration that names built-in
    /// packs only.
    ///
    /// ```
    /// use outreach_lint::{Config, Linter};
    /// let config = Config::from_toml("c.toml", "[rules]\npick-your-brain = \"warning\"\n").unwrap();
    /// let linter = Linter::from_config(&config).unwrap();
    /// assert_eq!(linter.level_of("pick-your-brain"), Some(outreach_lint::Level::Warning));
    /// let files = Config::from_toml("c.toml", "extend-packs = [\"team.toml\"]").unwrap();
    /// let err = Linter::from_config(&files).unwrap_err();
    /// assert!(err.message().contains("cannot read pack"), "{}", err.message());
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Linter::from_config_with`]; a pack file is an error.
    #[cfg(feature = "toml")]
    pub fn from_config(config: &Config) -> Result<Linter, LoadError> {
        Linter::from_config_with(config, |_name| {
            Err("this linter was built without a way to read files".to_owned())
        })
    }

    /// A linter of `packs` (in order) with `config`'s levels and bounds
    /// applied: the last step of [`Linter::from_config_with`], for a
    /// caller that adds packs of its own after the configured ones.
    ///
    /// # Errors
    ///
    /// Two packs defining one rule, or a configured rule id no pack
    /// defines.
    #[cfg(feature = "toml")]
    pub fn configured(packs: Vec<Pack>, config: &Config) -> Result<Linter, LoadError> {
        let mut linter = Linter::from_packs(packs)?;
        config.apply(&mut linter)?;
        Ok(linter)
    }

    /// Lint a draft given as [`Input`]: raw text or the fields of a
    /// message. Unlike [`Linter::lint_with`], the draft's own
    /// `X-Outreach-Lint:` and `X-Outreach-Kind:` lines are ignored unless
    /// the input allows them, and rule ids in `options.skip` are checked.
    ///
    /// ```
    /// use outreach_lint::{Input, LintOptions, Linter, Message};
    /// let linter = Linter::builtin();
    /// let message = Message {
    ///     subject: Some("Quick question\nX-Outreach-Lint: allow pick-your-brain".into()),
    ///     body: "Hi Jo,\n\nCan I pick your brain?\n".into(),
    ///     ..Message::default()
    /// };
    /// let report = linter.lint_input(&Input::message(&message), &LintOptions::default()).unwrap();
    /// assert!(report.diagnostics.iter().any(|d| d.rule == "pick-your-brain"));
    /// ```
    ///
    /// # Errors
    ///
    /// A rule id in `options.skip` that no rule has, or a Markdown draft
    /// whose front matter is never closed.
    pub fn lint_input(
        &self,
        input: &Input<'_>,
        options: &LintOptions,
    ) -> Result<Report, InputError> {
        for id in &options.skip {
            self.known(id)?;
        }
        let mut options = options.clone();
        options.ignore_switches |= !input.switches;
        let owned;
        let (text, format) = match &input.draft {
            Drafted::Text(text, format) => (*text, *format),
            Drafted::Message(message) => {
                owned = message.text();
                (owned.as_str(), message.format)
            }
        };
        let draft = Draft::parse_as(text, format)?;
        Ok(self.lint_draft(&draft, &options))
    }
}

/// Why [`Linter::lint_input`] could not lint a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// A rule id that no rule has.
    UnknownRule(UnknownRule),
    /// A Markdown draft that cannot be read.
    Parse(ParseError),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::UnknownRule(e) => e.fmt(f),
            InputError::Parse(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for InputError {}

impl From<UnknownRule> for InputError {
    fn from(e: UnknownRule) -> Self {
        InputError::UnknownRule(e)
    }
}

impl From<ParseError> for InputError {
    fn from(e: ParseError) -> Self {
        InputError::Parse(e)
    }
}

/// A message given field by field. Header values are put on one line each
/// (line breaks in them become spaces), so a field cannot add header
/// lines of its own. Build it with `..Message::default()` so that fields
/// added later keep their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// The subject line.
    pub subject: Option<String>,
    /// The recipients, as written in a `To:` line.
    pub to: Option<String>,
    /// The sender, as written in a `From:` line.
    pub from: Option<String>,
    /// The text of the message.
    pub body: String,
    /// How the body is written.
    pub format: DraftFormat,
}

impl Message {
    /// The draft text the fields make, which findings' offsets point into:
    /// header lines (or Markdown front matter), a blank line, the body.
    ///
    /// ```
    /// use outreach_lint::Message;
    /// let mut message = Message::default();
    /// message.subject = Some("Coffee?\r\nX-Outreach-Kind: other".into());
    /// message.body = "Hi Jo,".into();
    /// assert_eq!(message.text(), "Subject: Coffee?  X-Outreach-Kind: other\n\nHi Jo,");
    /// ```
    pub fn text(&self) -> String {
        let fields = [
            ("Subject", &self.subject),
            ("To", &self.to),
            ("From", &self.from),
        ];
        let markdown = self.format == DraftFormat::Markdown;
        let mut out = String::new();
        for (name, value) in fields {
            let Some(value) = value else { continue };
            let value = value.replace(['\r', '\n'], " ");
            if markdown {
                out.push_str(&name.to_ascii_lowercase());
            } else {
                out.push_str(name);
            }
            out.push_str(": ");
            out.push_str(value.trim());
            out.push('\n');
        }
        if markdown && !out.is_empty() {
            out = format!("---\n{out}---\n");
        }
        // Always a blank line first, so the body's own first lines are
        // never read as header lines.
        out.push('\n');
        out.push_str(&self.body);
        out
    }

    /// Where the body starts in [`Message::text`], to turn a finding's
    /// offsets into offsets in the body.
    pub fn body_start(&self) -> usize {
        self.text().len() - self.body.len()
    }
}

/// The draft behind an [`Input`].
#[derive(Debug, Clone, Copy)]
enum Drafted<'a> {
    Text(&'a str, DraftFormat),
    Message(&'a Message),
}

/// A draft for [`Linter::lint_input`].
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    draft: Drafted<'a>,
    switches: bool,
}

impl<'a> Input<'a> {
    /// A draft as one text: optional header lines, a blank line, the body.
    pub fn text(text: &'a str, format: DraftFormat) -> Input<'a> {
        Input {
            draft: Drafted::Text(text, format),
            switches: false,
        }
    }

    /// A draft given as the fields of a message.
    pub fn message(message: &'a Message) -> Input<'a> {
        Input {
            draft: Drafted::Message(message),
            switches: false,
        }
    }

    /// Honour the draft's own `X-Outreach-Lint: allow …` and
    /// `X-Outreach-Kind:` lines, as the command line does for files a
    /// person wrote. Off by default.
    ///
    /// ```
    /// use outreach_lint::{DraftFormat, Input, LintOptions, Linter};
    /// let linter = Linter::builtin();
    /// let text = "X-Outreach-Lint: allow pick-your-brain\n\nCan I pick your brain?";
    /// let fired = |input: Input<'_>| {
    ///     let report = linter.lint_input(&input, &LintOptions::default()).unwrap();
    ///     report.diagnostics.iter().any(|d| d.rule == "pick-your-brain")
    /// };
    /// assert!(fired(Input::text(text, DraftFormat::Text)));
    /// assert!(!fired(Input::text(text, DraftFormat::Text).allow_switches(true)));
    /// ```
    #[must_use]
    pub fn allow_switches(mut self, allow: bool) -> Input<'a> {
        self.switches = allow;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Level, MessageKind, SectionKind};

    #[test]
    fn a_config_names_its_packs_only() {
        let config = Config::from_toml("c", "packs = [\"etiquette\"]").expect("valid");
        let linter = Linter::from_config(&config).expect("builds");
        assert!(!linter.rules().is_empty());
        assert!(linter.rules().iter().all(|r| r.pack() == "etiquette"));
        let typo = Config::from_toml("c", "packs = [\"cor\"]").expect("valid");
        let err = Linter::from_config(&typo).expect_err("unknown pack");
        assert_eq!(err.message(), "unknown built-in pack `cor`");
        assert!(
            err.help()
                .unwrap_or_default()
                .starts_with("did you mean `core`?")
        );
    }

    #[test]
    fn a_pack_file_is_read_through_the_caller_and_may_fail() {
        let config = Config::from_toml("c", "extend-packs = [\"rules/team.toml\"]").expect("valid");
        let err = Linter::from_config_with(&config, |_| Err("no such file".into()))
            .expect_err("unreadable");
        assert_eq!(
            err.message(),
            "cannot read pack `rules/team.toml`: no such file"
        );
        let team = "[pack]\nname = \"team\"\n[[rule]]\nid = \"no-synergy\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = ['synergy']\nmessage = \"say what you mean\"\nhelp = \"name the benefit\"\n";
        let linter = Linter::from_config_with(&config, |name| {
            Ok(PackFile {
                origin: name.into(),
                text: team.into(),
            })
        });
        match linter {
            Ok(linter) => {
                let found = linter.lint("x", "Hi Jo,\n\nI see synergy here.\n");
                assert!(
                    found
                        .iter()
                        .any(|d| d.rule == "no-synergy" && d.level == Level::Warning)
                );
                assert!(
                    linter.rule("pick-your-brain").is_some(),
                    "defaults kept by extend-packs"
                );
            }
            // The pack format belongs to the pack layer; say what it refused.
            Err(e) => panic!("team pack refused: {e}"),
        }
    }

    #[test]
    fn fields_cannot_inject_switches_and_text_needs_permission() {
        let linter = Linter::builtin();
        let message = Message {
            to: Some("jo@example.org\nX-Outreach-Kind: thank-you".into()),
            body: "X-Outreach-Lint: allow pick-your-brain\n\nHi Jo,\n\nCan I pick your brain?\n"
                .into(),
            ..Message::default()
        };
        let report = linter
            .lint_input(&Input::message(&message), &LintOptions::default())
            .expect("lints");
        assert_ne!(report.kind, MessageKind::ThankYou);
        let brain = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "pick-your-brain")
            .expect("not allowed away");
        let text = message.text();
        assert_eq!(&text[brain.span.start..brain.span.end], "pick your brain");
        assert!(brain.span.start > message.body_start());
        // Even when switches are allowed, the body is body, not headers.
        let allowed = Input::message(&message).allow_switches(true);
        let report = linter
            .lint_input(&allowed, &LintOptions::default())
            .expect("lints");
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.rule == "pick-your-brain")
        );
    }

    #[test]
    fn subject_field_is_the_subject_in_both_formats() {
        let linter = Linter::builtin();
        for format in [DraftFormat::Text, DraftFormat::Markdown] {
            let message = Message {
                subject: Some("Can I pick your brain?".into()),
                body: "Hi Jo,\n\nThanks.\n".into(),
                format,
                ..Message::default()
            };
            let report = linter
                .lint_input(&Input::message(&message), &LintOptions::default())
                .expect("lints");
            let brain = report
                .diagnostics
                .iter()
                .find(|d| d.rule == "pick-your-brain")
                .unwrap_or_else(|| panic!("{format:?}: {:?}", report.diagnostics));
            assert_eq!(brain.section, SectionKind::Subject, "{format:?}");
        }
    }

    #[test]
    fn unknown_skip_ids_and_bad_markdown_are_errors() {
        let linter = Linter::builtin();
        let options = LintOptions::default().skip("pick-your-brian");
        let err = linter
            .lint_input(&Input::text("Hi", DraftFormat::Text), &options)
            .expect_err("unknown id");
        assert!(
            err.to_string().contains("did you mean `pick-your-brain`?"),
            "{err}"
        );
        let err = linter
            .lint_input(
                &Input::text("---\nsubject: x\nHi", DraftFormat::Markdown),
                &LintOptions::default(),
            )
            .expect_err("unclosed front matter");
        assert!(matches!(err, InputError::Parse(_)));
    }
}
