"""Development positives: the bundled gazetteer's own spellings of each person, two by two.

    python benchmarks/dev/alias_pairs_dev.py [--show N]

Every pair of names in Latin letters, of two words or more, that the bundled gazetteer lists
for one person (*Sergej Lawrow* / *Sergueï Lavrov*, *Abdelmadjid Tebboune* / *Abdelmayid
Tebune*): real spellings of one name from the press of several languages, curated with their
sources. ``is_match`` told the type should say yes to them; a rule that makes two names of
another person tell apart (a surname with an ending added, another ending) is checked here for
the real variants it would lose. Some pairs are translations no spelling rule reaches, so the
figure to watch is the change, not the level. Reported figures come from the held-out sets.
"""

from __future__ import annotations

import argparse
import itertools

import namenorm
from namenorm._scoring import is_latin


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    pairs = []
    for ent in namenorm.Gazetteer.default():
        if ent.type == "person":
            names = [n for n in ent.all_names if is_latin(n) and len(n.split()) >= 2]
            pairs += itertools.combinations(names, 2)
    missed = [(a, b) for a, b in pairs if not namenorm.is_match(a, b, type="person")]
    print(f"pairs {len(pairs)}; matched {1 - len(missed) / max(len(pairs), 1):.3f}")
    for a, b in missed[:args.show]:
        print(a, b, namenorm.compare(a, b, type="person"), sep="\t")


if __name__ == "__main__":
    main()
