// The playground: lint the draft on every edit and mark the findings in
// a layer under the textarea. No server: the linter is the WebAssembly
// module in ./pkg, loaded once.
import { init, check, rules } from "./pkg/outreach_lint.mjs";

const draft = document.getElementById("draft");
const backdrop = document.getElementById("backdrop");
const list = document.getElementById("findings");
const count = document.getElementById("count");
const kindSelect = document.getElementById("kind");
const detected = document.getElementById("detected");
const status = document.getElementById("status");
const ruleList = document.getElementById("rules");

const disabled = new Set();
let explanations = new Map();
let pending = false;

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

const SERIOUS = { info: 0, warning: 1, error: 2 };

/** The text with findings marked. Findings may overlap, so the text is cut
 * at every start and end, and each piece under one or more findings
 * becomes one <mark> naming them all, coloured by the most serious. */
function marked(text, findings) {
  const cuts = new Set([0, text.length]);
  for (const f of findings) cuts.add(f.utf16_start).add(f.utf16_end);
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let k = 0; k + 1 < points.length; k++) {
    const [from, to] = [points[k], points[k + 1]];
    const piece = escape(text.slice(from, to));
    const over = findings
      .map((f, i) => [f, i])
      .filter(([f]) => f.utf16_start <= from && to <= f.utf16_end && f.utf16_start < f.utf16_end);
    if (over.length === 0) {
      html += piece;
      continue;
    }
    const level = over.reduce((a, [f]) => (SERIOUS[f.level] > SERIOUS[a] ? f.level : a), "info");
    const rules = escape(over.map(([f]) => f.rule).join(" "));
    const indexes = over.map(([, i]) => i).join(" ");
    html += `<mark class="${level}" data-rules="${rules}" data-index="${indexes}">${piece}</mark>`;
  }
  // A trailing newline needs a character after it to take up a line.
  return html + "\u200b";
}

function showFindings(findings) {
  list.replaceChildren();
  count.textContent = `(${findings.length})`;
  findings.forEach((f, i) => {
    const li = document.createElement("li");
    li.dataset.index = i;
    li.innerHTML =
      `<span class="level ${f.level}">${f.level}</span> <span class="rule">${escape(f.rule)}</span> ` +
      `<span class="where">${f.line}:${f.column}</span>` +
      `<div class="message">${escape(f.message)}</div>` +
      `<div class="help">${escape(f.help)}</div>` +
      (f.also.length ? `<div class="also">also: ${escape(f.also.join(", "))}</div>` : "") +
      `<button class="link explain" type="button">Why?</button>`;
    li.querySelector(".explain").addEventListener("click", (event) => {
      event.stopPropagation();
      const open = li.querySelector(".explain-text");
      if (open) return open.remove();
      const div = document.createElement("div");
      div.className = "explain-text";
      div.textContent = explanations.get(f.rule) ?? "";
      li.append(div);
    });
    li.addEventListener("click", () => {
      draft.focus();
      draft.setSelectionRange(f.utf16_start, f.utf16_end);
      highlight(i);
    });
    li.addEventListener("mouseenter", () => highlight(i));
    li.addEventListener("mouseleave", () => highlight(-1));
    list.append(li);
  });
}

function highlight(index) {
  for (const mark of backdrop.querySelectorAll("mark")) {
    mark.classList.toggle("active", mark.dataset.index.split(" ").includes(String(index)));
  }
}

function run() {
  pending = false;
  const text = draft.value;
  const options = { disable: [...disabled] };
  if (kindSelect.value) options.kind = kindSelect.value;
  let result;
  const t0 = performance.now();
  try {
    result = check(text, options);
  } catch (e) {
    status.textContent = e.message;
    return;
  }
  const ms = performance.now() - t0;
  status.textContent = `linted in ${ms.toFixed(2)} ms`;
  status.dataset.ms = String(ms);
  detected.textContent = result.kind;
  // One problem, one finding: a finding folded into another (same words,
  // same problem) is named on the one it is folded into.
  const also = new Map();
  for (const f of result.findings) {
    if (f.folded_into != null) also.set(f.folded_into, [...(also.get(f.folded_into) ?? []), f.rule]);
  }
  const shown = result.findings
    .map((f, i) => ({ ...f, also: also.get(i) ?? [] }))
    .filter((f) => f.folded_into == null);
  backdrop.innerHTML = marked(text, shown);
  backdrop.scrollTop = draft.scrollTop;
  showFindings(shown);
  // What was last linted, for tests (and the curious) to wait on.
  window.playground = { linted: text, findings: shown };
}

function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(run);
}

function showRules() {
  const all = rules();
  explanations = new Map(all.map((r) => [r.id, `${r.summary}\n\n${r.explain}`.trim()]));
  for (const rule of all) {
    const li = document.createElement("li");
    li.innerHTML = `<label title="${escape(rule.summary)}"><input type="checkbox" checked data-rule="${escape(rule.id)}"> ${escape(rule.id)}</label>`;
    li.querySelector("input").addEventListener("change", (event) => {
      if (event.target.checked) disabled.delete(rule.id);
      else disabled.add(rule.id);
      schedule();
    });
    ruleList.append(li);
  }
}

draft.addEventListener("input", schedule);
draft.addEventListener("scroll", () => {
  backdrop.scrollTop = draft.scrollTop;
});
kindSelect.addEventListener("change", schedule);

try {
  await init(new URL("./pkg/outreach_lint.wasm", import.meta.url));
  showRules();
  run();
} catch (e) {
  status.textContent = `the linter did not load: ${e.message}`;
}
