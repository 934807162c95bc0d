#!/usr/bin/env bash
# Accuracy of the built-in rules on a labelled corpus of drafts: precision,
# recall and F1 per rule, from the JSON output, on the whole corpus and on
# each part of its split by source.
#
#   benches/accuracy.sh [CORPUS] [-- score.py options]
#
# CORPUS is a folder of drafts with a labels.json beside them (default
# ../shared/eval-dev); the scorer is ../shared/tools/score.py. Both live
# outside this repository.
#
# The split (`--part tune` and `--part check`) keeps whole sources
# together: rules are read against the tune part's misses, the check
# part's figures only watched. A rule that fits its examples rather than
# the problem scores well on tune and worse on check; the gap is the
# figure to watch.
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
for part in all tune check; do
  echo "== $part"
  if [ "$part" = all ]; then
    python3 "$scorer" --bin target/release/outreach-lint "$corpus" "$@"
  else
    python3 "$scorer" --bin target/release/outreach-lint "$corpus" --part "$part" "$@"
  fi
done
