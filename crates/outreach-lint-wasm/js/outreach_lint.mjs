// outreach-lint in JavaScript: a thin layer over the WebAssembly module's
// JSON interface (see src/lib.rs). Works in browsers and in Node.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let wasm = null;

/** Raised for bad options or configuration; `message` says what and where. */
export class LintError extends Error {
  constructor(message) {
    super(message);
    this.name = "LintError";
  }
}

async function bytesOf(source) {
  if (source === undefined) source = new URL("./outreach_lint.wasm", import.meta.url);
  if (typeof source === "string") source = new URL(source, import.meta.url);
  if (source instanceof URL) {
    if (source.protocol === "file:") {
      // Node: read the file; `fetch` does not take file URLs there.
      const { readFile } = await import("node:fs/promises");
      return readFile(source);
    }
    const response = await fetch(source);
    if (!response.ok) throw new LintError(`cannot load ${source}: HTTP ${response.status}`);
    return response.arrayBuffer();
  }
  return source;
}

/**
 * Load the module. Call once before `lint`; later calls do nothing.
 * `source` is the .wasm file's URL (by default next to this file), its
 * bytes, or a compiled `WebAssembly.Module`.
 */
export async function init(source) {
  if (wasm) return;
  const module =
    source instanceof WebAssembly.Module ? source : await WebAssembly.compile(await bytesOf(source));
  const instance = await WebAssembly.instantiate(module, {});
  wasm = instance.exports;
}

function ready() {
  if (!wasm) throw new LintError("call `await init()` before linting");
  return wasm;
}

/** Read and free an answer buffer: 4 bytes of length, then JSON. */
function answer(exports, ptr) {
  const len = new DataView(exports.memory.buffer, ptr, 4).getUint32(0, true);
  const json = decoder.decode(new Uint8Array(exports.memory.buffer, ptr + 4, len));
  exports.ol_free(ptr, len + 4);
  return JSON.parse(json);
}

function call(request) {
  const exports = ready();
  const bytes = encoder.encode(JSON.stringify(request));
  const ptr = exports.ol_alloc(bytes.length);
  new Uint8Array(exports.memory.buffer, ptr, bytes.length).set(bytes);
  const out = exports.ol_lint(ptr, bytes.length);
  exports.ol_free(ptr, bytes.length);
  const result = answer(exports, out);
  if (result.error !== undefined) throw new LintError(result.error);
  return result;
}

/**
 * Lint one draft and say which kind of message the rules ran for:
 * `{ kind, findings }`.
 */
export function check(text, options = {}) {
  if (typeof text !== "string") throw new LintError("the draft must be a string");
  return call({ ...options, text });
}

/** Lint one draft: an array of findings, in order of position. */
export function lint(text, options = {}) {
  return check(text, options).findings;
}

/** Every built-in rule: id, pack, level, summary, explain. */
export function rules() {
  const exports = ready();
  return answer(exports, exports.ol_rules());
}
