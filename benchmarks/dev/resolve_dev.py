"""Development set for resolving against a sanctions-style user gazetteer.

    python benchmarks/dev/resolve_dev.py [--show N]

From ``ofac_dev_aliases.txt`` (see ``pairs_dev.py``): a fifth of the records leave the gazetteer
and one of their names is an absent query; of every other record with two names or more one
name is held out as a query, the rest form its entry. Built the way
``benchmarks/heldout/generic/make_sanctions.py`` builds the held-out set, from other records.
For looking at failures while a rule is written; reported figures come from the held-out sets.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pairs_dev import groups  # noqa: E402

import namenorm  # noqa: E402


def build(seed: int = 11) -> tuple[list[dict], list[tuple[str, str | None]]]:
    rng = random.Random(seed)
    records, queries = [], []
    for gid, (typ, names) in sorted(groups().items()):
        names = list(names)
        rng.shuffle(names)
        if rng.random() < 0.2:
            queries.append((names[0], None))
            continue
        if len(names) >= 2:
            queries.append((names[0], "ofac:" + gid))
            names = names[1:]
        records.append({"id": "ofac:" + gid, "type": "individual" if typ == "person" else "entity",
                        "name": names[0], "aliases": names[1:]})
    return records, queries


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=60)
    args = ap.parse_args()
    records, queries = build()
    r = namenorm.Resolver(namenorm.Gazetteer.from_records(records))
    ok = fa = wrong = miss = 0
    out = []
    for q, exp in queries:
        m = r.resolve(q)
        got = m.entity.id if m else None
        if got == exp:
            ok += 1
            continue
        if exp is None:
            fa += 1
        elif got is None:
            miss += 1
        else:
            wrong += 1
        c = r.candidates(q, limit=2)
        top = [(x.entity.id, round(x.score, 3), x.reason, x.alias) for x in c]
        out.append((exp, got, q, top))
    n_abs = sum(1 for _, e in queries if e is None)
    print(f"queries {len(queries)} (absent {n_abs}); correct {ok/len(queries):.3f}; "
          f"false accepts {fa/n_abs:.3f}; wrong {wrong}; missed {miss}")
    for row in out[: args.show]:
        print(*row, sep="\t")


if __name__ == "__main__":
    main()
