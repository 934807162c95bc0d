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
  /**
   * Index, in the same list, of the finding this one is folded into: another
   * rule reports the same problem on the same words. null for the findings
   * to show; folded ones are kept for scripts.
   */
  folded_into: number | null;
}

/** A rule's level, "off", or a table of level and limits. */
export type RuleSetting =
  | Level
  | "off"
  | { level?: Level | "off"; min?: number; max?: number };

export interface LintOptions {
  /** Read the draft as this kind instead of detecting it. */
  kind?: MessageKind;
  /** The built-in packs to load, in order (default: ["core", "etiquette"]). */
  packs?: ("core" | "etiquette")[];
  /**
   * Levels and limits by rule id, as `[rules]` in outreach-lint.toml:
   * `{ "generic-praise": "off", "too-long": { level: "error", max: 150 } }`.
   */
  rules?: Record<string, RuleSetting>;
  /** "text", the only format this module reads (Markdown is refused). */
  format?: "text";
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
