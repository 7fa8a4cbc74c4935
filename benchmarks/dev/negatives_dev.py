"""Development negatives on the bundled gazetteer: relatives and namesakes made by rule.

    python benchmarks/dev/negatives_dev.py [--show N]

For every person of the bundled gazetteer with a name of two parts or more: the surname with
another common given name in front ("Saddam Haftar" for Khalifa Haftar), and the whole name
with another given name in front ("Ali Khalifa Haftar"). None of them is the listed person, so
the right answer is none (or another listed person of that name). For looking at failures while
a rule is written; reported figures come from ``benchmarks/heldout/negatives.tsv``.
"""

from __future__ import annotations

import argparse
import random

import namenorm

GIVEN = ("Ali", "Omar", "Yusuf", "Hassan", "Ibrahim", "Karim", "Samir", "Tarek", "Nadia", "Maria",
         "John", "Peter", "Anna", "Elena", "Sergei", "Olga", "Paolo", "Jean", "Klaus", "Mehmet")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()
    rng = random.Random(3)
    gaz = namenorm.Gazetteer.default()
    r = namenorm.Resolver(gaz)
    names = {namenorm.normalize(n) for e in gaz for n in e.all_names}
    queries = []
    for e in gaz:
        if e.family != "person":
            continue
        parts = e.name.split()
        if len(parts) < 2:
            continue
        g = rng.choice([x for x in GIVEN if x != parts[0]])
        for q in (f"{g} {parts[-1]}", f"{g} {e.name}"):
            if namenorm.normalize(q) not in names:
                queries.append((q, e.id))
    bad = []
    for q, eid in queries:
        m = r.resolve(q)
        if m is not None and m.entity.id == eid:
            bad.append((q, m.alias, m.score, m.reason))
    print(f"queries {len(queries)}; resolved to the listed person {len(bad)} "
          f"({len(bad) / len(queries):.3f})")
    for b in bad[: args.show]:
        print(*b, sep="\t")


if __name__ == "__main__":
    main()
