"""Readable table, JSON file and latency plot from the merged results."""

from __future__ import annotations

import json
from pathlib import Path

SYSTEMS = ("namenorm", "exact_dict", "rapidfuzz_ratio", "rapidfuzz_wratio")
SETS = ("exact", "variant", "absent", "multiword")
#: The targets drawn on the plot: p50 latency per set (multiword: the mean), peak RSS of a build.
TARGETS_US = {"exact": 5.0, "variant": 200.0, "multiword": 300.0}
TARGET_RSS_MB = 1024.0


def _system_sets(size_res: dict, system: str) -> dict | None:
    if system == "namenorm":
        nn = size_res.get("namenorm") or {}
        return nn.get("sets")
    return ((size_res.get("baselines") or {}).get(system) or {}).get("sets")


def _fmt(v, spec: str, missing: str = "-") -> str:
    return missing if v is None else format(v, spec)


def table(results: dict) -> str:
    lines: list[str] = []
    add = lines.append
    m = results["meta"]["machine"]
    add(f"namenorm benchmark  ({m['cpu_model']}, {m['cpus_usable']} cores, Python {m['python']})")
    for size_key, r in results["sizes"].items():
        if "error" in r and "data" not in r:
            add(f"\n== size {size_key}: {r['error']}")
            continue
        d = r.get("data", {})
        add("")
        add(f"== {d.get('aliases', 0):,} aliases, {d.get('entities', 0):,} entities "
            f"(requested {int(size_key):,}; {d.get('ambiguous_keys', 0):,} ambiguous alias keys)")
        nn = r.get("namenorm") or {}
        if nn.get("build"):
            b = nn["build"]
            add(f"   namenorm build {b['total_s']:.2f} s (from_records {b['gazetteer_from_records_s']:.2f} s, "
                f"Resolver() {b['resolver_init_s']:.2f} s, first resolve {b['first_resolve_s'] * 1000:.1f} ms); "
                f"peak RSS +{b['peak_rss_delta_mb']:.0f} MB, retained +{b['retained_rss_delta_mb']:.0f} MB"
                + (f", tracemalloc peak {b['tracemalloc_peak_mb']:.0f} MB" if "tracemalloc_peak_mb" in b else ""))
        elif nn.get("skipped") or nn.get("error"):
            add(f"   namenorm: {nn.get('skipped') or nn.get('error')}")
        sl = nn.get("save_load")
        if sl and "save_s" in sl:
            add(f"   namenorm save {sl['save_s']:.2f} s ({sl['index_bytes'] / 1e6:.1f} MB), "
                f"load {sl['load_s']:.2f} s, first resolve after load "
                f"{sl['first_resolve_after_load_s'] * 1000:.1f} ms, same answers {sl['same_answers']}")
        elif sl:
            add(f"   namenorm save/load: {sl.get('skipped') or sl.get('error')}")
        base = r.get("baselines") or {}
        if (r.get("errors") or {}).get("baselines"):
            add(f"   baselines: {r['errors']['baselines']}")
        c = base.get("common")
        if c:
            add(f"   baselines prepare {c['prepare_s']:.2f} s for {c['choices']:,} normalised aliases "
                f"(peak RSS +{c['prepare_peak_rss_delta_mb']:.0f} MB); normaliser: {c['normalizer']}")
        add(f"   {'system':17s} {'set':8s} {'timed':>6s} {'p50 us':>10s} {'p95 us':>10s} {'q/s':>9s}  "
            f"{'acc@1':>6s} {'no-ans':>6s} {'wrong':>6s} {'false-acc':>9s}")
        for system in SYSTEMS:
            sets = _system_sets(r, system)
            if not sets:
                continue
            for s in SETS:
                e = sets.get(s)
                if not e:
                    continue
                lat = e["latency"]
                timed = f"{lat.get('n', 0)}" + ("*" if e.get("sampled") else "")
                add(f"   {system:17s} {s:8s} {timed:>6s} {_fmt(lat.get('p50_us'), '10.1f')} "
                    f"{_fmt(lat.get('p95_us'), '10.1f')} {_fmt(lat.get('qps'), '9.0f')}  "
                    f"{_fmt(e.get('accuracy_at_1'), '6.3f'):>6s} {_fmt(e.get('no_answer_rate'), '6.3f'):>6s} "
                    f"{_fmt(e.get('wrong_answer_rate'), '6.3f'):>6s} {_fmt(e.get('false_accept_rate'), '9.3f'):>9s}")
        for s in SETS:
            same = ((nn.get("sets") or {}).get(s) or {}).get("on_baseline_sample")
            if same:
                figures = ", ".join(f"{label} {same[k]:.3f}" for k, label in (
                    ("accuracy_at_1", "acc@1"), ("no_answer_rate", "no-ans"), ("wrong_answer_rate", "wrong"),
                    ("false_accept_rate", "false-acc")) if k in same)
                add(f"   namenorm {s:8s} on the baselines' {same['queries']} queries: {figures}")
        wk = nn.get("workers")
        if wk and "speedup_2_vs_1" in wk:
            add(f"   namenorm resolve_many on {wk['names']:,} distinct names: 1 worker "
                f"{wk['workers_1']['names_per_s']:,.0f}/s, 2 workers {wk['workers_2']['names_per_s']:,.0f}/s "
                f"({wk['speedup_2_vs_1']:.2f}x), same answers {wk['same_answers']}"
                + (f"; control: plain CPU work gets {wk['cpu_control']['speedup_2_vs_1']:.2f}x from 2 processes"
                   if "cpu_control" in wk else ""))
        elif wk:
            add(f"   namenorm resolve_many workers: {wk.get('skipped') or wk.get('error')}")
        mw = (nn.get("sets") or {}).get("multiword")
        if mw:
            add(f"   namenorm multi-word names: mean {mw['latency'].get('mean_us', 0):.1f} us over {mw['latency'].get('n', 0)}")
        cand = nn.get("candidates")
        if cand:
            add(f"   namenorm candidates(limit=5) on variants: p50 {cand['latency'].get('p50_us', 0):.1f} us, "
                f"recall@5 {cand['recall_at_5']}")
        var = (nn.get("sets") or {}).get("variant")
        if var:
            add("   namenorm variant acc@1 by kind: "
                + ", ".join(f"{k} {v:.2f}" for k, v in var["accuracy_by_kind"].items()))
    add("   (* = a sample of the set was timed for that system; see 'queries_timed' in the JSON)")

    x = results.get("default_gazetteer")
    if x is None:
        return "\n".join(lines)
    add("")
    add("== default gazetteer" + (f" ({x['gazetteer']['entities']} entities, "
                                   f"{x['gazetteer']['strong_names']} strong names)" if "gazetteer" in x else ""))
    for k in ("skipped", "error"):
        if x.get(k):
            add(f"   {x[k]}")
    t = x.get("text", {})
    if "bytes_utf8" in t:
        add(f"   text: {t['bytes_utf8'] / 1e6:.1f} MB in {t['documents']} documents "
            f"from {len(t['seed_files'])} seed articles")
    if "annotate" in x:
        a = x["annotate"]
        add(f"   namenorm annotate     {a['mb_per_s']:8.3f} MB/s  ({a['mentions']:,} mentions, "
            f"p50 {a['per_document']['p50_us'] / 1000:.2f} ms per ~3 kB document"
            + (f"; stopped after {a['bytes_annotated'] / 1e6:.2f} MB by the {a['time_budget_s']:.0f} s budget"
               if a.get("stopped_by_time_budget") else "") + ")")
        if "cpu_ratio_to_aho_corasick" in a:
            add(f"   annotate CPU time     {a['mb_per_s_cpu']:8.3f} MB/s  "
                f"({a['cpu_ratio_to_aho_corasick']:.3f} of the Aho-Corasick scan's, also in CPU time)")
    if "annotate_articles" in x:
        a = x["annotate_articles"]
        scan = (f", beside {a['aho_corasick_mb_per_s_cpu']:.3f} MB/s for the Aho-Corasick scan"
                if "aho_corasick_mb_per_s_cpu" in a else "")
        add(f"   annotate, {a['documents']} real articles ({a['bytes'] / 1e3:.0f} kB, benchmarks/news_dev), CPU time: "
            f"first pass {a['first_pass_mb_per_s_cpu']:.3f} MB/s with a fresh resolver, "
            f"warm {a['warm_mb_per_s_cpu']:.3f} MB/s{scan}")
    if "aho_corasick" in x:
        a = x["aho_corasick"]
        if "mb_per_s" in a:
            add(f"   aho-corasick exact    {a['mb_per_s']:8.3f} MB/s  "
                f"({a['hits']:,} boundary hits, {a['patterns']} patterns)")
        else:
            add(f"   aho-corasick: {a.get('skipped')}")
    if "exact_hits" in x and "latency" in x["exact_hits"]:
        e = x["exact_hits"]
        add(f"   exact-hit resolve     p50 {e['latency']['p50_us']:.1f} us, p95 {e['latency']['p95_us']:.1f} us, "
            f"acc@1 {e['accuracy_at_1']:.3f} over {e['distinct_queries']} names")
    if "compare" in x and "pairs_per_s" in x["compare"]:
        c = x["compare"]
        add(f"   compare()             {c['pairs_per_s']:,.0f} pairs/s  (median score: variant pairs "
            f"{c['median_score_variant_pairs']}, unrelated {c['median_score_unrelated_pairs']})")
    for k in ("resolver_error",):
        if k in x:
            add(f"   {k}: {x[k]}")
    return "\n".join(lines)


