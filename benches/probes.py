#!/usr/bin/env python3
"""Probe drafts written for this project, one folder per rule under
benches/probes/: `bad-*.txt` should get that rule's finding, `good-*.txt`
(a close call) must not. Prints, per rule, how many bad drafts were caught
and how many good ones were flagged, then every miss and false alarm.

    python3 benches/probes.py [--bin target/release/outreach-lint] [rule ...]

They were written as a held-out round, in ten senders' voices, after the
concepts had been tuned on eval-dev and on earlier rounds; see the README's
Accuracy section for the figures before and after they were read.
"""
import argparse
import glob
import json
import os
import subprocess

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probes")


def lint(binary, path):
    out = subprocess.run(
        [binary, "--format", "json", "--fail-on", "never", path],
        capture_output=True, text=True, check=False,
    )
    if not out.stdout.strip():
        raise SystemExit(f"{path}: exit {out.returncode}: {out.stderr.strip()}")
    return json.loads(out.stdout)["files"][0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default="target/release/outreach-lint")
    parser.add_argument("rules", nargs="*")
    args = parser.parse_args()
    rules = args.rules or sorted(os.listdir(ROOT))
    totals = [0, 0, 0, 0]
    wrong = []
    print(f"{'rule':24} {'bad caught':>11} {'good flagged':>13}")
    for rule in rules:
        caught = bad = flagged = good = 0
        for path in sorted(glob.glob(os.path.join(ROOT, rule, "*.txt"))):
            hit = any(d["rule"] == rule for d in lint(args.bin, path)["diagnostics"])
            if os.path.basename(path).startswith("bad-"):
                bad += 1
                caught += hit
                if not hit:
                    wrong.append(f"miss  {os.path.relpath(path, ROOT)}")
            else:
                good += 1
                flagged += hit
                if hit:
                    wrong.append(f"false {os.path.relpath(path, ROOT)}")
        for i, n in enumerate((caught, bad, flagged, good)):
            totals[i] += n
        print(f"{rule:24} {caught:>5}/{bad:<5} {flagged:>6}/{good:<6}")
    print(f"{'total':24} {totals[0]:>5}/{totals[1]:<5} {totals[2]:>6}/{totals[3]:<6}")
    for line in wrong:
        print(line)


if __name__ == "__main__":
    main()
