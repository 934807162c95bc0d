// The playground in a real headless browser (Debian's chromium, driven by
// playwright-core): served over HTTP on 127.0.0.1, since a page may not
// load WebAssembly from file://.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../../playground/", import.meta.url));
const types = { ".html": "text/html", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server;
let browser;
let base;
const requests = [];

before(async () => {
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    requests.push(path);
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open() {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base);
  await page.waitForFunction(() => window.playground !== undefined);
  return { page, errors };
}

/** Replace the draft as typing would, and wait for the lint it causes. */
async function type(page, text) {
  await page.fill("#draft", "");
  await page.locator("#draft").pressSequentially(text.slice(0, 40));
  await page.fill("#draft", text);
  await page.waitForFunction((t) => window.playground?.linted === t, text);
}

test("typed words are underlined, and a good draft shows none", async () => {
  const { page, errors } = await open();
  await type(page, "Subject: Hello\n\nHi Zoë 👋,\n\nCould I pick your brain over coffee?\n\nThanks,\nLee\n");
  // Every mark under the rule, joined, is exactly the rule's words.
  const words = await page.$$eval('#backdrop mark[data-rules~="pick-your-brain"]', (ms) =>
    ms.map((m) => m.textContent).join(""),
  );
  assert.equal(words, "pick your brain");
  // The mark sits under the same words of the textarea: same box, same text
  // before it.
  const aligned = await page.evaluate(() => {
    const mark = document.querySelector('#backdrop mark[data-rules~="pick-your-brain"]');
    const range = document.createRange();
    range.setStart(document.getElementById("backdrop").firstChild, 0);
    range.setEndBefore(mark);
    return range.toString() === document.getElementById("draft").value.slice(0, range.toString().length);
  });
  assert.ok(aligned);
  const item = page.locator("#findings li", { hasText: "pick-your-brain" });
  await assert.doesNotReject(item.waitFor());
  assert.match(await item.textContent(), /asks for open-ended free time/);
  // specific-agenda fires on the same words: one finding, the other named.
  assert.match(await item.locator(".also").textContent(), /also: specific-agenda/);
  assert.equal(await page.locator("#findings li", { hasText: /^\S+ specific-agenda/ }).count(), 0);
  await item.locator("button.explain").click();
  assert.ok((await item.locator(".explain-text").textContent()).length > 40);
  assert.equal(await page.textContent("#detected"), "cold-request");

  await type(
    page,
    "Subject: Two questions about your backfill post\n\nHi Priya,\n\nYour post on idempotent backfills fixed a bug we had chased for weeks. Did you partition by day? Two lines over email would be plenty, and no worries if you are busy.\n\nThanks,\nLee\n",
  );
  assert.equal(await page.locator("#backdrop mark").count(), 0);
  assert.equal(await page.locator("#findings li").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a rule switch and the kind change what is found", async () => {
  const { page } = await open();
  await type(page, "Hi Jo,\n\nCould I pick your brain?\n\nBest,\nAl\n");
  assert.ok((await page.locator('#backdrop mark[data-rules~="pick-your-brain"]').count()) > 0);
  await page.click("#rules-panel summary");
  await page.uncheck('#rules input[data-rule="pick-your-brain"]');
  await page.waitForFunction(() => !document.querySelector('#backdrop mark[data-rules~="pick-your-brain"]'));
  await page.selectOption("#kind", "thank-you");
  await page.waitForFunction(() => document.getElementById("detected").textContent === "thank-you");
  await page.close();
});

// The time per draft is reported, not asserted (see lint.test.mjs).
test("the page reports its time per draft, and nothing leaves it", async () => {
  const { page } = await open();
  const draft = "Hi Jo,\n\nI'm a huge fan of your work. Could I pick your brain over coffee sometime next week?\n\n".repeat(10);
  const ms = await page.evaluate(async (text) => {
    const { check } = await import("./pkg/outreach_lint.mjs");
    check(text);
    const runs = 100;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) check(text);
    return (performance.now() - t0) / runs;
  }, draft);
  console.log(`# browser: ${ms.toFixed(3)} ms per draft of ${draft.split(/\s+/).length} words`);
  assert.ok(ms > 0, `${ms} ms`);
  // Only the page's own files were asked for.
  assert.ok(requests.every((p) => !p.includes("..")), requests.join(" "));
  await page.close();
});
