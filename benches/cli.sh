#!/usr/bin/env bash
# Whole-process benchmark of the release binary, and the same 1,000 drafts
# through proselint for comparison.
#
#   benches/cli.sh                 # everything
#   SKIP_PROSELINT=1 benches/cli.sh
#   BIN=/path/to/outreach-lint benches/cli.sh   # time another build
#
# Needs hyperfine and GNU time (`apt-get install hyperfine time`) and, for
# the comparison, python3 with venv; proselint is installed from PyPI into a
# temporary virtualenv that is removed afterwards. The corpus is generated
# into a temporary directory by `cargo xtask corpus` (same seed, same bytes).
#
# The machine is shared: read the medians, and prefer instruction counts
# (valgrind --tool=callgrind) when comparing two builds of the engine.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/outreach-bench.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "cli.sh: $tool not found (apt-get install hyperfine time)" >&2; exit 2; }
done

if [[ -z "${BIN:-}" ]]; then
    cargo build --release --quiet
    BIN=target/release/outreach-lint
fi
BIN=$(realpath "$BIN")
cargo build --release --quiet -p xtask

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /' || true
"$BIN" --version

echo "== corpus"
cargo xtask corpus --out "$WORK/d1k" --count 1000
cargo xtask corpus --out "$WORK/d10k" --count 10000
ONE="$WORK/d1k/draft-00000.txt"
echo "1,000 drafts: $(du -sb "$WORK/d1k" | cut -f1) bytes; 10,000 drafts: $(du -sb "$WORK/d10k" | cut -f1) bytes"

# The folder form needs the CLI to walk directories; older builds only take
# files, so fall back to passing every file (xargs keeps one process when
# the list fits the command line, which it does for 10,000 short names here).
if "$BIN" --format json "$WORK/d1k" >/dev/null 2>&1 || [[ $? -eq 1 ]]; then
    FOLDER=1
    run_dir() { echo "$BIN --format json --fail-on never $1"; }
else
    FOLDER=0
    run_dir() { echo "cd $1 && $BIN --format json --fail-on never *.txt"; }
fi
echo "folder argument supported: $([[ $FOLDER == 1 ]] && echo yes || echo 'no (files passed explicitly)')"

echo "== wall time (hyperfine, $RUNS runs; medians are the figures to quote)"
hyperfine --warmup 3 --runs "$RUNS" -N --style basic \
    --export-json "$WORK/one.json" \
    "$BIN --format json --fail-on never $ONE"
hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$WORK/dirs.json" \
    -n "1,000 drafts" "$(run_dir "$WORK/d1k") >/dev/null" \
    -n "10,000 drafts" "$(run_dir "$WORK/d10k") >/dev/null"

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join('%s=%.4f' % (x['command'], x['median']) for x in r))" "$1"; }
echo "medians (s): $(median "$WORK/one.json")"
echo "medians (s): $(median "$WORK/dirs.json")"

echo "== peak memory (GNU time, maximum resident set size)"
peak() { /usr/bin/time -v bash -c "$1 >/dev/null" 2>&1 | awk -F': ' '/Maximum resident/ {print $2 " KiB"}'; }
echo "one draft:     $(peak "$BIN --format json --fail-on never $ONE")"
echo "1,000 drafts:  $(peak "$(run_dir "$WORK/d1k")")"
echo "10,000 drafts: $(peak "$(run_dir "$WORK/d10k")")"

if [[ -n "${SKIP_PROSELINT:-}" ]]; then
    exit 0
fi
echo "== proselint on the same 1,000 drafts"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check proselint
echo "proselint $("$WORK/venv/bin/pip" show proselint | awk '/^Version/ {print $2}')"
# proselint keeps a result cache under $HOME; point it at the temp dir so
# every run does the work and nothing is left behind.
export XDG_CACHE_HOME="$WORK/cache" HOME="$WORK/home"
mkdir -p "$HOME"
PROSE_RUNS=${PROSE_RUNS:-3}
hyperfine --warmup 1 --runs "$PROSE_RUNS" --style basic -i --export-json "$WORK/prose.json" \
    -n "proselint, 1,000 drafts" "cd $WORK/d1k && $WORK/venv/bin/proselint check *.txt >/dev/null" \
    -n "outreach-lint, 1,000 drafts" "$(run_dir "$WORK/d1k") >/dev/null"
python3 - "$WORK/prose.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
prose, ours = r[0]["median"], r[1]["median"]
print(f"proselint median {prose:.3f} s, outreach-lint median {ours:.4f} s: {prose / ours:.0f}x faster")
EOF
