"""The runner of the development sets that are a list of (name, expected entity id) pairs on the
bundled gazetteer: how many are answered right, then each failure (name, expected, answer)."""

from __future__ import annotations

from collections.abc import Sequence

import namenorm


def report(names: Sequence[tuple[str, str]]) -> None:
    """Resolve each name with the default resolver and print the share answered right and the
    failures; names whose expected id the gazetteer does not hold are left out."""
    r = namenorm.Resolver()
    known = {e.id for e in namenorm.Gazetteer.default()}
    rows = [(q, e) for q, e in names if e in known]
    right, out = 0, []
    for q, e in rows:
        m = r.resolve(q)
        if m is not None and m.entity.id == e:
            right += 1
        else:
            out.append((q, e, m.entity.id if m else None))
    print(f"names {len(rows)}; right {right / len(rows):.3f}")
    for row in out:
        print(*row, sep="\t")
