"""Development negatives: listed persons' names with an ending added to the surname, made by rule.

    python benchmarks/dev/name_endings_dev.py [--show N]

For every person of the bundled gazetteer with a name of two parts or more and a last part of
five letters or more: the name with a surname-forming ending added to the last part ("-ov",
"-ski", "-lar", "-ini", "-son", "-ler": "Sergei Lavrovski"). Such a name is another family's, so
the right answer is none (or a listed person of exactly that name). For looking at failures
while a rule is written; reported figures come from the held-out sets.
"""

from __future__ import annotations

import argparse
from collections import Counter

import namenorm

ENDINGS = ("ov", "ski", "lar", "ini", "son", "ler")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    gaz = namenorm.Gazetteer.default()
    r = namenorm.Resolver(gaz)
    listed = {namenorm.normalize(n) for e in gaz for n in e.all_names}
    wrong: Counter[str] = Counter()
    total: Counter[str] = Counter()
    shown = []
    for e in gaz:
        parts = e.name.split()
        if e.type != "person" or len(parts) < 2 or len(parts[-1]) < 5:
            continue
        for ending in ENDINGS:
            q = " ".join([*parts[:-1], parts[-1] + ending])
            if namenorm.normalize(q) in listed:
                continue
            total[ending] += 1
            m = r.resolve(q)
            if m is not None:
                wrong[ending] += 1
                shown.append((q, m.entity.id, m.reason, round(m.score, 3)))
    n, w = sum(total.values()), sum(wrong.values())
    print(f"queries {n}; resolved to a listed person {w} ({w / max(n, 1):.3f})")
    print("  by ending: " + ", ".join(f"-{k} {wrong[k]}/{total[k]}" for k in ENDINGS))
    for row in shown[:args.show]:
        print("\t".join(map(str, row)))


if __name__ == "__main__":
    main()