def plot(results: dict, path: Path) -> str | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        return f"matplotlib not installed ({exc})"
    styles = {
        "namenorm": dict(color="#1f77b4", marker="o", linewidth=2.2),
        "exact_dict": dict(color="#7f7f7f", marker=".", linestyle=":", linewidth=1.2),
        "rapidfuzz_ratio": dict(color="#ff7f0e", marker="s", linestyle="--"),
        "rapidfuzz_wratio": dict(color="#d62728", marker="^", linestyle="--"),
    }
    fig, grid = plt.subplots(2, 3, figsize=(14, 8.4))
    axes = list(grid.flat)
    any_line = False
    for ax, s in zip(axes, SETS, strict=False):
        stat = "mean_us" if s == "multiword" else "p50_us"
        for system in SYSTEMS:
            xs, ys = [], []
            for r in results["sizes"].values():
                sets = _system_sets(r, system)
                if sets and s in sets and sets[s]["latency"].get(stat):
                    xs.append(r["data"]["aliases"])
                    ys.append(sets[s]["latency"][stat])
            if xs:
                any_line = True
                ax.plot(xs, ys, label=system, **styles[system])
        if s in TARGETS_US:
            ax.axhline(TARGETS_US[s], color="#2ca02c", linestyle="-.", linewidth=1.2,
                       label=f"target {'mean' if s == 'multiword' else 'p50'} {TARGETS_US[s]:g} µs")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(f"{s} queries ({'mean' if s == 'multiword' else 'p50'})")
        ax.set_xlabel("aliases in gazetteer")
        ax.set_ylabel("latency per query (µs)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    ax = axes[len(SETS)]
    for label, get, style in (
        ("namenorm build", lambda r: ((r.get("namenorm") or {}).get("build") or {}).get("peak_rss_delta_mb"),
         styles["namenorm"]),
        ("namenorm load", lambda r: ((r.get("namenorm") or {}).get("save_load") or {}).get("load_peak_rss_delta_mb"),
         dict(color="#1f77b4", marker="x", linestyle="--")),
        ("baselines' alias list", lambda r: ((r.get("baselines") or {}).get("common") or {}).get("prepare_peak_rss_delta_mb"),
         styles["rapidfuzz_ratio"]),
    ):
        pts = [(r["data"]["aliases"], get(r)) for r in results["sizes"].values() if get(r)]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], label=label, **style)
    ax.axhline(TARGET_RSS_MB, color="#2ca02c", linestyle="-.", linewidth=1.2, label="target 1 GB (build at 1M)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_title("peak RSS (MB)")
    ax.set_xlabel("aliases in gazetteer")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    for extra in axes[len(SETS) + 1:]:
        extra.axis("off")
    m = results["meta"]["machine"]
    fig.suptitle(f"namenorm resolve vs baselines: latency and memory against size (log-log); "
                 f"{m['cpu_model']}, Python {m['python']}", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


def write_json(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
