//! Resolving what to run for each draft: the configuration that applies to
//! it (found by walking up from the draft, or given with `--config`), the
//! packs it loads, and the flags layered on top.
//!
//! Order of precedence, lowest first: built-in packs and levels, the
//! configuration file, then command-line flags (`--pack`, `--select`,
//! `--ignore`, `--kind`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use outreach_lint::{Config, LintOptions, Linter, LoadError, MessageKind, Pack, PackFile};

use crate::args::Args;

/// File names searched for in each folder, nearest folder first.
pub(crate) const CONFIG_NAMES: &[&str] = &["outreach-lint.toml", ".outreach-lint.toml"];

/// A linter built for one configuration file (or none).
#[derive(Debug)]
pub(crate) struct Resolved {
    pub(crate) linter: Linter,
    pub(crate) config: Config,
    /// The configuration file, if there is one.
    pub(crate) path: Option<PathBuf>,
}

impl Resolved {
    /// Per-draft options: the kind, and rules `[per-file]` skips for it.
    pub(crate) fn options_for(
        &self,
        draft: Option<&Path>,
        kind: Option<MessageKind>,
    ) -> LintOptions {
        let skip = match (draft, self.path.as_deref().and_then(Path::parent)) {
            (Some(draft), Some(dir)) => {
                let draft = std::path::absolute(draft).unwrap_or_else(|_| draft.to_path_buf());
                let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                match draft.strip_prefix(&dir) {
                    Ok(rel) => self
                        .config
                        .skipped_for(&rel.to_string_lossy().replace('\\', "/")),
                    Err(_) => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        let mut options = LintOptions::default();
        options.kind = kind.or(self.config.kind());
        options.skip = skip;
        options
    }
}

/// Why a configuration could not be used.
#[derive(Debug)]
pub(crate) enum SettingsError {
    /// Points into a TOML file; rendered as a diagnostic.
    Load(LoadError),
    /// Anything else (an unknown rule id on the command line).
    Other(anyhow::Error),
}

impl From<LoadError> for SettingsError {
    fn from(e: LoadError) -> Self {
        SettingsError::Load(e)
    }
}

pub(crate) struct Settings<'a> {
    args: &'a Args,
    /// Linters by configuration file, so each file is read and compiled once.
    cache: HashMap<Option<PathBuf>, Result<Arc<Resolved>, ()>>,
    /// The configuration file found for each folder of drafts, so a folder
    /// of thousands is searched once, not once per draft.
    found: HashMap<PathBuf, Option<PathBuf>>,
}

impl<'a> Settings<'a> {
    pub(crate) fn new(args: &'a Args) -> Self {
        Settings {
            args,
            cache: HashMap::new(),
            found: HashMap::new(),
        }
    }

    /// The configuration file that applies to `draft` (`None`: standard input
    /// or the current folder).
    pub(crate) fn config_path(&mut self, draft: Option<&Path>) -> Option<PathBuf> {
        if self.args.no_config {
            return None;
        }
        if let Some(explicit) = &self.args.config {
            return Some(explicit.clone());
        }
        let start = match draft.and_then(Path::parent) {
            Some(dir) if !dir.as_os_str().is_empty() => std::path::absolute(dir).ok()?,
            _ => std::env::current_dir().ok()?,
        };
        if let Some(found) = self.found.get(&start) {
            return found.clone();
        }
        let found = start
            .ancestors()
            .flat_map(|dir| CONFIG_NAMES.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file());
        self.found.insert(start, found.clone());
        found
    }

    /// The resolved linter for a configuration file. `Err(None)` means the
    /// error was already returned once for this file.
    pub(crate) fn resolve(
        &mut self,
        path: Option<PathBuf>,
    ) -> Result<Arc<Resolved>, Option<SettingsError>> {
        if let Some(cached) = self.cache.get(&path) {
            return cached.clone().map_err(|()| None);
        }
        let result = build(self.args, path.clone());
        self.cache
            .insert(path, result.as_ref().map(Arc::clone).map_err(|_| ()));
        result.map_err(Some)
    }
}

/// A configuration or pack file's text. One past the library's pack size
/// limit is refused without reading the rest, so a huge file is never held.
fn read_toml(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let limit = u64::try_from(outreach_lint::MAX_PACK_SIZE).unwrap_or(u64::MAX);
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_string(&mut text)?;
    if text.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "it is over the {limit}-byte limit for a rule pack or configuration"
        )));
    }
    Ok(text)
}

