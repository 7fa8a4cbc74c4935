"""Check the gold files of the news evaluation set.

Errors (exit status 1): a row whose ``text[start:end]`` is not its surface, rows out of order or
overlapping, a label, type, Wikidata id or ``expected`` flag that disagrees with ``entities.tsv``,
a surface with spaces at its edges, an article without a gold file.

With ``--review`` it also lists, for the annotator, unannotated word-bounded occurrences of
annotated surfaces and capitalised words outside every mention: candidates for a missed mention
(most are titles, demonyms and sentence starts, which the guidelines leave out).

``--dir FOLDER`` checks another set laid out the same way (default: this script's own folder).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goldset import (  # noqa: E402
    GoldMention,
    article_text,
    bounded_occurrences,
    gold_path,
    read_articles,
    read_entities,
    read_gold,
)
from make_gold import use_directory  # noqa: E402

CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w-]*")


def check_article(file_name: str, text: str, gold: list[GoldMention]) -> list[str]:
    """Return the error messages of one article's gold rows."""
    entities = read_entities()
    errors: list[str] = []
    previous_end = 0
    for index, mention in enumerate(gold, 1):
        where = f"{file_name} row {index}"
        if text[mention.start : mention.end] != mention.surface:
            found = text[mention.start : mention.end]
            errors.append(f"{where}: text[{mention.start}:{mention.end}] is {found!r}, not {mention.surface!r}")
        if mention.surface != mention.surface.strip() or not mention.surface:
            errors.append(f"{where}: surface {mention.surface!r} has spaces at its edges or is empty")
        if mention.start < previous_end:
            errors.append(f"{where}: starts at {mention.start}, before the previous row ends ({previous_end})")
        previous_end = max(previous_end, mention.end)
        info = entities.get(mention.label)
        if info is None:
            errors.append(f"{where}: label {mention.label!r} not in entities.tsv")
            continue
        if (mention.type, mention.wikidata, mention.expected) != (info.type, info.wikidata, info.expected):
            errors.append(f"{where}: type/wikidata/expected disagree with entities.tsv for {mention.label!r}")
    return errors


def review_article(text: str, gold: list[GoldMention]) -> list[str]:
    """Return review notes: unannotated occurrences of annotated surfaces, uncovered capitalised words."""
    covered = [(m.start, m.end) for m in gold]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in covered)

    notes: list[str] = []
    for surface in sorted({m.surface for m in gold}):
        for start in bounded_occurrences(text, surface):
            if not inside(start, start + len(surface)):
                context = text[max(0, start - 30) : start + len(surface) + 30]
                notes.append(f"  unannotated {surface!r} at {start}: ...{context!r}...")
    words = [m for m in CAPITALISED.finditer(text) if not inside(m.start(), m.end())]
    if words:
        notes.append("  capitalised words outside mentions: " + ", ".join(sorted({w.group() for w in words})))
    return notes


def main(argv: list[str] | None = None) -> int:
    """Check all gold files; print errors (and review notes with --review); return 0 or 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", action="store_true", help="also list candidates for missed mentions")
    parser.add_argument("--dir", type=Path, help="the set's folder (default: this script's own folder)")
    args = parser.parse_args(argv)
    if args.dir is not None:
        use_directory(args.dir)
    total_errors = 0
    rows = 0
    for article in read_articles():
        file_name = str(article["file"])
        if not gold_path(file_name).exists():
            print(f"{file_name}: no gold file")
            total_errors += 1
            continue
        text = article_text(file_name)
        gold = read_gold(file_name)
        rows += len(gold)
        errors = check_article(file_name, text, gold)
        for error in errors:
            print(error)
        total_errors += len(errors)
        if args.review:
            notes = review_article(text, gold)
            if notes:
                print(f"{file_name}:")
                print("\n".join(notes))
    print(f"{rows} gold rows checked, {total_errors} errors")
    return 1 if total_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
