"""Accuracy of the resolver and of ``is_match`` on the held-out sets in ``heldout/``, beside a
brute-force rapidfuzz baseline measured in the same run on the same data.

    python benchmarks/accuracy.py [--json results/accuracy.json] [--show-errors]

Sets (see heldout/README.md): real spellings, other scripts, confusable entities, hard
negatives, plain words, and labelled name pairs. The baseline is
``rapidfuzz.process.extractOne(normalize(q), normalised names, scorer=WRatio, score_cutoff=85)``;
for pairs, ``WRatio(normalize(a), normalize(b)) >= 85``.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

from namenorm import Gazetteer, Resolver, compare, is_match, normalize

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "heldout"


def _read(name: str) -> list[dict[str, str]]:
    with open(HELDOUT / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


class Baseline:
    """Brute force: the best WRatio over every normalised name of the gazetteer."""

    def __init__(self, gazetteer: Gazetteer, cutoff: float = 85) -> None:
        self.choices: list[str] = []
        self.owner: list[str] = []
        for e in gazetteer:
            for alias in (*e.all_names, *e.weak_aliases):
                norm = normalize(alias)
                if norm:
                    self.choices.append(norm)
                    self.owner.append(e.id)
        self.cutoff = cutoff

    def resolve(self, q: str) -> str | None:
        got = process.extractOne(normalize(q), self.choices, scorer=fuzz.WRatio, score_cutoff=self.cutoff)
        return None if got is None else self.owner[got[2]]


def evaluate(show_errors: bool = False) -> dict[str, object]:
    gaz = Gazetteer.default()
    resolver = Resolver(gaz)
    baseline = Baseline(gaz)
    known = {e.id for e in gaz}
    report: dict[str, object] = {"gazetteer_entities": len(gaz)}

    def run(rows: list[dict[str, str]], expect: str | None, label: str) -> None:
        stats = {"namenorm": [0, 0], "baseline": [0, 0]}
        unknown = 0
        times: list[float] = []
        for row in rows:
            q = row["query"]
            want = row.get(expect) if expect else None
            if want is not None and want not in known:
                unknown += 1
                continue
            t0 = time.perf_counter()
            m = resolver.resolve(q)
            times.append(time.perf_counter() - t0)
            got = None if m is None else m.entity.id
            b = baseline.resolve(q)
            for who, ans in (("namenorm", got), ("baseline", b)):
                ok = ans == want if want is not None else ans is None
                if label == "confusables":
                    ok = ans == want and ans != row["must_not_be_id"]
                stats[who][0] += ok
                stats[who][1] += 1
            if show_errors and (got != want):
                extra = f" ({m.score} {m.reason} via {m.alias!r})" if m else ""
                print(f"  [{label}] {q!r}: want {want}, got {got}{extra}")
        report[label] = {
            "n": stats["namenorm"][1],
            "skipped_unknown_id": unknown,
            "namenorm": round(stats["namenorm"][0] / max(1, stats["namenorm"][1]), 4),
            "baseline_wratio85": round(stats["baseline"][0] / max(1, stats["baseline"][1]), 4),
            "namenorm_p50_us": round(statistics.median(times) * 1e6, 1) if times else None,
        }

    run(_read("spellings.tsv"), "expected_id", "spellings")
    run(_read("scripts.tsv"), "expected_id", "scripts")
    run(_read("confusables.tsv"), "expected_id", "confusables")
    run(_read("negatives.tsv"), None, "negatives")
    run(_read("plain_words.tsv"), None, "plain_words")
    # Country names in the languages of the press (from iso-codes, see heldout/README.md): one
    # row per language for the short names, one for the official long names of all languages.
    countries = _read("country_names.tsv")
    for lang in dict.fromkeys(r["language"] for r in countries):
        run([r for r in countries if r["language"] == lang and r["form"] == "short"],
            "expected_id", f"country/{lang}")
    run([r for r in countries if r["form"] == "official"], "expected_id", "country/long")

    pairs = _read("pairs.tsv")
    by_kind: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"nn": [0, 0, 0], "bl": [0, 0, 0]})
    for row in pairs:
        label = row["label"] == "1"
        ours = is_match(row["a"], row["b"], type=row["kind"])
        base = fuzz.WRatio(normalize(row["a"]), normalize(row["b"])) >= 85
        for key, pred in (("nn", ours), ("bl", base)):
            for kind in (row["kind"], "all"):
                c = by_kind[kind][key]
                c[0] += pred and label  # tp
                c[1] += pred and not label  # fp
                c[2] += (not pred) and label  # fn
        if show_errors and ours != label:
            print(f"  [pairs] {row['a']!r} ~ {row['b']!r}: label {int(label)}, "
                  f"score {compare(row['a'], row['b'], type=row['kind'])}")

    def f1(c: list[int]) -> float:
        tp, fp, fn = c
        return round(2 * tp / max(1, 2 * tp + fp + fn), 4)

    report["pairs"] = {k: {"n_pos": v["nn"][0] + v["nn"][2], "namenorm_f1": f1(v["nn"]),
                           "baseline_f1": f1(v["bl"])} for k, v in sorted(by_kind.items())}
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", type=Path, help="also write the report here")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--no-generic", action="store_true",
                    help="skip the users'-gazetteer sets of heldout/generic/ (nnbench.generic)")
    args = ap.parse_args()
    report = evaluate(show_errors=args.show_errors)
    print(f"{'set':<14}{'n':>6}{'namenorm':>10}{'baseline':>10}")
    countries = [k for k in report if k.startswith("country/")]
    for key in ("spellings", "scripts", "confusables", "negatives", "plain_words", *countries):
        r = report[key]
        assert isinstance(r, dict)
        print(f"{key:<14}{r['n']:>6}{r['namenorm']:>10.3f}{r['baseline_wratio85']:>10.3f}")
    pairs = report["pairs"]
    assert isinstance(pairs, dict)
    for kind, r in pairs.items():
        print(f"{'pairs/' + kind:<14}{r['n_pos']:>6}{r['namenorm_f1']:>10.3f}{r['baseline_f1']:>10.3f}  (F1)")
    if not args.no_generic:
        from nnbench import generic

        report["generic"] = generic.evaluate(show_errors=args.show_errors)
        generic.print_table(report["generic"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
