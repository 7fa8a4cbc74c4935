"""Prepare (and cache) one gazetteer size: its records, query sets and data statistics.

The result is one pickle per (size, queries per set, seed) so that a measuring process loads
only what it measures, which keeps its memory figures clean.
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path

from .data import SOURCE_LICENCE, SOURCE_NAME, Universe, data_tag
from .queries import KeyIndex, build_query_sets
from .text import COLLISION_KEY


def prepared_path(cache_dir: Path, size: int, n_per_set: int, seed: int) -> Path:
    return cache_dir / f"size{size}_q{n_per_set}_seed{seed}_{data_tag()}.pkl"


def prepare_size(uni: Universe, size: int, n_per_set: int, seed: int, cache_dir: Path, log=print) -> Path:
    path = prepared_path(cache_dir, size, n_per_set, seed)
    if path.exists():
        return path
    t0 = time.perf_counter()
    k = uni.prefix_for(size)
    entities = uni.entities[:k]
    heldout = uni.entities[k:]
    n_aliases = sum(1 + len(e.aliases) for e in entities)
    if n_aliases < size:
        log(f"[data] only {n_aliases:,} aliases available for requested size {size:,}")
    index = KeyIndex(entities)
    qs = build_query_sets(entities, heldout, index, n_per_set, seed, size)
    payload = {
        "size": size,
        "seed": seed,
        "records": [e.record() for e in entities],
        "queries": qs["sets"],
        "stats": {
            "source": SOURCE_NAME,
            "licence": SOURCE_LICENCE,
            "entities": len(entities),
            "aliases": n_aliases,
            "collision_key": COLLISION_KEY,
            **index.stats(),
            "heldout_entities": len(heldout),
            "queries": {name: len(v) for name, v in qs["sets"].items()},
            **qs["info"],
        },
    }
    with open(path, "wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    log(f"[data] size {size:,}: {len(entities):,} entities, {n_aliases:,} aliases, "
        f"queries {payload['stats']['queries']} ({time.perf_counter() - t0:.1f}s)")
    return path


def load_prepared(path: Path) -> dict:
    with open(path, "rb") as fh:
        return pickle.load(fh)
