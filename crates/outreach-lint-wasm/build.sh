#!/usr/bin/env bash
# Build the JavaScript package into pkg/: the WebAssembly module (size
# profile, then wasm-opt from npm's binaryen when installed), the glue
# module and its types.
set -euo pipefail
cd "$(dirname "$0")"
root=../..
cargo build --quiet -p outreach-lint-wasm --target wasm32-unknown-unknown --profile wasm
mkdir -p pkg
built="$root/target/wasm32-unknown-unknown/wasm/outreach_lint_wasm.wasm"
if [ -x node_modules/.bin/wasm-opt ]; then
    node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals -o pkg/outreach_lint.wasm "$built"
else
    cp "$built" pkg/outreach_lint.wasm
fi
cp js/outreach_lint.mjs js/outreach_lint.d.ts pkg/
# The playground loads the same files from its own folder.
mkdir -p "$root/playground/pkg"
cp pkg/* "$root/playground/pkg/"
echo "pkg/outreach_lint.wasm: $(wc -c <pkg/outreach_lint.wasm) bytes, $(gzip -9c pkg/outreach_lint.wasm | wc -c) gzipped"
