"""Development pairs for tuning the pair scorer, disjoint from the held-out sets.

    python benchmarks/dev/pairs_dev.py [--show N]

Pairs are built from ``ofac_dev_aliases.txt`` the way ``benchmarks/heldout/generic/make_pairs.py``
builds its OFAC pairs (two names of one record are a positive; names of two records of one type
that share a word are a negative), from OFAC entity numbers that no held-out set uses. A name in
``SURNAME, Given`` form is a person, any other an organisation. This set is for looking at
failures while a rule is written; figures for the issues come from the held-out sets.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from nnbench.generic import loose_key  # noqa: E402

import namenorm  # noqa: E402


def groups() -> dict[str, tuple[str, list[str]]]:
    out: dict[str, tuple[str, list[str]]] = {}
    for line in (HERE / "ofac_dev_aliases.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        gid, name = line.split("|", 1)
        typ = "person" if "," in name and not any(
            f in name.upper() for f in (" S.A.", " LTD", " C.V.", " CO.")) else "org"
        out.setdefault(gid, (typ, []))[1].append(name)
    return out


def pairs(seed: int = 7) -> list[tuple[str, str, int, str]]:
    rng = random.Random(seed)
    g = groups()
    words: dict[tuple[str, str], set[str]] = defaultdict(set)
    for gid, (typ, names) in g.items():
        for n in names:
            for w in loose_key(n).split():
                if len(w) >= 3:
                    words[(typ, w)].add(gid)
    rows = []
    for gid, (typ, names) in sorted(g.items()):
        for a, b in rng.sample(list(itertools.combinations(names, 2)),
                               min(3, len(names) * (len(names) - 1) // 2)):
            rows.append((a, b, 1, typ))
        near = sorted({o for n in names for w in loose_key(n).split() if len(w) >= 3
                       for o in words[(typ, w)]} - {gid})
        for other in rng.sample(near, min(2, len(near))):
            rows.append((rng.choice(names), rng.choice(g[other][1]), 0, typ))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()
    rows = pairs()
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    misses = []
    t0 = time.perf_counter()
    for a, b, label, typ in rows:
        s = namenorm.compare(a, b, type=typ)
        pred = namenorm.is_match(a, b, type=typ)
        c = by[typ]
        c[0 if pred and label else 1 if pred else 2 if label else 3] += 1
        if pred != bool(label):
            misses.append((label, typ, round(s, 3), a, b))
    dt = time.perf_counter() - t0
    for typ, (tp, fp, fn, tn) in sorted(by.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{typ:7} n={tp+fp+fn+tn:4} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    tp = sum(c[0] for c in by.values()); fp = sum(c[1] for c in by.values())
    fn = sum(c[2] for c in by.values())
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"all     n={len(rows):4} P {p:.3f} R {r:.3f} F1 {2*p*r/(p+r):.3f}  {len(rows)/dt:.0f} pairs/s")
    for m in misses[: args.show]:
        print(*m, sep="\t")


if __name__ == "__main__":
    main()
