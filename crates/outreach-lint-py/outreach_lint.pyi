"""Lint cold-outreach drafts: typed findings with rule, level, message, help and position."""

import os
from typing import Literal, Optional, Sequence, Union

__version__: str

Level = Literal["error", "warning", "info"]
Kind = Literal["cold-request", "intro-request", "intro-made", "follow-up", "thank-you", "other"]

class Finding:
    """One finding in one draft."""

    rule: str
    level: Level
    message: str
    help: str
    section: str
    line: int
    """1-based line of the first underlined character."""
    column: int
    """1-based column, in characters."""
    end_line: int
    end_column: int
    start: int
    """Byte offset (UTF-8) of the first underlined byte."""
    end: int
    """Byte offset one past the last underlined byte."""
    suggestions: list[str]
    folded_into: Optional[int]
    """Index, in the same list, of the finding this one is folded into (same problem, same words); None for the ones to show."""

class ConfigError(ValueError):
    """A configuration or rule pack that cannot be used; `str()` shows the place underlined."""

    origin: str
    line: Optional[int]
    column: Optional[int]
    message: str
    help: Optional[str]

class Linter:
    """A linter built once from a configuration, for many drafts (thread-safe)."""

    def __init__(
        self, config: Union[str, "os.PathLike[str]", None] = None, *, kind: Optional[str] = None
    ) -> None: ...
    @staticmethod
    def from_toml(
        text: str, *, origin: str = "outreach-lint.toml", kind: Optional[str] = None
    ) -> "Linter": ...
    def lint(
        self,
        text: str,
        *,
        kind: Optional[str] = None,
        path: Optional[str] = None,
        allow_switches: bool = False,
    ) -> list[Finding]: ...
    def lint_message(
        self,
        body: str,
        *,
        subject: Optional[str] = None,
        to: Optional[str] = None,
        sender: Optional[str] = None,
        markdown: bool = False,
        kind: Optional[str] = None,
    ) -> list[Finding]: ...
    def lint_many(self, texts: Sequence[str], *, kind: Optional[str] = None) -> list[list[Finding]]: ...
    def lint_eml(self, data: bytes) -> list[Finding]: ...
    def rules(self) -> list[str]: ...
    def explain(self, rule: str) -> str: ...

def lint(
    text: str, *, config: Union[str, "os.PathLike[str]", None] = None, kind: Optional[str] = None
) -> list[Finding]: ...
def lint_many(
    texts: Sequence[str],
    *,
    config: Union[str, "os.PathLike[str]", None] = None,
    kind: Optional[str] = None,
) -> list[list[Finding]]: ...
