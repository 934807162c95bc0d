//! One line per finding, `path:line:col: level[rule] message`, for editors,
//! grep and quick scans.

use std::io::{self, Write};

use super::FileReport;

pub(crate) fn emit(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.name, d.span.line, d.span.column, d.level, d.rule, d.message
            )?;
        }
    }
    Ok(())
}
