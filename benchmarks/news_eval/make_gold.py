"""Write ``<article>.gold.jsonl`` for every article from ``annotations.txt`` and ``entities.tsv``.

Offsets are computed, never typed: each annotated surface is looked up at its next word-bounded
occurrence after the previous mention of the same article (or at the occurrence ``@N`` given
in the annotation line). Run from anywhere: ``python benchmarks/news_eval/make_gold.py``.

``--dir FOLDER`` builds the gold files of another set laid out the same way (``articles.jsonl``,
``entities.tsv``, ``annotations.txt`` and the article texts in FOLDER), such as the development
set ``benchmarks/news_dev``; by default the set is this script's own folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import goldset  # noqa: E402
from goldset import (  # noqa: E402
    AnnotationLine,
    EntityInfo,
    GoldMention,
    article_text,
    bounded_occurrences,
    gold_path,
    read_annotations,
    read_articles,
    read_entities,
)


def use_directory(directory: Path) -> Path:
    """Point the shared readers of ``goldset`` at the set in ``directory``; return it resolved.

    ``goldset`` reads its file names from module constants at call time, so setting them here
    moves every reader (articles, entity table, annotations, gold files) to the other set.
    """
    folder = directory.resolve()
    if not (folder / "articles.jsonl").is_file():
        raise SystemExit(f"{directory}: no articles.jsonl, not a news set folder")
    goldset.HERE = folder
    goldset.ARTICLES_FILE = folder / "articles.jsonl"
    goldset.ENTITIES_FILE = folder / "entities.tsv"
    goldset.ANNOTATIONS_FILE = folder / "annotations.txt"
    return folder


def locate(text: str, lines: list[AnnotationLine], entities: dict[str, EntityInfo]) -> list[GoldMention]:
    """Turn one article's annotation lines into gold mentions; raise ValueError when a surface is missing."""
    mentions: list[GoldMention] = []
    cursor = 0
    for line in lines:
        if line.label not in entities:
            raise ValueError(f"line {line.line_number}: label {line.label!r} not in entities.tsv")
        starts = bounded_occurrences(text, line.surface)
        if line.occurrence is not None:
            if line.occurrence > len(starts):
                raise ValueError(f"line {line.line_number}: {line.surface!r} has no occurrence @{line.occurrence}")
            start = starts[line.occurrence - 1]
        else:
            after = [position for position in starts if position >= cursor]
            if not after:
                raise ValueError(f"line {line.line_number}: {line.surface!r} not found after offset {cursor}")
            start = after[0]
        info = entities[line.label]
        end = start + len(line.surface)
        mentions.append(GoldMention(start, end, line.surface, info.label, info.type, info.wikidata, info.expected))
        cursor = end
    return mentions


def main(argv: list[str] | None = None) -> int:
    """Build every gold file; return 0, or 1 after printing the first problem of each article."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="the set's folder (default: this script's own folder)")
    args = parser.parse_args(argv)
    if args.dir is not None:
        use_directory(args.dir)
    entities = read_entities()
    annotations = read_annotations()
    articles = read_articles()
    status = 0
    stems = {Path(str(row["file"])).stem for row in articles}
    for extra in sorted(set(annotations) - stems):
        print(f"annotations.txt: section {extra!r} has no article", file=sys.stderr)
        status = 1
    for row in articles:
        file_name = str(row["file"])
        stem = Path(file_name).stem
        if stem not in annotations:
            print(f"{file_name}: no annotation section", file=sys.stderr)
            status = 1
            continue
        try:
            mentions = locate(article_text(file_name), annotations[stem], entities)
        except ValueError as error:
            print(f"{file_name}: {error}", file=sys.stderr)
            status = 1
            continue
        with gold_path(file_name).open("w", encoding="utf-8") as handle:
            for mention in sorted(mentions, key=lambda m: m.start):
                record = {
                    "start": mention.start,
                    "end": mention.end,
                    "surface": mention.surface,
                    "label": mention.label,
                    "type": mention.type,
                    "wikidata": mention.wikidata,
                    "expected": mention.expected,
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
