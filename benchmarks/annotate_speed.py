#!/usr/bin/env python3
"""How fast ``annotate`` reads news text, beside an exact Aho-Corasick scan of the same names.

    python benchmarks/annotate_speed.py [--mb 5] [--rounds 3] [--passes] [--out FILE]

The text is the news-like text of ``nnbench.news`` (documents of about 3 kB assembled from the
seed articles' paragraphs). The baseline is a pyahocorasick automaton of every strong name of
the default gazetteer (normalised and lower-cased forms), run over the lower-cased text with
hits kept at word boundaries: the cost of finding exact names and nothing else, in C.

Both are timed in the same process, in turns, ``--rounds`` times; the best round of each is
reported, in wall-clock and CPU time, and so is their ratio, which survives a busy machine
better than either figure. The first round of ``annotate`` also shows the cost of its first
documents (per-word memos being filled). ``--passes`` adds the CPU time of each pass of
``annotate`` over the text (measured in ``--rounds`` more rounds, with a timer around each
pass, the best round of each pass kept: one round on a shared machine moves the shares by a
few points), in milliseconds and in microseconds per kilobyte of text, with its share of the
timed total.

``--articles DIR`` times real articles instead (each one document: the files that DIR's
``articles.jsonl`` lists, as in ``benchmarks/news_dev``, else every ``*.txt`` in DIR): a first pass over them with a fresh resolver (after the one-line
warm-up that builds the index), where every name and word is new to the per-resolver memos and
most capitalised words that may be a spelling of a name are resolved in full, then the best of
``--rounds`` passes once those memos hold them, each beside the Aho-Corasick scan of the same
text. Real articles are what a pipeline reads; the assembled text repeats 45 paragraphs, so
after its first documents it measures the warm path only.

Run it after ``pip install -e '.[bench]'`` (pyahocorasick); it never touches the network.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from nnbench.news import build_documents, read_articles  # noqa: E402

from namenorm import Resolver, normalize  # noqa: E402


def _timed(fn: Callable[[], int]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, result) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    got = fn()
    return time.perf_counter() - w0, time.process_time() - c0, got


def _aho_scan(resolver: Resolver, docs: list[str]) -> tuple[Callable[[], int], int]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    forms: set[str] = set()
    for ent in resolver.gazetteer:
        for name in ent.all_names:
            forms.update(f for f in (normalize(name), name.lower()) if f)
    for form in forms:
        automaton.add_word(form, len(form))
    automaton.make_automaton()

    def scan() -> int:
        hits = 0
        for d in docs:
            low = d.lower()
            n = len(low)
            for end, length in automaton.iter(low):
                start = end - length + 1
                if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == n or not low[end + 1].isalnum()):
                    hits += 1
        return hits

    return scan, len(forms)


def _pass_times(resolver: Resolver, docs: list[str], rounds: int = 1) -> dict[str, float]:
    """CPU seconds spent in each pass of annotate over ``docs`` (a timer around each), the
    best of ``rounds`` rounds for each pass."""
    import namenorm.mentions as mentions

    spent: dict[str, float] = {}
    names = [n for n in dir(mentions) if n.startswith("_pass_") or n in ("_tokenise", "_mentions")]
    originals = {n: getattr(mentions, n) for n in names}

    def timer(name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object) -> object:
            c0 = time.process_time()
            try:
                return fn(*args)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - c0
        return run

    best: dict[str, float] = {}
    try:
        for n, fn in originals.items():
            setattr(mentions, n, timer(n, fn))
        for _ in range(max(1, rounds)):
            spent.clear()
            for d in docs:
                resolver.annotate(d)
            for n, seconds in spent.items():
                best[n] = min(best.get(n, seconds), seconds)
    finally:
        for n, fn in originals.items():
            setattr(mentions, n, fn)
    return dict(sorted(best.items(), key=lambda kv: -kv[1]))


def _articles(directory: Path, rounds: int) -> dict[str, object]:
    """Cold and warm passes over the real articles in ``directory`` (see the module docstring)."""
    docs = read_articles(directory)
    if not docs:
        raise SystemExit(f"no *.txt articles in {directory}")
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    t0 = time.perf_counter()
    resolver = Resolver()
    resolver.annotate("Warm-up: Khalifa Haftar in Tripoli.")
    build_s = time.perf_counter() - t0
    scan, patterns = _aho_scan(resolver, docs)

    def annotate_all() -> int:
        return sum(len(resolver.annotate(d)) for d in docs)

    cold = _timed(annotate_all)
    warm = [_timed(annotate_all) for _ in range(max(1, rounds))]
    aho = [_timed(scan) for _ in range(max(1, rounds))]
    mb = nbytes / 1e6
    result: dict[str, object] = {
        "articles": str(directory), "documents": len(docs), "bytes_utf8": nbytes,
        "resolver_build_s": round(build_s, 3),
        "first_pass": {"mb_per_s_cpu": round(mb / cold[1], 3), "cpu_s": round(cold[1], 4), "found": cold[2]},
        "warm": {"mb_per_s_cpu": round(mb / min(w[1] for w in warm), 3), "found": warm[0][2]},
        "aho_corasick": {"mb_per_s_cpu": round(mb / min(a[1] for a in aho), 3), "found": aho[0][2],
                         "patterns": patterns},
    }
    print(f"articles: {len(docs)} in {directory} ({mb:.3f} MB); index and tables built in {build_s:.2f} s")
    for label, key in (("first pass", "first_pass"), ("warm", "warm"), ("aho-corasick", "aho_corasick")):
        got = result[key]
        assert isinstance(got, dict)
        print(f"{label:14s} {got['mb_per_s_cpu']:7.2f} MB/s CPU  ({got['found']:,} found)")
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, default=5.0, help="MB of news-like text (default 5)")
    p.add_argument("--rounds", type=int, default=3, help="rounds of each, in turns (default 3)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--passes", action="store_true", help="also time each pass of annotate")
    p.add_argument("--out", type=Path, help="write the figures as JSON to this file")
    p.add_argument("--articles", type=Path, help="time the real articles (*.txt) in this folder instead")
    args = p.parse_args(argv)
    if args.articles:
        got = _articles(args.articles, args.rounds)
        if args.out:
            args.out.write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
        return 0

    docs, info = build_documents(REPO, int(args.mb * 1e6), args.seed)
    nbytes = info["bytes_utf8"]
    t0 = time.perf_counter()
    resolver = Resolver()
    resolver.annotate("Warm-up: Khalifa Haftar in Tripoli.")  # builds the index and tables
    build_s = time.perf_counter() - t0
    scan, patterns = _aho_scan(resolver, docs)

    def annotate_all() -> int:
        return sum(len(resolver.annotate(d)) for d in docs)

    rounds: dict[str, list[tuple[float, float, int]]] = {"annotate": [], "aho_corasick": []}
    for _ in range(args.rounds):
        rounds["annotate"].append(_timed(annotate_all))
        rounds["aho_corasick"].append(_timed(scan))

    def best(name: str) -> dict[str, float | int]:
        runs = rounds[name]
        wall = min(r[0] for r in runs)
        cpu = min(r[1] for r in runs)
        return {"mb_per_s_wall": round(nbytes / 1e6 / wall, 3), "mb_per_s_cpu": round(nbytes / 1e6 / cpu, 3),
                "best_wall_s": round(wall, 4), "best_cpu_s": round(cpu, 4), "found": runs[0][2],
                "rounds_cpu_s": [round(r[1], 4) for r in runs]}

    result: dict[str, object] = {
        "text": info,
        "resolver_build_s": round(build_s, 3),
        "annotate": best("annotate"),
        "aho_corasick": {**best("aho_corasick"), "patterns": patterns},
        "first_round_annotate_cpu_s": round(rounds["annotate"][0][1], 4),
    }
    a, b = result["annotate"], result["aho_corasick"]
    assert isinstance(a, dict) and isinstance(b, dict)
    result["ratio_cpu"] = round(float(a["mb_per_s_cpu"]) / float(b["mb_per_s_cpu"]), 3)
    print(f"text: {nbytes / 1e6:.2f} MB in {info['documents']} documents; index and tables built in {build_s:.2f} s")
    print(f"annotate      {a['mb_per_s_wall']:7.2f} MB/s wall  {a['mb_per_s_cpu']:7.2f} MB/s CPU  ({a['found']:,} mentions)")
    print(f"aho-corasick  {b['mb_per_s_wall']:7.2f} MB/s wall  {b['mb_per_s_cpu']:7.2f} MB/s CPU  "
          f"({b['found']:,} exact hits, {patterns:,} patterns)")
    print(f"annotate / aho-corasick (CPU): {result['ratio_cpu']:.3f}")
    if args.passes:
        passes = _pass_times(resolver, docs, args.rounds)
        result["passes_cpu_s"] = {k: round(v, 4) for k, v in passes.items()}
        total = sum(passes.values()) or 1.0
        kb = nbytes / 1e3
        print(f"   {'pass':26s} {'ms':>8s} {'us/KB':>7s} {'share':>6s}")
        for name, seconds in passes.items():
            print(f"   {name:26s} {seconds * 1000:8.1f} {seconds * 1e6 / kb:7.1f} {seconds / total:6.1%}")
        print(f"   {'(all timed)':26s} {total * 1000:8.1f} {total * 1e6 / kb:7.1f}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
