"""Shared reading of the news evaluation set: articles, entity table, hand annotations, gold rows.

The hand-edited sources are ``entities.tsv`` (one row per gold label) and ``annotations.txt``
(per article, the mentions in text order as ``surface | label``). ``make_gold.py`` turns them
into ``<article>.gold.jsonl`` with character offsets; ``check_gold.py`` validates the result;
``evaluate.py`` reads the gold files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES_FILE = HERE / "articles.jsonl"
ENTITIES_FILE = HERE / "entities.tsv"
ANNOTATIONS_FILE = HERE / "annotations.txt"

TYPES = frozenset({"person", "country", "place", "facility", "org", "event", "equipment"})


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """One gold label: its type, Wikidata id (or None) and whether a domain gazetteer should hold it."""

    label: str
    type: str
    wikidata: str | None
    expected: bool


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold mention: code-point offsets into the article text and the entity it names."""

    start: int
    end: int
    surface: str
    label: str
    type: str
    wikidata: str | None
    expected: bool


@dataclass(frozen=True, slots=True)
class AnnotationLine:
    """One line of ``annotations.txt``: a surface, its label and an optional occurrence number."""

    surface: str
    label: str
    occurrence: int | None
    line_number: int


def read_articles() -> list[dict[str, object]]:
    """Return the article metadata rows of ``articles.jsonl`` in file order."""
    with ARTICLES_FILE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def article_text(file_name: str) -> str:
    """Return the text of one article file, read as UTF-8."""
    return (HERE / file_name).read_text(encoding="utf-8")


def read_entities() -> dict[str, EntityInfo]:
    """Return the entity table keyed by label; raise ValueError on a malformed or repeated row."""
    table: dict[str, EntityInfo] = {}
    for number, raw in enumerate(ENTITIES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) < 4:
            raise ValueError(f"{ENTITIES_FILE.name}:{number}: expected 4 tab-separated fields")
        label, type_, qid, expected = fields[:4]
        if label in table:
            raise ValueError(f"{ENTITIES_FILE.name}:{number}: label {label!r} defined twice")
        if type_ not in TYPES:
            raise ValueError(f"{ENTITIES_FILE.name}:{number}: unknown type {type_!r}")
        if expected not in {"0", "1"}:
            raise ValueError(f"{ENTITIES_FILE.name}:{number}: expected must be 0 or 1")
        table[label] = EntityInfo(label, type_, qid or None, expected == "1")
    return table


def read_annotations() -> dict[str, list[AnnotationLine]]:
    """Return the hand annotations keyed by article file stem, each list in text order."""
    sections: dict[str, list[AnnotationLine]] = {}
    current: list[AnnotationLine] | None = None
    for number, raw in enumerate(ANNOTATIONS_FILE.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("== "):
            stem = line[3:].strip()
            if stem in sections:
                raise ValueError(f"{ANNOTATIONS_FILE.name}:{number}: section {stem!r} repeated")
            current = sections.setdefault(stem, [])
            continue
        if current is None:
            raise ValueError(f"{ANNOTATIONS_FILE.name}:{number}: mention before any section")
        parts = [part.strip() for part in line.split(" | ")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            raise ValueError(f"{ANNOTATIONS_FILE.name}:{number}: expected 'surface | label [| @N]'")
        occurrence = None
        if len(parts) == 3:
            if not parts[2].startswith("@") or not parts[2][1:].isdigit():
                raise ValueError(f"{ANNOTATIONS_FILE.name}:{number}: occurrence must read @N")
            occurrence = int(parts[2][1:])
        current.append(AnnotationLine(parts[0], parts[1], occurrence, number))
    return sections


def is_word_char(char: str) -> bool:
    """True for characters that continue a word (letters, digits), so a match may not touch them."""
    return char.isalnum()


def bounded_occurrences(text: str, surface: str) -> list[int]:
    """Return the start offsets of ``surface`` in ``text`` not glued to a letter or digit."""
    starts: list[int] = []
    position = text.find(surface)
    while position != -1:
        end = position + len(surface)
        before_ok = position == 0 or not is_word_char(text[position - 1])
        after_ok = end == len(text) or not is_word_char(text[end])
        if before_ok and after_ok:
            starts.append(position)
        position = text.find(surface, position + 1)
    return starts


def gold_path(file_name: str) -> Path:
    """Return the gold file path of an article file name (``x.txt`` -> ``x.gold.jsonl``)."""
    return HERE / (Path(file_name).stem + ".gold.jsonl")


def read_gold(file_name: str) -> list[GoldMention]:
    """Return the gold mentions of one article, in file order."""
    with gold_path(file_name).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [
        GoldMention(
            start=row["start"],
            end=row["end"],
            surface=row["surface"],
            label=row["label"],
            type=row["type"],
            wikidata=row["wikidata"],
            expected=row["expected"],
        )
        for row in rows
    ]
