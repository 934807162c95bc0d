#!/usr/bin/env python3
"""Probe drafts written for this project, one folder per rule under
benches/probes/: `bad-*.txt` should get that rule's finding, `good-*.txt`
(a close call) must not. Prints, per rule, how many bad drafts were caught
and how many good ones were flagged, then every miss and false alarm.

    python3 benches/probes.py [--bin target/release/outreach-lint] [rule ...]

They were written in held-out rounds, each after the concepts had been
tuned on eval-dev and on the rounds before: round a (no infix), round b
(`*-b-*`), round c (`*-c-*`), round d (`*-d-*`), round e (`*-e-*`),
round f (`*-f-*`), round g (`*-g-*`), round h (`*-h-*`), round i
(`*-i-*`), round j (`*-j-*`), round k (`*-k-*`), round l (`*-l-*`),
round m (`*-m-*`), round n (`*-n-*`), round o (`*-o-*`), round p
(`*-p-*`), round q (`*-q-*`), round r (`*-r-*`), round s (`*-s-*`),
round t (`*-t-*`), round u (`*-u-*`), round v (`*-v-*`), round w
(`*-w-*`), round x (`*-x-*`), round y (`*-y-*`), round z (`*-z-*`), round aa
(`*-aa-*`), round ab (`*-ab-*`), round ac (`*-ac-*`),
round ad (`*-ad-*`). The
last lines give each round's totals; see the
README's Accuracy section for the figures before and after each round
was read.

`clean/` holds drafts a careful reviewer would send as they are: every
rule should stay silent on them. The last line counts those with any
finding, and those with an error.
"""
import argparse
import glob
import json
import os
import re
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
    rules = args.rules or sorted(r for r in os.listdir(ROOT) if r != "clean")
    totals = [0, 0, 0, 0]
    by_round = {}
    wrong = []
    print(f"{'rule':24} {'bad caught':>11} {'good flagged':>13}")
    for rule in rules:
        caught = bad = flagged = good = 0
        for path in sorted(glob.glob(os.path.join(ROOT, rule, "*.txt"))):
            hit = any(d["rule"] == rule for d in lint(args.bin, path)["diagnostics"])
            name = os.path.basename(path)
            infix = re.match(r"(?:bad|good)-([a-z]{1,2})-", name)
            r = by_round.setdefault(infix[1] if infix else "a", [0, 0, 0, 0])
            is_bad = name.startswith("bad-")
            r[0 if is_bad else 2] += hit
            r[1 if is_bad else 3] += 1
            if is_bad:
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
    for name, t in sorted(by_round.items(), key=lambda kv: (len(kv[0]), kv[0])):
        print(f"{'round ' + name:24} {t[0]:>5}/{t[1]:<5} {t[2]:>6}/{t[3]:<6}")
    if not args.rules:
        clean = sorted(glob.glob(os.path.join(ROOT, "clean", "*.txt")))
        flagged = errors = 0
        for path in clean:
            found = lint(args.bin, path)["diagnostics"]
            flagged += bool(found)
            errors += any(d["level"] == "error" for d in found)
            for d in found:
                wrong.append(f"clean {os.path.relpath(path, ROOT)}: {d['rule']}")
        print(f"{'clean drafts flagged':24} {flagged:>5}/{len(clean):<5} errors {errors}")
    for line in wrong:
        print(line)


if __name__ == "__main__":
    main()
