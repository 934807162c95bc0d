//! `--statistics`: how many findings each rule made, most first.

use std::collections::BTreeMap;
use std::io::{self, Write};

use outreach_lint::Level;

use super::FileReport;

pub(crate) fn emit(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut counts: BTreeMap<&str, (usize, Level)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        counts.entry(d.rule.as_str()).or_insert((0, d.level)).0 += 1;
    }
    let mut rows: Vec<(&str, usize, Level)> = counts
        .into_iter()
        .map(|(rule, (n, level))| (rule, n, level))
        .collect();
    // Most frequent first; ties by id, so the table is stable.
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    for (rule, n, level) in rows {
        writeln!(out, "{n:>5}  {rule:width$}  {level}")?;
    }
    Ok(())
}
