"""Build the sanctions-style user gazetteer and its held-out queries from the OFAC SDN extract.

    python benchmarks/heldout/generic/make_sanctions.py

Reads ``sources/ofac_sdn_region_a.sdn.txt`` (ent_num|type|primary name, one SDN record a line)
and ``sources/ofac_sdn_region_a.alt.txt`` (ent_num|aka-fka-nka|alias), both transcribed from the
public ``sdn.csv`` / ``alt.csv`` files (see README.md), and writes, deterministically (seeded):

- ``sanctions_gazetteer.jsonl``: the user gazetteer, one record a line
  (``id``, ``type``, ``name``, ``aliases``), ids ``ofac:<ent_num>``, types as the list gives them
  (``individual``, ``entity``, ``vessel``);
- ``sanctions_queries.tsv``: ``query``, ``expected_id`` (empty = the name is absent and the right
  answer is no answer), ``kind`` (``heldout_alias`` or ``absent``), ``note``.

Split: a fifth of the records (stratified by type) leave the gazetteer whole; their primary name
and one alias become absent queries. Of every remaining record with aliases, about half of the
aliases are held out as queries (at least one alias stays in the gazetteer when there are two or
more; a lone alias is held out with probability one half). Nothing here looks at any matcher.
"""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"
SEED = 20240614
ABSENT_SHARE = 0.2


def _key(s: str) -> str:
    """A loose comparison key (no matcher knowledge): ASCII-folded, lower case, words only."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", s))


def _load() -> tuple[dict[str, tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    sdn: dict[str, tuple[str, str]] = {}
    for line in (SRC / "ofac_sdn_region_a.sdn.txt").read_text(encoding="utf-8").splitlines():
        ent, typ, name = line.split("|", 2)
        sdn[ent] = ("entity" if typ == "-0-" else typ, name)
    alt: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in (SRC / "ofac_sdn_region_a.alt.txt").read_text(encoding="utf-8").splitlines():
        ent, kind, name = line.split("|", 2)
        alt[ent].append((kind, name))
    return sdn, alt


def main() -> None:
    sdn, alt = _load()
    rng = random.Random(SEED)
    by_type: dict[str, list[str]] = defaultdict(list)
    for ent, (typ, _) in sorted(sdn.items(), key=lambda kv: int(kv[0])):
        by_type[typ].append(ent)
    absent: set[str] = set()
    for typ, ents in sorted(by_type.items()):
        k = round(len(ents) * ABSENT_SHARE)
        absent.update(rng.sample(ents, k))

    records = []
    queries: list[tuple[str, str, str, str]] = []
    for ent in sorted(sdn, key=int):
        typ, name = sdn[ent]
        aliases = [a for _, a in alt.get(ent, [])]
        if ent in absent:
            queries.append((name, "", "absent", f"primary name of ofac:{ent} ({typ}), left out"))
            if aliases:
                queries.append((rng.choice(aliases), "", "absent", f"a.k.a. of ofac:{ent} ({typ}), left out"))
            continue
        held: list[str] = []
        if len(aliases) >= 2:
            held = rng.sample(aliases, len(aliases) // 2)
        elif len(aliases) == 1 and rng.random() < 0.5:
            held = list(aliases)
        kept = [a for a in aliases if a not in held]
        records.append({"id": f"ofac:{ent}", "type": typ, "name": name, "aliases": kept})
        for a in held:
            queries.append((a, f"ofac:{ent}", "heldout_alias", f"held-out a.k.a. of ofac:{ent} ({typ})"))

    # A query whose loose key is a name of another gazetteer record is ambiguous by nature: drop it.
    owners: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for n in (r["name"], *r["aliases"]):
            owners[_key(n)].add(r["id"])
    kept_q = []
    for q, want, kind, note in queries:
        others = owners.get(_key(q), set()) - {want}
        if others:
            continue
        kept_q.append((q, want, kind, note))

    with open(HERE / "sanctions_gazetteer.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(HERE / "sanctions_queries.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n", escapechar=None)
        w.writerow(["query", "expected_id", "kind", "note"])
        for row in kept_q:
            assert all("\t" not in c and "\n" not in c for c in row)
            w.writerow(row)
    n_alias = sum(len(r["aliases"]) for r in records)
    print(f"gazetteer: {len(records)} records, {len(records) + n_alias} names; "
          f"queries: {sum(k == 'heldout_alias' for _, _, k, _ in kept_q)} held-out, "
          f"{sum(k == 'absent' for _, _, k, _ in kept_q)} absent; dropped {len(queries) - len(kept_q)}")


if __name__ == "__main__":
    main()
