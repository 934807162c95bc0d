/** How serious a finding is. */
export type Level = "error" | "warning" | "info";

/** The kinds of message the linter tells apart. */
export type MessageKind =
  | "cold-request"
  | "intro-request"
  | "intro-made"
  | "follow-up"
  | "thank-you"
  | "other";

/** One finding: the same field names as the Python package. */
export interface Finding {
  rule: string;
  level: Level;
  message: string;
  help: string;
  /** subject, greeting, body, closing, signature, quoted, postscript, headers */
  section: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in characters. */
  column: number;
  end_line: number;
  end_column: number;
  /** Byte offset (UTF-8) of the first underlined byte. */
  start: number;
  /** Byte offset one past the last underlined byte. */
  end: number;
  /** `start` in UTF-16 code units, for `text.slice(utf16_start, utf16_end)`. */
  utf16_start: number;
  /** `end` in UTF-16 code units. */
  utf16_end: number;
  /** Replacements for the underlined words, best first. */
  suggestions: string[];
}

export interface LintOptions {
  /** Read the draft as this kind instead of detecting it. */
  kind?: MessageKind;
  /** An outreach-lint.toml as text; it may name built-in packs only. */
  config?: string;
  /** "text" (the default) or "markdown". */
  format?: "text" | "markdown";
  /** Rule ids not to run; an unknown id is an error. */
  disable?: string[];
  /** Honour the draft's own X-Outreach-Lint / X-Outreach-Kind lines. */
  allowSwitches?: boolean;
}

export interface Checked {
  kind: MessageKind;
  findings: Finding[];
}

export interface RuleInfo {
  id: string;
  pack: string;
  level: Level;
  summary: string;
  explain: string;
}

/** Raised for bad options or configuration. */
export class LintError extends Error {}

/** Load the module: its URL (default: next to this file), bytes, or a compiled module. */
export function init(source?: URL | string | BufferSource | WebAssembly.Module): Promise<void>;
export function lint(text: string, options?: LintOptions): Finding[];
export function check(text: string, options?: LintOptions): Checked;
export function rules(): RuleInfo[];
