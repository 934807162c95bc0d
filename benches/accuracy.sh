#!/usr/bin/env bash
# Accuracy of the built-in rules on a labelled corpus of drafts: precision
# and recall per rule, from the JSON output.
#
#   benches/accuracy.sh [CORPUS] [-- score.py options]
#
# CORPUS is a folder of drafts with a labels.json beside them (default
# ../shared/eval-dev); the scorer is ../shared/tools/score.py. Both live
# outside this repository.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/eval-dev}
shift || true
[ "${1:-}" = "--" ] && shift
scorer=../shared/tools/score.py
for need in "$corpus/labels.json" "$scorer"; do
  if [ ! -e "$need" ]; then
    echo "accuracy: $need not found" >&2
    exit 2
  fi
done

cargo build --release --quiet
python3 "$scorer" --bin target/release/outreach-lint "$corpus" "$@"
