"""News-like text for the annotate benchmark, built from the project's seed articles.

The seed articles (``seeds/*.txt`` in the repository, or ``shared/seeds`` beside it) are split
into paragraphs; documents of a few kilobytes are assembled from paragraphs drawn with a fixed
seed until the requested size is reached. The text therefore repeats: a matcher that caches
per-token results gets the benefit of that, which real news text would give it less often.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

DOC_TARGET_CHARS = 3000


def read_articles(folder: Path) -> list[str]:
    """The texts of the real articles in ``folder``, each one document: the files its
    ``articles.jsonl`` lists (an evaluation set such as ``benchmarks/news_dev``: its articles,
    not its notes), else every ``*.txt`` there."""
    listed = folder / "articles.jsonl"
    if listed.exists():
        files = [folder / json.loads(line)["file"]
                 for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        files = sorted(folder.glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def find_seed_articles(repo_root: Path) -> list[Path]:
    for d in (repo_root / "seeds", repo_root.parent / "shared" / "seeds"):
        files = sorted(p for p in d.glob("*.txt") if p.is_file()) if d.is_dir() else []
        if files:
            return files
    return []


def build_documents(repo_root: Path, target_bytes: int, seed: int) -> tuple[list[str], dict]:
    files = find_seed_articles(repo_root)
    if not files:
        raise FileNotFoundError(f"no seed articles (*.txt) in {repo_root / 'seeds'} or ../shared/seeds")
    paragraphs: list[str] = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        paragraphs += [p.strip() for p in text.splitlines() if len(p.strip()) > 40]
    rng = random.Random(f"{seed}:news")
    docs: list[str] = []
    total = 0
    while total < target_bytes:
        parts: list[str] = []
        n = 0
        while n < DOC_TARGET_CHARS:
            p = rng.choice(paragraphs)
            parts.append(p)
            n += len(p) + 2
        doc = "\n\n".join(parts)
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    info = {
        "seed_files": [f.name for f in files],
        "seed_dir": str(files[0].parent),
        "paragraphs": len(paragraphs),
        "documents": len(docs),
        "bytes_utf8": total,
        "chars": sum(len(d) for d in docs),
    }
    return docs, info
