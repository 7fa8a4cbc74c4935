"""Build ``pairs.tsv``: labelled name pairs (person, org, place, vessel; many scripts).

    python benchmarks/heldout/generic/make_pairs.py

Sources (see README.md): a.k.a. groups of the OFAC lists outside the range the sanctions
gazetteer uses (``sources/ofac_alias_groups.txt``), the native-script names of some of those
entities (``sources/native_script_names.txt``), GeoNames places outside the world-places
gazetteer and its absent names (``nnbench.generic.place_universe``), and the vessel names of
``sources/vessels.txt``. Seeded and deterministic; nothing here looks at any matcher.

Positives: two names of one group (never a name marked ``~``: a cover name or a translation),
a native-script name with a Latin name of its group, a place's name with one of its GeoNames
alternate names. Negatives: names of two groups of the same type that share a word (hard:
relatives, sister companies, generic words), a native-script name with another group's Latin
name, two places of one country whose names begin alike.
"""

from __future__ import annotations

import csv
import itertools
import random
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from nnbench.generic import loose_key, place_universe  # noqa: E402

SEED = 20240616
TYPE = {"individual": "person", "entity": "org", "vessel": "vessel"}
MAX_POS_PER_GROUP = 3
MAX_NEG_PER_GROUP = 2
N_PLACE_POS = 150
N_PLACE_NEG = 150
PLACE_SLICE = slice(3000, 5000)  # of the places after the gazetteer (absent queries excluded)


def _groups(path: Path) -> dict[str, tuple[str, list[tuple[str, bool]]]]:
    groups: dict[str, tuple[str, list[tuple[str, bool]]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        gid, typ, name = line.split("|", 2)
        cover = name.startswith("~")
        groups.setdefault(gid, (TYPE[typ], []))[1].append((name.lstrip("~"), cover))
    return groups


def _script(s: str) -> str:
    for c in s:
        if c.isalpha():
            n = unicodedata.name(c, "")
            return n.split(" ")[0] if n else ""
    return ""


def main() -> None:
    rng = random.Random(SEED)
    rows: list[tuple[str, str, str, str, str, str]] = []
    src = HERE / "sources"

    groups = _groups(src / "ofac_alias_groups.txt")
    words: dict[tuple[str, str], set[str]] = defaultdict(set)
    for gid, (typ, names) in groups.items():
        for n, _ in names:
            for w in loose_key(n).split():
                if len(w) >= 3:
                    words[(typ, w)].add(gid)
    for gid, (typ, names) in sorted(groups.items()):
        spell = [n for n, cover in names if not cover]
        pairs = list(itertools.combinations(spell, 2))
        for a, b in rng.sample(pairs, min(MAX_POS_PER_GROUP, len(pairs))):
            rows.append((a, b, "1", typ, "ofac-aka", f"two a.k.a. of {gid}"))
        near = sorted({g for n in spell for w in loose_key(n).split() if len(w) >= 3
                       for g in words[(typ, w)]} - {gid})
        for other in rng.sample(near, min(MAX_NEG_PER_GROUP, len(near))):
            o_spell = [n for n, c in groups[other][1] if not c] or [n for n, _ in groups[other][1]]
            a, b = rng.choice(spell or [n for n, _ in names]), rng.choice(o_spell)
            shared = sorted(set(loose_key(a).split()) & set(loose_key(b).split()))
            note = f"{gid} vs {other}" + (f"; share {' '.join(shared)}" if shared else "; share a word in other names")
            rows.append((a, b, "0", typ, "ofac-aka", note))

    native: dict[str, list[str]] = defaultdict(list)
    for line in (src / "native_script_names.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gid, _, name = line.split("|", 2)
            native[gid].append(name)
    gids = sorted(native)
    for gid in gids:
        typ, names = groups[gid]
        latin = [n for n, c in names if not c]
        for nat in native[gid]:
            rows.append((nat, rng.choice(latin), "1", typ, "native-script", f"{_script(nat).lower()} vs Latin, {gid}"))
            same_type = [g for g in gids if g != gid and groups[g][0] == typ]
            other = rng.choice(same_type)
            o_latin = [n for n, c in groups[other][1] if not c]
            rows.append((nat, rng.choice(o_latin), "0", typ, "native-script",
                         f"{_script(nat).lower()} name of {gid} vs Latin name of {other}"))

    for line in (src / "vessels.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b, label, note = line.split("|", 3)
            rows.append((a, b, label, "vessel", "vessel", note))

    _, outside = place_universe(outside=PLACE_SLICE.stop)
    used = set()
    with open(HERE / "places_queries.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            used.add(row["expected_id"] or row["note"].split(" ")[0])
    pool = [p for p in outside[PLACE_SLICE] if p.id not in used]
    n_pos = 0
    for p in rng.sample(pool, len(pool)):
        if n_pos >= N_PLACE_POS:
            break
        name_key = loose_key(p.name)
        alts = [a for a in p.aliases if loose_key(a) != name_key]
        if not alts:
            continue
        other_script = [a for a in alts if _script(a) not in ("LATIN", "")]
        latin = [a for a in alts if _script(a) == "LATIN"]
        pick = rng.choice(other_script) if other_script and (not latin or rng.random() < 0.6) else rng.choice(latin)
        rows.append((p.name, pick, "1", "place", "geonames", f"{p.id} ({p.country}), {_script(pick).lower()} alternate name"))
        n_pos += 1
    by_country_prefix: dict[tuple[str, str], list] = defaultdict(list)
    for p in pool:
        k = loose_key(p.name).replace(" ", "")
        if len(k) >= 4:
            by_country_prefix[(p.country, k[:4])].append(p)
    buckets = [v for _, v in sorted(by_country_prefix.items()) if len(v) >= 2]
    rng.shuffle(buckets)
    n_neg = 0
    for bucket in buckets:
        if n_neg >= N_PLACE_NEG:
            break
        a, b = rng.sample(bucket, 2)
        if loose_key(a.name) == loose_key(b.name):
            continue
        rows.append((a.name, b.name, "0", "place", "geonames", f"{a.id} vs {b.id}, both in {a.country}"))
        n_neg += 1
    while n_neg < N_PLACE_NEG:  # cross-script negatives: another place's name in another script
        a, b = rng.sample(pool, 2)
        alts = [x for x in b.aliases if _script(x) not in ("LATIN", "")]
        if a.country == b.country and alts:
            rows.append((a.name, rng.choice(alts), "0", "place", "geonames", f"{a.id} vs a name of {b.id}, both in {a.country}"))
            n_neg += 1

    seen = set()
    out = []
    for r in rows:
        key = (r[0], r[1])
        if key in seen or (r[1], r[0]) in seen or r[0] == r[1] and r[2] == "0":
            continue
        seen.add(key)
        out.append(r)
    with open(HERE / "pairs.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        w.writerow(["a", "b", "label", "type", "source", "note"])
        for r in out:
            assert all("\t" not in c for c in r)
            w.writerow(r)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for r in out:
        counts[(r[3], r[2])] += 1
    print(len(out), dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
