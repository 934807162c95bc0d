// The JavaScript package under Node, as a user calls it.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";

import { init, lint, check, rules, LintError } from "../pkg/outreach_lint.mjs";

const BRAIN = "Subject: Coffee?\n\nHi Zoë 👋,\n\nCould I pick your brain over coffee?\n\nThanks,\nLee\n";

before(async () => {
  await init();
});

test("findings are plain objects with the Python field names", () => {
  const found = lint(BRAIN);
  const brain = found.find((f) => f.rule === "pick-your-brain");
  assert.ok(brain, JSON.stringify(found));
  for (const key of ["rule", "level", "message", "help", "section", "line", "column", "start", "end"]) {
    assert.ok(key in brain, key);
  }
  assert.equal(Object.getPrototypeOf(brain), Object.prototype);
  assert.equal(brain.level, "error");
  assert.equal(brain.section, "body");
  assert.deepEqual([brain.line, brain.column], [5, 9]);
  // Byte offsets into UTF-8, UTF-16 offsets for JavaScript strings.
  const bytes = new TextEncoder().encode(BRAIN);
  assert.equal(new TextDecoder().decode(bytes.slice(brain.start, brain.end)), "pick your brain");
  assert.equal(BRAIN.slice(brain.utf16_start, brain.utf16_end), "pick your brain");
});

test("options: kind, disable, packs, rules, switches", () => {
  assert.equal(check(BRAIN).kind, "cold-request");
  assert.equal(check(BRAIN, { kind: "thank-you" }).kind, "thank-you");
  assert.ok(lint(BRAIN, { disable: ["pick-your-brain"] }).every((f) => f.rule !== "pick-your-brain"));
  const warned = lint(BRAIN, { rules: { "pick-your-brain": "warning" } });
  assert.equal(warned.find((f) => f.rule === "pick-your-brain").level, "warning");
  assert.ok(lint(BRAIN, { rules: { "pick-your-brain": { level: "off" } } }).every((f) => f.rule !== "pick-your-brain"));
  assert.ok(lint(BRAIN, { packs: ["etiquette"] }).every((f) => f.rule !== "pick-your-brain"));
  const long = "Hi Jo,\n\n" + "word ".repeat(40) + "Can we talk?\n";
  assert.ok(lint(long).every((f) => f.rule !== "too-long"));
  assert.ok(lint(long, { rules: { "too-long": { max: 20 } } }).some((f) => f.rule === "too-long"));
  const text = "X-Outreach-Lint: allow pick-your-brain\n\nCan I pick your brain?";
  assert.ok(lint(text).some((f) => f.rule === "pick-your-brain"));
  assert.ok(lint(text, { allowSwitches: true }).every((f) => f.rule !== "pick-your-brain"));
});

test("bad options are errors that say why", () => {
  assert.throws(() => lint(BRAIN, { disable: ["pick-your-brian"] }), {
    name: "LintError",
    message: /did you mean `pick-your-brain`\?/,
  });
  assert.throws(() => lint(BRAIN, { kind: "cold" + "er" }), /unknown message kind `colder`/);
  assert.throws(() => lint(BRAIN, { colour: "red" }), /unknown field `colour`/);
  assert.throws(() => lint(BRAIN, { rules: { "pick-your-brian": "off" } }), (e) => {
    assert.ok(e instanceof LintError);
    assert.equal(e.message, 'rules["pick-your-brian"]: unknown rule `pick-your-brian`; did you mean `pick-your-brain`?');
    return true;
  });
  assert.throws(() => lint(BRAIN, { rules: { "too-long": "loud" } }), /unknown level `loud`/);
  assert.throws(() => lint(BRAIN, { packs: ["cor"] }), /did you mean `core`\?/);
  assert.throws(() => lint(BRAIN, { format: "markdown" }), /plain text only/);
  assert.throws(() => lint(42), LintError);
});

test("rules list ids with explanations", () => {
  const all = rules();
  const brain = all.find((r) => r.id === "pick-your-brain");
  assert.ok(brain && brain.explain.length > 20 && brain.summary.length > 0);
  assert.ok(all.length >= 10, `${all.length} rules`);
});

// The time per draft is reported, not asserted: a timed assertion fails on
// a loaded machine without a change in the code.
test("the module is small, and the time per draft is reported", async () => {
  const wasm = await readFile(new URL("../pkg/outreach_lint.wasm", import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  assert.ok(wasm.length <= 1.5 * 1024 * 1024, `${wasm.length} bytes`);
  assert.ok(gzipped <= 500 * 1000, `${gzipped} bytes gzipped`);
  const draft = BRAIN.repeat(8); // about 250 words
  lint(draft);
  const runs = 200;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) lint(draft);
  const each = (performance.now() - t0) / runs;
  console.log(`# wasm ${wasm.length} bytes, ${gzipped} gzipped; ${each.toFixed(3)} ms per draft`);
  assert.ok(each > 0, `${each} ms per draft`);
});
