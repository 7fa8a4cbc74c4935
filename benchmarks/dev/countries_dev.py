"""Development set for country names: the variants of the ``countrynames`` package.

    pip install babel pyyaml; pip install --no-deps countrynames
    python benchmarks/dev/countries_dev.py [--show N] [--kind KIND]

``countrynames`` (OpenSanctions, MIT) maps the country names seen in sanctions lists and other
source data to ISO codes: common and official names in many languages, abbreviations, and
some misspellings. Its names are a source apart from both the gazetteer's CLDR names and the
held-out set (Debian's iso-codes translations in ``benchmarks/heldout/country_names.tsv``),
so they serve to look at failures while a rule is written; reported figures come from the
held-out set.

Each name of a code that the bundled gazetteer holds is a query for that country, unless it
normalises to a name the gazetteer already holds (those are exact hits and say nothing) or to
a name of another country. Queries are put in kinds: ``official`` (the name holds a name of
the country in some language, and more words), ``latin`` and ``script`` (the others, by
script). Beside namenorm, the naive scan of the held-out harness (``unidecode`` +
``rapidfuzz`` WRatio, cutoff 85) answers the same queries.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from babel import Locale

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "gazetteer" / "tools"))

from generate_cldr import UNMAPPED, territory_ids  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402
from unidecode import unidecode  # noqa: E402

from namenorm import Gazetteer, Resolver  # noqa: E402
from namenorm.normalize import normalize  # noqa: E402


def _data() -> dict[str, list[str]]:
    spec = importlib.util.find_spec("countrynames")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("countrynames is not installed: pip install --no-deps countrynames")
    path = Path(next(iter(spec.submodule_search_locations))) / "data.yaml"
    with open(path, encoding="utf-8") as fh:
        return {str(k).upper(): [str(n) for n in (v or [])] for k, v in yaml.safe_load(fh).items()}


def build(gaz: Gazetteer) -> list[dict[str, str]]:
    english = Locale.parse("en").territories
    ids = territory_ids(gaz, english)
    held: dict[str, set[str]] = defaultdict(set)  # normal form -> ids holding it
    for ent in gaz:
        for name in (*ent.all_names, *ent.weak_aliases):
            held[normalize(name)].add(ent.id)
    country_forms: dict[str, set[str]] = defaultdict(set)
    for ent in gaz:
        if ent.type == "country":
            country_forms[ent.id] = {normalize(n) for n in ent.all_names} - {""}
    owners: dict[str, set[str]] = defaultdict(set)
    data = _data()
    for code, names in data.items():
        if code in ids:
            for n in names:
                owners[normalize(n)].add(ids[code])
    rows = []
    seen: set[tuple[str, str]] = set()
    for code, names in sorted(data.items()):
        if code not in ids or code in UNMAPPED:
            continue
        want = ids[code]
        for name in names:
            norm = normalize(name)
            if not norm or norm in held or owners[norm] != {want} or (norm, want) in seen:
                continue
            seen.add((norm, want))
            padded = f" {norm} "
            if any(f" {f} " in padded for f in country_forms[want]):
                kind = "official"
            else:
                kind = "latin" if unidecode(name) == name or name.isascii() else "script"
            rows.append({"query": name, "expected_id": want, "kind": kind})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", type=int, default=0, help="print up to N failures of each kind")
    ap.add_argument("--kind", help="only this kind")
    args = ap.parse_args(argv)
    resolver = Resolver()
    gaz = resolver.gazetteer
    rows = build(gaz)
    if args.kind:
        rows = [r for r in rows if r["kind"] == args.kind]
    choices, owner = [], []
    for ent in gaz:
        for name in ent.all_names:
            choices.append(unidecode(name).lower())
            owner.append(ent.id)
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    shown: Counter[str] = Counter()
    for row in rows:
        kind, want = row["kind"], row["expected_id"]
        m = resolver.resolve(row["query"])
        got = m.entity.id if m else None
        hit = process.extractOne(unidecode(row["query"]).lower(), choices, scorer=fuzz.WRatio, score_cutoff=85)
        scan = owner[hit[2]] if hit else None
        stats[kind]["n"] += 1
        stats[kind]["namenorm"] += got == want
        stats[kind]["wrong"] += got is not None and got != want
        stats[kind]["scan"] += scan == want
        if got != want and shown[kind] < args.show:
            shown[kind] += 1
            extra = f" ({m.score:.3f} {m.reason} via {m.alias!r})" if m else ""
            print(f"  [{kind}] {row['query']!r}: want {want}, got {got}{extra}; scan {scan}")
    print(f"{'kind':10} {'n':>5} {'namenorm':>9} {'wrong':>6} {'scan':>6}")
    for kind, s in sorted(stats.items()):
        n = s["n"]
        print(f"{kind:10} {n:5d} {s['namenorm'] / n:9.3f} {s['wrong'] / n:6.3f} {s['scan'] / n:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
