// The module reads the built-in packs from the JSON the build script makes
// of them, not from their TOML: it must find exactly what the command line
// finds, on every plain-text fixture and example.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { init, check } from "../pkg/outreach_lint.mjs";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function drafts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return drafts(path);
    return e.name.endsWith(".txt") ? [path] : [];
  });
}

before(async () => {
  await init();
});

test("the module finds what the command line finds", () => {
  const files = [...drafts(join(root, "fixtures")), ...drafts(join(root, "examples"))];
  assert.ok(files.length > 100, `${files.length} drafts`);
  execFileSync("cargo", ["build", "--quiet", "--bin", "outreach-lint"], { cwd: root, stdio: "inherit" });
  const bin = join(root, "target", "debug", "outreach-lint");
  let out;
  try {
    out = execFileSync(bin, ["--no-config", "--format", "json", ...files.map((f) => relative(root, f))], {
      cwd: root,
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    // Exit code 1 means findings; the JSON report is on stdout all the same.
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  const report = JSON.parse(out);
  // Folded findings stay in the list, pointing at the one they fold into.
  const shown = (d, i, all) => {
    const into = d.folded_into == null ? "" : ` folded into ${all[d.folded_into].rule}`;
    return `${d.rule} ${d.level} ${d.start}-${d.end}${into}`;
  };
  let compared = 0;
  for (const file of report.files) {
    const text = readFileSync(join(root, file.path), "utf8");
    const cli = file.diagnostics.map((d) => ({ ...d, ...d.span })).map(shown);
    const ours = check(text, { allowSwitches: true });
    assert.equal(ours.kind, file.kind, file.path);
    assert.deepEqual(ours.findings.map(shown).sort(), cli.sort(), file.path);
    compared += 1;
  }
  assert.equal(compared, files.length);
});
