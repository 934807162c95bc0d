#!/usr/bin/env python3
"""Times the Python package against the command line (see bindings.sh).

    python benches/bindings.py --bin target/release/outreach-lint \
        --corpus DIR --typical FILE

Prints medians: the CLI over the corpus folder, `Linter.lint_many` over the
same drafts (read into memory first, as a caller holds them), their
throughput ratio (the target is at least 0.8), and the time of one
`Linter.lint` call on the typical draft.
"""
import argparse
import os
import statistics
import subprocess
import time

import outreach_lint


def median_time(run, times):
    spans = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        spans.append(time.perf_counter() - start)
    return statistics.median(spans)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--typical", required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    names = sorted(os.listdir(args.corpus))
    texts = []
    for name in names:
        with open(os.path.join(args.corpus, name), encoding="utf-8") as f:
            texts.append(f.read())
    cli = [args.bin, "--no-config", "--format", "json", "--fail-on", "never", args.corpus]

    def run_cli():
        subprocess.run(cli, stdout=subprocess.DEVNULL, check=True)

    linter = outreach_lint.Linter()
    found = linter.lint_many(texts)  # warm: the patterns compile on first use
    assert len(found) == len(texts)
    cli_s = median_time(run_cli, args.runs)
    py_s = median_time(lambda: linter.lint_many(texts), args.runs)
    print(f"== {len(texts)} drafts, median of {args.runs} runs")
    print(f"command line (whole process, folder): {cli_s:.3f} s")
    print(f"Python lint_many (drafts in memory):  {py_s:.3f} s")
    print(f"throughput, Python / command line:    {cli_s / py_s:.2f} (target: at least 0.80)")

    with open(args.typical, encoding="utf-8") as f:
        typical = f.read()
    linter.lint(typical)
    calls = 2000
    per_call = median_time(lambda: [linter.lint(typical) for _ in range(calls)], args.runs) / calls
    print(f"== one Linter.lint call, typical {len(typical.split())}-word draft")
    print(f"Python: {per_call * 1e6:.1f} µs per call (target: within 2x the library's lint_typical)")


if __name__ == "__main__":
    main()
