"""Measurements for one gazetteer size: one part ("namenorm" or "baselines") per process.

A fresh process per size and part keeps the memory figures free of whatever ran before and lets
the parent give up on a part that takes too long without losing the others.

Memory: ``peak_rss_delta_mb`` is the kernel's peak resident set size during the build minus the
resident size just before it (VmHWM after resetting it through /proc/self/clear_refs; the method
used is recorded). ``retained_rss_delta_mb`` is the resident size after the build minus before.
With ``--tracemalloc`` the build is repeated under tracemalloc and its peak of Python
allocations is reported too (tracemalloc slows the build down several times, so that second
build is not timed).
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
import traceback
import tracemalloc
from pathlib import Path

from . import adapter
from .measure import latency_stats, peak_kb, reset_peak, rss_kb, settle
from .prepare import load_prepared

SETS = ("exact", "variant", "absent", "multiword")


def with_multiword(queries: dict) -> dict:
    """The query sets plus ``multiword``: the variant queries of two words or more (real
    multi-word names with realistic spelling noise; glued ``nospace`` variants excluded)."""
    multi = [q for q in queries["variant"] if len(q["q"].split()) >= 2 and q["kind"] != "nospace"]
    return {**queries, "multiword": multi}


def _quantiles(values: list[float]) -> dict | None:
    if not values:
        return None
    v = sorted(values)
    pick = lambda q: round(v[min(len(v) - 1, int(q * len(v)))], 4)  # noqa: E731
    return {"min": round(v[0], 4), "p10": pick(0.10), "p50": pick(0.50), "p90": pick(0.90),
            "max": round(v[-1], 4)}


def evaluate(queries: list[dict], got: list[dict], max_failures: int) -> dict:
    """Accuracy for sets with answers, false accepts for the absent set, per kind of query."""
    by_kind: dict[str, list[int]] = {}
    failures = []
    correct_scores, fa_scores = [], []
    n_correct = n_none = n_wrong = n_accept = 0
    absent = all(q["expected"] is None for q in queries)
    for q, g in zip(queries, got, strict=True):
        kind = q["kind"]
        stats = by_kind.setdefault(kind, [0, 0])
        stats[1] += 1
        if absent:
            if g["id"] is not None:
                n_accept += 1
                stats[0] += 1
                if g.get("score") is not None:
                    fa_scores.append(g["score"])
                if len(failures) < max_failures:
                    failures.append({"q": q["q"], "kind": kind, "got": g})
            continue
        if g["id"] == q["expected"]:
            n_correct += 1
            stats[0] += 1
            if g.get("score") is not None:
                correct_scores.append(g["score"])
        else:
            if g["id"] is None:
                n_none += 1
            else:
                n_wrong += 1
            if len(failures) < max_failures:
                failures.append({"q": q["q"], "kind": kind, "source": q.get("source"),
                                 "expected": q["expected"], "got": g})
    n = len(queries)
    if absent:
        return {
            "false_accept_rate": round(n_accept / n, 4) if n else None,
            "false_accept_by_kind": {k: round(a / t, 4) for k, (a, t) in sorted(by_kind.items())},
            "false_accept_scores": _quantiles(fa_scores),
            "examples": failures,
        }
    return {
        "accuracy_at_1": round(n_correct / n, 4) if n else None,
        "no_answer_rate": round(n_none / n, 4) if n else None,
        "wrong_answer_rate": round(n_wrong / n, 4) if n else None,
        "accuracy_by_kind": {k: round(c / t, 4) for k, (c, t) in sorted(by_kind.items())},
        "correct_scores": _quantiles(correct_scores),
        "examples": failures,
    }


# -- namenorm ---------------------------------------------------------------------------------

def _timed_loop(fn, queries: list[dict]) -> tuple[list[int], float, list]:
    out = []
    lat = []
    errors = 0
    clock = time.perf_counter_ns
    settle()
    t0 = time.perf_counter()
    for item in queries:
        q = item["q"]
        t = clock()
        try:
            r = fn(q)
        except Exception as exc:  # noqa: BLE001 - counted and reported, never fatal
            r = exc
            errors += 1
        lat.append(clock() - t)
        out.append(r)
    wall = time.perf_counter() - t0
    return lat, wall, out


def measure_namenorm(nn: adapter.Namenorm, data: dict, cfg: dict, log) -> dict:
    res: dict = {"available": nn.can_resolve}
    if not nn.can_resolve:
        res["skipped"] = f"namenorm cannot resolve yet: {nn.error or 'missing ' + ', '.join(nn.missing)}"
        return res
    records = data["records"]
    queries = with_multiword(data["queries"])
    first_q = queries["exact"][0]["q"]

    settle()
    rss0 = rss_kb()
    method = reset_peak()
    t0 = time.perf_counter()
    ambiguous: list[str] | None = None
    try:
        gaz = adapter.build_gazetteer(nn, records)
    except Exception as exc:  # noqa: BLE001
        msg = f"{type(exc).__name__}: {exc}"
        log(f"  from_records failed ({msg[:200]})")
        if "is also a name of" in msg:
            # shared_aliases="ambiguous" did not take: declare the shared aliases explicitly
            # (computed outside the timed region) and time the build again.
            ambiguous = adapter.shared_aliases(nn, records)
            res["build_workaround"] = {
                "reason": msg[:300],
                "action": f"from_records(..., ambiguous=<{len(ambiguous)} shared normalised aliases>, "
                          "shared_aliases='ambiguous'); the list was computed outside the timed build",
            }
        elif "empty" in msg:
            records, dropped = adapter.sanitize_records(nn, records)
            res["build_workaround"] = {"reason": msg[:300], "action": f"dropped {dropped} aliases that normalise to ''"}
        else:
            raise
        log(f"  workaround: {res['build_workaround']['action']}")
        settle()
        rss0 = rss_kb()
        method = reset_peak()
        t0 = time.perf_counter()
        gaz = adapter.build_gazetteer(nn, records, ambiguous)
    t1 = time.perf_counter()
    resolver = adapter.make_resolver(nn, gaz)
    t2 = time.perf_counter()
    resolver.resolve(first_q)
    t3 = time.perf_counter()
    peak = peak_kb(method)
    settle()
    rss1 = rss_kb()
    res["build"] = {
        "gazetteer_from_records_s": round(t1 - t0, 3),
        "resolver_init_s": round(t2 - t1, 3),
        "first_resolve_s": round(t3 - t2, 4),
        "total_s": round(t3 - t0, 3),
        "peak_rss_delta_mb": round((peak - rss0) / 1024, 1),
        "retained_rss_delta_mb": round((rss1 - rss0) / 1024, 1),
        "memory_method": f"{method} peak minus RSS before the build (kB from /proc)",
    }
    log(f"  namenorm build {t3 - t0:.2f}s (from_records {t1 - t0:.2f}s, Resolver() {t2 - t1:.2f}s, "
        f"first resolve {t3 - t2:.3f}s), peak +{(peak - rss0) / 1024:.0f} MB")

    if cfg.get("tracemalloc"):
        del resolver, gaz
        settle()
        tracemalloc.start()
        g2 = adapter.build_gazetteer(nn, records, ambiguous)
        r2 = adapter.make_resolver(nn, g2)
        r2.resolve(first_q)
        _, tpeak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        res["build"]["tracemalloc_peak_mb"] = round(tpeak / 2**20, 1)
        gaz, resolver = g2, r2

    res["sets"] = {}
    for name in SETS:
        qs = queries[name]
        adapter.clear_result_cache(resolver)
        lat, wall, out = _timed_loop(resolver.resolve, qs)
        got = [{"id": None, "error": repr(r)[:200]} if isinstance(r, Exception) else adapter.match_info(r)
               for r in out]
        entry = {"latency": latency_stats(lat, wall), "errors": sum(isinstance(r, Exception) for r in out)}
        entry.update(evaluate(qs, got, cfg["max_examples"]))
        cap = cfg.get("baseline_cap")
        if cap and cap < len(qs):
            # The brute-force baselines answer only the first ``cap`` queries of a set at this
            # size: namenorm's figures on those same queries, for a comparison like for like.
            same = evaluate(qs[:cap], got[:cap], 0)
            entry["on_baseline_sample"] = {"queries": cap, **{k: same[k] for k in (
                "accuracy_at_1", "no_answer_rate", "wrong_answer_rate", "false_accept_rate") if k in same}}
        res["sets"][name] = entry
        log(f"  namenorm {name:8s} p50 {entry['latency']['p50_us']:>9.1f} us  "
            + (f"acc@1 {entry['accuracy_at_1']:.3f}" if "accuracy_at_1" in entry
               else f"false-accept {entry['false_accept_rate']:.3f}"))

    # candidates(): latency and recall@5 on a sample of the variant set
    if hasattr(resolver, "candidates"):
        sample = queries["variant"][: cfg["candidates_sample"]]
        lat, wall, out = _timed_loop(lambda q: resolver.candidates(q, limit=5), sample)
        hits = 0
        for item, r in zip(sample, out, strict=True):
            if not isinstance(r, Exception) and any(adapter.match_entity_id(m) == item["expected"] for m in r or ()):
                hits += 1
        res["candidates"] = {"limit": 5, "latency": latency_stats(lat, wall),
                             "recall_at_5": round(hits / len(sample), 4) if sample else None,
                             "errors": sum(isinstance(r, Exception) for r in out)}

    if cfg.get("save_load", True):
        res["save_load"] = _save_load(nn, resolver, queries, cfg)
    if cfg.get("workers_names") and cfg.get("workers_min_aliases", 0) <= data["stats"]["aliases"] \
            <= cfg.get("workers_max_aliases", 0):
        res["workers"] = _workers(nn, resolver, records, cfg, log)
    return res


def _worker_names(records: list[dict], n: int, seed: int) -> list[str]:
    """``n`` distinct names: aliases with case noise and aliases with one letter dropped."""
    import random

    rng = random.Random(f"{seed}:workers")
    aliases = [a for r in records for a in (r["name"], *r.get("aliases", ())) if len(a) >= 4]
    out: dict[str, None] = {}
    tries = 0
    while len(out) < n and tries < n * 5:
        tries += 1
        a = rng.choice(aliases)
        if rng.random() < 0.5:
            q = a.lower() if rng.random() < 0.5 else a.upper()
        else:
            i = rng.randrange(1, len(a))
            q = a[:i] + a[i + 1:]
        out[q] = None
    return list(out)


def _burn(n: int) -> int:
    """Pure-Python CPU work: the control task of the workers measurement."""
    s = 0
    for i in range(n):
        s += i * i
    return s


def _cpu_control() -> dict:
    """What two processes give over one on this machine right now, for plain CPU-bound Python
    (the same pool as resolve_many's, forked): the ceiling of the workers speed-up when other
    work shares the cores. Best of two rounds each."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    best = {}
    for w in (1, 2, 1, 2):
        t0 = time.perf_counter()
        with ctx.Pool(w) as pool:
            pool.map(_burn, [2_000_000] * 8, chunksize=1)
        best[w] = min(best.get(w, float("inf")), time.perf_counter() - t0)
    return {"seconds_1": round(best[1], 3), "seconds_2": round(best[2], 3),
            "speedup_2_vs_1": round(best[1] / best[2], 2)}


def _workers(nn: adapter.Namenorm, resolver, records: list[dict], cfg: dict, log) -> dict:
    """Throughput of ``resolve_many`` with 1 and 2 worker processes on the same distinct names,
    each on a freshly loaded resolver (no warm memo carries over from one run to the other)."""
    import inspect

    if "workers" not in inspect.signature(resolver.resolve_many).parameters:
        return {"skipped": "resolve_many has no workers= option"}
    names = _worker_names(records, cfg["workers_names"], cfg["seed"])
    tmpdir = Path(tempfile.mkdtemp(prefix="nnbench-", dir=cfg["cache_dir"]))
    path = tmpdir / "index.nnidx"
    out: dict = {"names": len(names)}
    try:
        resolver.save(path)
        answers = {}
        for w in (1, 2):
            r = nn.module.Resolver.load(path)
            settle()
            t0 = time.perf_counter()
            got = r.resolve_many(names, workers=w)
            wall = time.perf_counter() - t0
            answers[w] = [adapter.match_entity_id(m) for m in got]
            out[f"workers_{w}"] = {"seconds": round(wall, 3), "names_per_s": round(len(names) / wall, 1)}
            log(f"  resolve_many workers={w}: {len(names) / wall:,.0f} names/s ({wall:.1f} s)")
        out["speedup_2_vs_1"] = round(out["workers_1"]["seconds"] / out["workers_2"]["seconds"], 2)
        out["same_answers"] = answers[1] == answers[2]
        out["cpu_control"] = _cpu_control()
        log(f"  control (pure-Python CPU work, same pool): 2 processes give "
            f"{out['cpu_control']['speedup_2_vs_1']:.2f}x of one on this machine now")
    except Exception as exc:  # noqa: BLE001
        out["error"] = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        for p in sorted(tmpdir.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        tmpdir.rmdir()
    return out


def _save_load(nn: adapter.Namenorm, resolver, queries: dict, cfg: dict) -> dict:
    Resolver = nn.module.Resolver
    if not (hasattr(resolver, "save") and hasattr(Resolver, "load")):
        return {"skipped": "Resolver.save / Resolver.load not available"}
    tmpdir = Path(tempfile.mkdtemp(prefix="nnbench-", dir=cfg["cache_dir"]))
    path = tmpdir / "index.nnidx"
    try:
        t0 = time.perf_counter()
        resolver.save(path)
        t1 = time.perf_counter()
        size = sum(p.stat().st_size for p in tmpdir.rglob("*") if p.is_file())
        settle()
        rss0 = rss_kb()
        method = reset_peak()
        t2 = time.perf_counter()
        loaded = Resolver.load(path)
        t3 = time.perf_counter()
        sample = queries["exact"][:100] + queries["variant"][:100] + queries["absent"][:100]
        loaded.resolve(sample[0]["q"])
        t4 = time.perf_counter()
        peak = peak_kb(method)
        same = sum(adapter.match_entity_id(resolver.resolve(x["q"])) == adapter.match_entity_id(loaded.resolve(x["q"]))
                   for x in sample)
        return {
            "save_s": round(t1 - t0, 3),
            "index_bytes": size,
            "load_s": round(t3 - t2, 3),
            "first_resolve_after_load_s": round(t4 - t3, 4),
            "load_peak_rss_delta_mb": round((peak - rss0) / 1024, 1),
            "same_answers": f"{same}/{len(sample)}",
        }
    except NotImplementedError as exc:
        return {"skipped": f"NotImplementedError: {exc}"}
    except Exception as exc:  # noqa: BLE001
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    finally:
        for p in sorted(tmpdir.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        tmpdir.rmdir()


# -- baselines --------------------------------------------------------------------------------

def measure_baselines(nn: adapter.Namenorm, data: dict, cfg: dict, log) -> dict:
    from rapidfuzz import fuzz, process

    norm, norm_name = adapter.baseline_normalizer(nn)
    settle()
    rss0 = rss_kb()
    method = reset_peak()
    t0 = time.perf_counter()
    choices: list[str] = []
    ids: list[str] = []
    seen: set[tuple[str, str]] = set()
    exact: dict[str, str | None] = {}
    for r in data["records"]:
        eid = r["id"]
        for a in (r["name"], *r.get("aliases", ())):
            n = norm(a)
            if not n or (n, eid) in seen:
                continue
            seen.add((n, eid))
            choices.append(n)
            ids.append(eid)
            exact[n] = eid if exact.get(n, eid) == eid else None
    del seen
    build_s = time.perf_counter() - t0
    peak = peak_kb(method)
    settle()
    rss1 = rss_kb()
    common = {
        "normalizer": norm_name,
        "choices": len(choices),
        "prepare_s": round(build_s, 3),
        "prepare_peak_rss_delta_mb": round((peak - rss0) / 1024, 1),
        "retained_rss_delta_mb": round((rss1 - rss0) / 1024, 1),
        "note": "prepare = normalising every alias into one list (choices) and one dict (exact_dict); "
                "the memory figures cover both structures together",
    }
    log(f"  baselines: {len(choices):,} normalised choices in {build_s:.2f}s ({norm_name})")

    def rf(scorer, cutoff):
        def run(q: str):
            hit = process.extractOne(norm(q), choices, scorer=scorer, score_cutoff=cutoff)
            return None if hit is None else (ids[hit[2]], hit[1] / 100.0, hit[0])
        return run

    def exact_lookup(q: str):
        eid = exact.get(norm(q))
        return None if eid is None else (eid, 1.0, None)

    systems = [
        ("exact_dict", exact_lookup, None, "dict lookup of the normalised query among normalised aliases"),
        ("rapidfuzz_ratio", rf(fuzz.ratio, cfg["ratio_cutoff"]), cfg["ratio_cutoff"],
         f"rapidfuzz.process.extractOne(normalize(q), aliases, scorer=fuzz.ratio, score_cutoff={cfg['ratio_cutoff']})"),
        ("rapidfuzz_wratio", rf(fuzz.WRatio, cfg["wratio_cutoff"]), cfg["wratio_cutoff"],
         "rapidfuzz.process.extractOne(normalize(q), aliases, scorer=fuzz.WRatio, "
         f"score_cutoff={cfg['wratio_cutoff']})"),
    ]
    out: dict = {"common": common}
    for name, fn, cutoff, desc in systems:
        cap = None if name == "exact_dict" else cfg.get("baseline_cap")
        sys_res = {"description": desc, "score_cutoff": cutoff, "sets": {}}
        for set_name in SETS:
            full = with_multiword(data["queries"])[set_name]
            qs = full if cap is None else full[:cap]
            lat, wall, res = _timed_loop(fn, qs)
            got = [{"id": None} if (r is None or isinstance(r, Exception))
                   else {"id": r[0], "score": r[1], "alias": r[2]} for r in res]
            entry = {"latency": latency_stats(lat, wall), "sampled": len(qs) < len(full),
                     "queries_timed": len(qs), "queries_in_set": len(full)}
            entry.update(evaluate(qs, got, cfg["max_examples"] if name != "exact_dict" else 3))
            sys_res["sets"][set_name] = entry
            log(f"  {name:16s} {set_name:8s} p50 {entry['latency']['p50_us']:>9.1f} us  n={len(qs)}")
        out[name] = sys_res
    return out


def run(prepared: Path, part: str, cfg: dict, out_path: Path) -> None:
    """Measure one part ("namenorm" or "baselines") of one size and write its JSON."""
    def log(msg: str) -> None:
        print(msg, flush=True)

    adapter.add_source_tree(Path(cfg["repo_root"]))
    nn = adapter.load_namenorm()
    t0 = time.perf_counter()
    data = load_prepared(prepared)
    log(f"[size {data['size']:,} / {part}] loaded prepared data in {time.perf_counter() - t0:.1f}s "
        f"({data['stats']['entities']:,} entities, {data['stats']['aliases']:,} aliases)")
    result: dict = {"size": data["size"], "part": part}
    gc.collect()
    if part == "namenorm":
        result["data"] = data["stats"]
        result["namenorm_info"] = nn.describe()
        try:
            result["namenorm"] = measure_namenorm(nn, data, cfg, log)
        except Exception as exc:  # noqa: BLE001
            result["namenorm"] = {"available": nn.can_resolve, "error": f"{type(exc).__name__}: {exc}",
                                  "traceback": traceback.format_exc()[-3000:]}
            log(f"  namenorm failed: {type(exc).__name__}: {exc}")
    else:
        result["baselines"] = measure_baselines(nn, data, cfg, log)
    out_path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
