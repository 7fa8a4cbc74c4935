#!/usr/bin/env python3
"""Where a query's time goes, stage by stage, on a GeoNames user gazetteer of ``--size`` aliases.

    python benchmarks/stages.py [--size 1000000] [--sets exact,variant,absent,multiword] [--rounds 2]

The gazetteer and the query sets are those of ``run.py`` (prepared by it under
``benchmarks/.cache``; run ``run.py --sizes N`` once first). Each stage of ``Resolver.resolve``
is wrapped in a timer: normalisation, preparing the query, the index probe (its keys), gathering
candidates (including the probe), pre-ranking them in C and scoring the finalists. The figures
are microseconds per query (wall clock, the best of ``--rounds`` rounds over the set, the
resolver's answer memo emptied before each round). The timers add a little to each stage; the
total beside them is the whole ``resolve`` loop in the same round.

Compare two versions of namenorm by running this script with each on the path
(``PYTHONPATH=/other/checkout/src``), one after the other, on a quiet machine.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from nnbench.prepare import load_prepared, prepared_path  # noqa: E402
from nnbench.worker import with_multiword  # noqa: E402

import namenorm  # noqa: E402
import namenorm.index as index_module  # noqa: E402
import namenorm.resolve as resolve_module  # noqa: E402

STAGES = (("normalize", resolve_module, "normalize"), ("prepare", resolve_module, "prepare"),
          ("probe", index_module.AliasIndex, "probe"), ("gather", index_module.AliasIndex, "gather"),
          ("prerank", index_module.AliasIndex, "prerank"), ("score", resolve_module, "score_alias"))


def _timed(spent: dict[str, float], label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    clock = time.perf_counter

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += clock() - t

    return wrapper


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=1000, help="queries per set of the prepared data")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--sets", default="exact,variant,absent,multiword")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    path = prepared_path(HERE / ".cache", args.size, args.queries, args.seed)
    if not path.exists():
        print(f"no prepared data at {path}: run benchmarks/run.py --sizes {args.size} first", file=sys.stderr)
        return 2
    data = load_prepared(path)
    queries = with_multiword(data["queries"])
    t = time.perf_counter()
    resolver = namenorm.Resolver(namenorm.Gazetteer.from_records(data["records"]))
    resolver.index  # noqa: B018 - built before timing
    print(f"namenorm {namenorm.__file__}\n{args.size:,} aliases, built in {time.perf_counter() - t:.1f} s")
    gc.freeze()
    spent: dict[str, float] = defaultdict(float)
    for label, owner, attr in STAGES:
        setattr(owner, attr, _timed(spent, label, getattr(owner, attr)))
    print(f"{'set':10s} {'total':>8s} " + " ".join(f"{s[0]:>9s}" for s in STAGES) + "   (us per query)")
    for name in args.sets.split(","):
        items = [q["q"] for q in queries[name]]
        best: tuple[float, dict[str, float]] | None = None
        for _ in range(args.rounds):
            resolver._cache.clear()
            spent.clear()
            t = time.perf_counter()
            for q in items:
                resolver.resolve(q)
            total = time.perf_counter() - t
            if best is None or total < best[0]:
                best = (total, dict(spent))
        assert best is not None
        n = len(items)
        print(f"{name:10s} {best[0] / n * 1e6:8.1f} "
              + " ".join(f"{best[1].get(s[0], 0.0) / n * 1e6:9.1f}" for s in STAGES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
