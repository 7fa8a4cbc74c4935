"""Development negatives on the bundled gazetteer: other countries' bodies, made by rule.

    python benchmarks/dev/org_negatives_dev.py [--show N]

For every organisation of the bundled gazetteer whose name holds two words or more: the same
name for another country (its demonym or country name swapped for another's: "Tunisian National
Army" for the Libyan National Army, "Central Bank of Chad" for the Central Bank of Libya), and
the name with another country after it ("Presidential Council of Sudan"). None of them is the
listed body, so the right answer is none (or another listed entity of that name). For looking at
failures while a rule is written.
"""

from __future__ import annotations

import argparse
import random
import re

import namenorm

# (demonym, country) of the region's states, to swap one for another
STATES = (("Libyan", "Libya"), ("Egyptian", "Egypt"), ("Tunisian", "Tunisia"), ("Sudanese", "Sudan"),
          ("Chadian", "Chad"), ("Algerian", "Algeria"), ("Nigerien", "Niger"), ("Malian", "Mali"),
          ("Syrian", "Syria"), ("Iraqi", "Iraq"), ("Yemeni", "Yemen"), ("Lebanese", "Lebanon"),
          ("Moroccan", "Morocco"), ("Somali", "Somalia"), ("Jordanian", "Jordan"))


def queries(rng: random.Random) -> list[tuple[str, str]]:
    gaz = namenorm.Gazetteer.default()
    names = {namenorm.normalize(n) for e in gaz for n in e.all_names}
    out = []
    for e in gaz:
        if e.family != "org" or len(e.name.split()) < 2:
            continue
        made = []
        for dem, country in STATES:
            for word in (dem, country):
                if re.search(rf"\b{word}\b", e.name):
                    other_dem, other_country = rng.choice([s for s in STATES if s[0] != dem])
                    made.append(re.sub(rf"\b{word}\b", other_dem if word == dem else other_country, e.name))
        if not made:
            made.append(f"{e.name} of {rng.choice(STATES)[1]}")
        out.extend((q, e.id) for q in made if namenorm.normalize(q) not in names)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()
    qs = queries(random.Random(5))
    r = namenorm.Resolver()
    bad = []
    for q, eid in qs:
        m = r.resolve(q)
        if m is not None and m.entity.id == eid:
            bad.append((q, m.alias, m.score, m.reason))
    print(f"queries {len(qs)}; resolved to the listed body {len(bad)} ({len(bad) / len(qs):.3f})")
    for b in bad[: args.show]:
        print(*b, sep="\t")


if __name__ == "__main__":
    main()
