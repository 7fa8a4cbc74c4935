"""Measurements on the bundled default gazetteer: annotate throughput (against an exact
Aho-Corasick scan), exact-hit resolve latency, and compare() pairs per second.

Runs in its own process, like the per-size parts.
"""

from __future__ import annotations

import json
import random
import time
import traceback
from pathlib import Path

from . import adapter
from .measure import Stopwatch, latency_stats, settle
from .news import build_documents, read_articles
from .queries import _VARIANTS
from .text import is_latin


def _annotate(resolver, docs: list[str], budget_s: float) -> dict:
    """Annotate document by document; stop early once ``budget_s`` is spent."""
    resolver.annotate(docs[0])  # warm-up (lazy structures)
    settle()
    n_mentions = 0
    per_doc = []
    nbytes = 0
    clock = time.perf_counter_ns
    t0 = time.perf_counter()
    c0 = time.process_time()
    for d in docs:
        t = clock()
        mentions = resolver.annotate(d)
        per_doc.append(clock() - t)
        n_mentions += len(mentions)
        nbytes += len(d.encode("utf-8"))
        if time.perf_counter() - t0 > budget_s:
            break
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {
        "mb_per_s": round(nbytes / 1e6 / wall, 3),
        "mb_per_s_cpu": round(nbytes / 1e6 / cpu, 3),
        "seconds": round(wall, 3),
        "documents_annotated": len(per_doc),
        "documents_in_text": len(docs),
        "bytes_annotated": nbytes,
        "stopped_by_time_budget": len(per_doc) < len(docs),
        "time_budget_s": budget_s,
        "mentions": n_mentions,
        "per_document": latency_stats(per_doc, wall),
    }


def _articles(repo_root: Path) -> tuple[list[str], str]:
    """The development news articles (``benchmarks/news_dev``): real text from many outlets,
    where most names and words are new to a fresh resolver, unlike the assembled text, which
    repeats the seeds' paragraphs."""
    folder = repo_root / "benchmarks" / "news_dev"
    return (read_articles(folder) if (folder / "articles.jsonl").exists() else []), str(folder)


def _annotate_articles(nn, gaz, names, docs: list[str], rounds: int = 3) -> dict:
    """A first pass over real articles with a fresh resolver (after a one-line warm-up that
    builds its index), then the best of ``rounds`` warm passes, in CPU time, beside the
    Aho-Corasick scan of the same text."""
    resolver = adapter.make_resolver(nn, gaz)
    resolver.annotate("Warm-up: Khalifa Haftar in Tripoli.")
    settle()
    nbytes = sum(len(d.encode("utf-8")) for d in docs)

    def one_pass() -> tuple[float, int]:
        c0 = time.process_time()
        found = sum(len(resolver.annotate(d)) for d in docs)
        return time.process_time() - c0, found

    first_s, found = one_pass()
    warm_s = min(one_pass()[0] for _ in range(rounds))
    out = {"documents": len(docs), "bytes": nbytes, "mentions": found,
           "first_pass_mb_per_s_cpu": round(nbytes / 1e6 / first_s, 3),
           "warm_mb_per_s_cpu": round(nbytes / 1e6 / warm_s, 3)}
    try:
        out["aho_corasick_mb_per_s_cpu"] = _aho(names, nn.normalize or str.lower, docs)["mb_per_s_cpu"]
    except ImportError:
        pass
    return out


def _aho(names: list[tuple[str, str, str]], normalize, docs: list[str]) -> dict:
    import ahocorasick

    with Stopwatch() as sw:
        automaton = ahocorasick.Automaton()
        forms: dict[str, set[str]] = {}
        for eid, alias, strength in names:
            if strength != "strong":
                continue
            for form in {normalize(alias), alias.lower()}:
                if form:
                    forms.setdefault(form, set()).add(eid)
        for form, eids in forms.items():
            automaton.add_word(form, (len(form), tuple(sorted(eids))))
        automaton.make_automaton()
    settle()
    hits = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    for d in docs:
        low = d.lower()
        n = len(low)
        for end, (length, _eids) in automaton.iter(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == n or not low[end + 1].isalnum()):
                hits += 1
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    return {
        "description": "pyahocorasick automaton of the strong names of the default gazetteer, each added "
                       "in its normalised and its lower-cased form; scan of the lower-cased text, hits "
                       "kept at word boundaries (overlaps not resolved)",
        "patterns": len(forms),
        "build_s": round(sw.s, 4),
        "mb_per_s": round(nbytes / 1e6 / wall, 3),
        "mb_per_s_cpu": round(nbytes / 1e6 / cpu, 3),
        "seconds": round(wall, 3),
        "hits": hits,
    }


