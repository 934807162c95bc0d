#!/usr/bin/env bash
# The Python package's speed beside the command line's and the library's:
# `lint_many` over the 10,000-draft corpus against the release CLI on the
# same drafts (both on every core), and one `Linter.lint` call on the
# typical 250-word draft against the engine benchmark's `lint_typical`.
#
#   benches/bindings.sh
#
# Needs python3 with venv; maturin comes from PyPI into a temporary
# virtualenv, removed afterwards, with the wheel built in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=$(mktemp -d "${TMPDIR:-/tmp}/outreach-bindings.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
BIN=$(realpath target/release/outreach-lint)
cargo xtask corpus --out "$WORK/d10k" --count 10000
cargo xtask typical --out "$WORK/typical.txt"

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check maturin
"$WORK/venv/bin/maturin" build --quiet --release \
    --manifest-path crates/outreach-lint-py/Cargo.toml --out "$WORK/wheels"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "$WORK"/wheels/*.whl

"$WORK/venv/bin/python" benches/bindings.py --bin "$BIN" \
    --corpus "$WORK/d10k" --typical "$WORK/typical.txt"
echo "== the library, in process (divan; compare lint_typical's median)"
cargo bench --quiet -p outreach-lint --bench engine -- lint_typical