fn build(args: &Args, path: Option<PathBuf>) -> Result<Arc<Resolved>, SettingsError> {
    let config = match &path {
        Some(p) => {
            let origin = shown(p);
            let text = read_toml(p).map_err(|e| LoadError::io(&origin, &e))?;
            Config::from_toml(&origin, &text)?
        }
        None => Config::default(),
    };
    let base = path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    // The library's path, as any embedding program takes it; the command
    // line adds the packs of `--pack` after the configured ones.
    let mut packs = config.load_packs(|name| {
        let file = base.join(name);
        match read_toml(&file) {
            Ok(text) => Ok(PackFile {
                origin: shown(&file),
                text,
            }),
            Err(e) => Err(crate::input::io_reason(&e)),
        }
    })?;
    for extra in &args.packs {
        let origin = extra.display().to_string();
        let text = read_toml(extra).map_err(|e| LoadError::io(&origin, &e))?;
        let pack = Pack::from_toml_with(&origin, &text, &packs)?;
        packs.push(pack);
    }
    let mut linter = Linter::configured(packs, &config)?;
    let select = rule_ids(&linter, &args.select).map_err(SettingsError::Other)?;
    let ignore = rule_ids(&linter, &args.ignore).map_err(SettingsError::Other)?;
    if !args.select.is_empty() {
        // Every id was checked by `rule_ids`.
        linter
            .select(select.iter().map(String::as_str))
            .map_err(|e| SettingsError::Other(e.into()))?;
        // Flags win over the file: a rule selected by name runs even when
        // the configuration turned it off, at the level its pack gives it.
        for id in &select {
            if linter.level_of(id).is_none() {
                let level = linter.rule(id).map(outreach_lint::Rule::level);
                linter.set_level(id, level);
            }
        }
    }
    for id in &ignore {
        linter.set_level(id, None);
    }
    Ok(Arc::new(Resolved {
        linter,
        config,
        path,
    }))
}

/// The rule ids named by `--select` or `--ignore`: each entry a rule id or
/// a pack name (all of that pack's rules), spaces around commas allowed.
fn rule_ids(linter: &Linter, names: &[String]) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if linter.rule(name).is_some() {
            ids.push(name.to_owned());
            continue;
        }
        let in_pack: Vec<String> = linter
            .rules()
            .iter()
            .filter(|r| r.pack() == name)
            .map(|r| r.id().to_owned())
            .collect();
        if in_pack.is_empty() {
            crate::explain::known_rule_or_pack(linter, name)?;
        }
        ids.extend(in_pack);
    }
    Ok(ids)
}

/// A path as a person would type it: relative to the current folder when
/// it is inside it.
pub(crate) fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok());
    let shown = rel.unwrap_or(path);
    let text = shown.display().to_string();
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

/// The starter configuration `--init` writes.
pub(crate) const STARTER: &str = r#"# outreach-lint configuration. Drafts use the nearest outreach-lint.toml
# (or .outreach-lint.toml) found walking up from their folder.
# `outreach-lint --list-rules` lists every rule; `--explain RULE` explains one.

# Rule packs, in order: built-in names, or paths to your own TOML packs
# (relative to this file). A pack may use an earlier pack's pattern sets.
# `packs` REPLACES the built-in list: leave "core" and "etiquette" in it
# to keep their rules.
packs = ["core", "etiquette"]
# `extend-packs` ADDS packs after `packs`, keeping the built-in ones:
# extend-packs = ["team-pack.toml"]

# Lint every draft as this kind instead of detecting it:
# cold-request, intro-request, intro-made, follow-up, thank-you, other.
# kind = "cold-request"

# The least serious level that fails a run: "error" (the default),
# "warning", "info" or "never". --fail-on on the command line wins.
# fail-on = "warning"

[rules]
# A level ("error", "warning", "info") or "off" per rule id:
# generic-praise = "off"
# demanding-tone = "error"
# Limit rules take bounds too:
# too-long = { level = "warning", max = 150 }

[per-file]
# Rules to skip for files matching a glob (relative to this file):
# "archive/**" = ["too-long"]
"#;