def _exact_hits(nn, resolver, gaz, names, min_queries: int) -> dict:
    norm = nn.normalize
    ambiguous = set(getattr(gaz, "ambiguous", ()) or ())
    owners: dict[str, set[str]] = {}
    for eid, alias, _s in names:
        owners.setdefault(norm(alias), set()).add(eid)
    qs = [{"q": alias, "expected": eid} for eid, alias, s in names
          if s == "strong" and norm(alias) not in ambiguous and len(owners[norm(alias)]) == 1]
    if not qs:
        return {"skipped": "no unambiguous strong names"}
    reps = max(1, -(-min_queries // len(qs)))
    run = qs * reps
    settle()
    lat = []
    correct = 0
    clock = time.perf_counter_ns
    t0 = time.perf_counter()
    got = []
    for item in run:
        t = clock()
        m = resolver.resolve(item["q"])
        lat.append(clock() - t)
        got.append(m)
    wall = time.perf_counter() - t0
    misses = []
    for item, m in zip(run[: len(qs)], got[: len(qs)], strict=True):
        if adapter.match_entity_id(m) == item["expected"]:
            correct += 1
        elif len(misses) < 15:
            misses.append({"q": item["q"], "expected": item["expected"], "got": adapter.match_info(m)})
    return {
        "distinct_queries": len(qs),
        "latency": latency_stats(lat, wall),
        "accuracy_at_1": round(correct / len(qs), 4),
        "examples": misses,
    }


def _compare_pairs(nn, names, n_pairs: int, seed: int) -> dict:
    compare = nn.module.compare
    rng = random.Random(f"{seed}:compare")
    latin = [(eid, a) for eid, a, s in names if is_latin(a)]
    kinds = sorted(_VARIANTS)
    same, diff = [], []
    while len(same) < n_pairs // 2:
        eid, a = rng.choice(latin)
        v = _VARIANTS[rng.choice(kinds)](a, rng)
        if v:
            same.append((a, v))
    while len(diff) < n_pairs - len(same):
        (e1, a), (e2, b) = rng.choice(latin), rng.choice(latin)
        if e1 != e2:
            diff.append((a, b))
    pairs = same + diff
    rng.shuffle(pairs)
    compare(*pairs[0])
    settle()
    t0 = time.perf_counter()
    for a, b in pairs:
        compare(a, b)
    wall = time.perf_counter() - t0
    s_same = sorted(compare(a, b) for a, b in same)
    s_diff = sorted(compare(a, b) for a, b in diff)
    return {
        "pairs": len(pairs),
        "pairs_per_s": round(len(pairs) / wall, 1),
        "seconds": round(wall, 3),
        "median_score_variant_pairs": round(s_same[len(s_same) // 2], 4),
        "median_score_unrelated_pairs": round(s_diff[len(s_diff) // 2], 4),
        "pair_sources": "half: a default-gazetteer name and a generated variant of it; "
                        "half: names of two different entities",
    }


def run(cfg: dict, out_path: Path) -> None:
    def log(msg: str) -> None:
        print(msg, flush=True)

    repo_root = Path(cfg["repo_root"])
    adapter.add_source_tree(repo_root)
    nn = adapter.load_namenorm()
    result: dict = {"namenorm_info": nn.describe()}
    try:
        docs, info = build_documents(repo_root, int(cfg["annotate_mb"] * 1e6), cfg["seed"])
        result["text"] = info
    except FileNotFoundError as exc:
        docs, result["text"] = [], {"error": str(exc)}
    log(f"[default gazetteer] news text: {result['text']}")
    if not nn.importable or not nn.has("Gazetteer"):
        result["skipped"] = f"namenorm not importable: {nn.error or nn.missing}"
        out_path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    try:
        gaz = adapter.default_gazetteer(nn)
    except Exception as exc:  # noqa: BLE001 - e.g. the bundled files are not there yet
        result["skipped"] = f"Gazetteer.default() failed: {type(exc).__name__}: {exc}"
        log(f"  {result['skipped']}")
        out_path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    names = adapter.gazetteer_names(gaz)
    result["gazetteer"] = {"entities": len(gaz), "strong_names": sum(s == "strong" for *_, s in names),
                           "weak_names": sum(s == "weak" for *_, s in names)}
    if docs:
        try:
            result["aho_corasick"] = _aho(names, nn.normalize or str.lower, docs)
            log(f"  aho-corasick scan {result['aho_corasick']['mb_per_s']} MB/s")
        except ImportError as exc:
            result["aho_corasick"] = {"skipped": f"pyahocorasick not installed ({exc})"}
    if nn.can_resolve:
        try:
            with Stopwatch() as sw:
                resolver = adapter.make_resolver(nn, gaz)
            result["resolver_init_s"] = round(sw.s, 4)
            result["exact_hits"] = _exact_hits(nn, resolver, gaz, names, cfg["exact_hit_queries"])
            log(f"  exact-hit resolve p50 {result['exact_hits'].get('latency', {}).get('p50_us')} us")
            if docs and hasattr(resolver, "annotate"):
                result["annotate"] = _annotate(resolver, docs, cfg["annotate_budget_s"])
                log(f"  annotate {result['annotate']['mb_per_s']} MB/s")
                aho = result.get("aho_corasick", {})
                if "mb_per_s_cpu" in aho:  # CPU time: a ratio that survives a busy machine
                    result["annotate"]["cpu_ratio_to_aho_corasick"] = round(
                        result["annotate"]["mb_per_s_cpu"] / aho["mb_per_s_cpu"], 3)
            articles, folder = _articles(repo_root)
            if articles and hasattr(resolver, "annotate"):
                result["annotate_articles"] = {"folder": folder, **_annotate_articles(nn, gaz, names, articles)}
                a = result["annotate_articles"]
                log(f"  annotate, real articles: first pass {a['first_pass_mb_per_s_cpu']} MB/s, "
                    f"warm {a['warm_mb_per_s_cpu']} MB/s")
        except Exception as exc:  # noqa: BLE001
            result["resolver_error"] = f"{type(exc).__name__}: {exc}"
            result["traceback"] = traceback.format_exc()[-3000:]
            log(f"  resolver failed: {exc}")
    if nn.has("compare"):
        try:
            result["compare"] = _compare_pairs(nn, names, cfg["compare_pairs"], cfg["seed"])
            log(f"  compare {result['compare']['pairs_per_s']:,} pairs/s")
        except Exception as exc:  # noqa: BLE001
            result["compare"] = {"error": f"{type(exc).__name__}: {exc}"}
    out_path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
