"""The ``namenorm`` command: lookups and checks from the shell and in pipelines.

Exit status: 0 on success; 1 when ``--fail-on-miss`` is given and a name did not resolve;
2 for usage errors and bad input (a missing or unreadable file, a directory given as a file,
a broken gazetteer). Errors are one line on standard error, never a traceback.

Standard input is read as UTF-8; bytes that are not valid UTF-8 are replaced with U+FFFD and
the line is still processed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from namenorm import __version__
from namenorm.errors import NamenormError
from namenorm.gazetteer import ENTITY_TYPES, Gazetteer, check_gazetteer
from namenorm.normalize import normalize
from namenorm.resolve import DEFAULT_THRESHOLD, Match, Resolver, compare

__all__ = ["main"]

PROG = "namenorm"


class _UsageError(Exception):
    """Bad arguments or input: exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage and a one-line error
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except _UsageError as exc:
        _error(str(exc))
        return 2
    except NamenormError as exc:
        _error(str(exc))
        return 2
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, and keep Python from complaining
        # about the unflushable stdout at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except KeyboardInterrupt:
        return 130


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Resolve the many spellings of a name to one canonical entity.",
        epilog="Exit status: 0 ok, 1 a miss with --fail-on-miss, 2 usage error or bad input.",
    )
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def gaz_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--gazetteer", "-g", metavar="PATH", action="append", default=[],
                        help="a gazetteer file or directory, added to the bundled one "
                             "(repeatable)")
        sp.add_argument("--no-default", action="store_true",
                        help="use only the --gazetteer files, not the bundled gazetteer")

    lk = sub.add_parser("lookup", help="resolve names (arguments, or one per line on stdin)",
                        description="Resolve each NAME, or each line of standard input when no "
                                    "NAME is given (streamed: one result per input line, in "
                                    "order).")
    lk.add_argument("names", nargs="*", metavar="NAME")
    gaz_options(lk)
    lk.add_argument("--type", "-t", choices=sorted(ENTITY_TYPES), help="only entities of this type")
    lk.add_argument("--top", "-k", type=_positive_int, default=None, metavar="K",
                    help="show the K best candidates with their scores")
    lk.add_argument("--json", action="store_true", help="JSON Lines, one object per query")
    lk.add_argument("--fail-on-miss", action="store_true",
                    help="exit with status 1 if any name did not resolve")
    lk.set_defaults(func=_cmd_lookup)

    an = sub.add_parser("annotate", help="find and resolve entity mentions in a text",
                        description="Find entity mentions in FILE (or standard input for '-').")
    an.add_argument("file", metavar="FILE|-")
    gaz_options(an)
    an.add_argument("--json", action="store_true", help="JSON Lines, one object per mention")
    an.set_defaults(func=_cmd_annotate)

    nm = sub.add_parser("normalize", help="print the normal form of each TEXT")
    nm.add_argument("texts", nargs="+", metavar="TEXT")
    nm.set_defaults(func=_cmd_normalize)

    cp = sub.add_parser("compare", help="score two names against each other")
    cp.add_argument("a", metavar="A")
    cp.add_argument("b", metavar="B")
    cp.add_argument("--person", action="store_true",
                    help="both are person names (a surname alone may match)")
    cp.add_argument("--json", action="store_true")
    cp.set_defaults(func=_cmd_compare)

    gz = sub.add_parser("gazetteer", help="check or describe gazetteer files")
    gsub = gz.add_subparsers(dest="gaz_command", metavar="SUBCOMMAND", required=True)
    ck = gsub.add_parser("check", help="validate a gazetteer file or directory")
    ck.add_argument("path", metavar="PATH")
    ck.add_argument("--with-default", action="store_true",
                    help="check it as an extension of the bundled gazetteer")
    ck.set_defaults(func=_cmd_check)
    st = gsub.add_parser("stats", help="entities per type, aliases, ambiguous aliases")
    st.add_argument("path", nargs="?", metavar="PATH", help="default: the bundled gazetteer")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=_cmd_stats)
    return p


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# -- helpers ------------------------------------------------------------------------------------


def _gazetteer(args: argparse.Namespace) -> Gazetteer:
    paths = [Path(p) for p in args.gazetteer]
    if args.no_default and not paths:
        raise _UsageError("--no-default needs at least one --gazetteer PATH")
    for p in paths:
        if not p.exists():
            raise _UsageError(f"{p}: no such file or directory")
    if not paths:
        return Gazetteer.default()
    if len(paths) == 1:
        return Gazetteer.load(paths[0], merge_default=not args.no_default)
    entities = [] if args.no_default else list(Gazetteer.default())
    ambiguous = [] if args.no_default else list(Gazetteer.default().ambiguous)
    for p in paths:
        g = Gazetteer.load(p)
        mine = {e.id for e in g}
        entities = [e for e in entities if e.id not in mine] + list(g)
        ambiguous += g.ambiguous
    return Gazetteer(entities, ambiguous=ambiguous)


def _stdin_lines() -> Iterator[str]:
    """Lines of standard input, decoded as UTF-8 with replacement, without line ends."""
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _stdout() -> TextIO:
    """Standard output, writing UTF-8 whatever the locale says."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except ValueError:
            pass
    return sys.stdout


def _entity_json(m: Match | None) -> dict[str, object] | None:
    if m is None:
        return None
    return {"id": m.entity.id, "name": m.entity.name, "type": m.entity.type}


def _match_json(query: str, m: Match | None) -> dict[str, object]:
    return {
        "query": query,
        "entity": _entity_json(m),
        "score": None if m is None else m.score,
        "alias": None if m is None else m.alias,
        "reason": None if m is None else m.reason,
    }


def _clip(text: str, width: int) -> str:
    text = text.replace("\t", " ").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


class _Progress:
    """A progress line on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.count = 0
        self.last = time.monotonic()

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count % 1000 == 0:
            now = time.monotonic()
            if now - self.last >= 1.0:
                self.last = now
                sys.stderr.write(f"\r{PROG}: {self.count:,} lines")
                sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.count >= 1000:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


# -- commands -----------------------------------------------------------------------------------


def _cmd_lookup(args: argparse.Namespace) -> int:
    resolver = Resolver(_gazetteer(args))
    out = _stdout()
    misses = 0
    streaming = not args.names
    queries: Iterator[str] = _stdin_lines() if streaming else iter(args.names)
    rows: list[tuple[str, list[Match], Match | None]] = []
    progress = _Progress() if streaming else None
    for query in queries:
        best = resolver.resolve(query, type=args.type)
        cands = resolver.candidates(query, limit=args.top, type=args.type) if args.top else []
        misses += best is None
        if args.json:
            obj = _match_json(query, best)
            if args.top:
                obj["candidates"] = [
                    {**(_entity_json(c) or {}), "score": c.score, "alias": c.alias,
                     "reason": c.reason} for c in cands
                ]
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        elif streaming:
            out.write(_format_row(query, best, (30, 30)) + "\n")
            for c in cands:
                out.write(_format_candidate(c) + "\n")
        else:
            rows.append((query, cands, best))
        if streaming:
            out.flush()
            assert progress is not None
            progress.tick()
    if progress is not None:
        progress.done()
    if rows:
        wq = min(max(len(q) for q, _, _ in rows), 40)
        wn = min(max([len("(no match)")] + [len(b.entity.name) for _, _, b in rows if b]), 40)
        out.write(f"{'QUERY':<{wq}}  {'ENTITY':<{wn}}  {'TYPE':<9}  {'SCORE':>5}  REASON\n")
        for query, cands, best in rows:
            out.write(_format_row(query, best, (wq, wn)) + "\n")
            for c in cands:
                out.write(_format_candidate(c) + "\n")
    out.flush()
    return 1 if args.fail_on_miss and misses else 0


def _format_row(query: str, m: Match | None, widths: tuple[int, int]) -> str:
    wq, wn = widths
    q = _clip(query, wq)
    if m is None:
        return f"{q:<{wq}}  {'(no match)':<{wn}}  {'-':<9}  {'-':>5}  -"
    return (f"{q:<{wq}}  {_clip(m.entity.name, wn):<{wn}}  {m.entity.type:<9}  "
            f"{m.score:>5.2f}  {m.reason} [{m.entity.id}]")


def _format_candidate(c: Match) -> str:
    return f"    {c.score:>5.2f}  {c.entity.name} [{c.entity.id}, {c.entity.type}] via {c.alias!r} ({c.reason})"


def _read_text_arg(name: str) -> str:
    if name == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    path = Path(name)
    if path.is_dir():
        raise _UsageError(f"{path}: is a directory, not a file")
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        raise _UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise _UsageError(f"{path}: cannot read: {exc.strerror}") from None


def _cmd_annotate(args: argparse.Namespace) -> int:
    text = _read_text_arg(args.file)
    resolver = Resolver(_gazetteer(args))
    out = _stdout()
    mentions = resolver.annotate(text)
    for m in mentions:
        if args.json:
            out.write(json.dumps({
                "start": m.start, "end": m.end, "text": m.text, "entity": m.entity.id,
                "name": m.entity.name, "type": m.entity.type, "score": m.score,
                "reason": m.reason,
            }, ensure_ascii=False) + "\n")
        else:
            out.write(f"{m.start:>7}-{m.end:<7} {_clip(m.text, 30):<30}  {m.entity.name} "
                      f"[{m.entity.id}, {m.entity.type}] {m.score:.2f} {m.reason}\n")
    if not args.json:
        n = len({m.entity.id for m in mentions})
        out.write(f"{len(mentions)} mentions of {n} entities\n")
    out.flush()
    return 0


def _cmd_normalize(args: argparse.Namespace) -> int:
    out = _stdout()
    for text in args.texts:
        out.write(normalize(text) + "\n")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    score = compare(args.a, args.b, person=args.person)
    out = _stdout()
    if args.json:
        out.write(json.dumps({"a": args.a, "b": args.b, "score": score,
                              "match": score >= DEFAULT_THRESHOLD}, ensure_ascii=False) + "\n")
    else:
        verdict = "match" if score >= DEFAULT_THRESHOLD else "no match"
        out.write(f"{score:.4f}  {verdict} (threshold {DEFAULT_THRESHOLD})\n")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        raise _UsageError(f"{path}: no such file or directory")
    problems = check_gazetteer(path, with_default=args.with_default)
    for p in problems:
        print(f"{PROG}: {p}", file=sys.stderr)
    if problems:
        print(f"{PROG}: {path}: {len(problems)} problem(s)", file=sys.stderr)
        return 2
    g = Gazetteer.load(path, merge_default=args.with_default)
    print(f"{path}: ok ({len(g)} entities)")
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    if args.path is None:
        g = Gazetteer.default()
    else:
        if not Path(args.path).exists():
            raise _UsageError(f"{args.path}: no such file or directory")
        g = Gazetteer.load(args.path)
    types = Counter(e.type for e in g)
    aliases = sum(len(e.aliases) for e in g)
    weak = sum(len(e.weak_aliases) for e in g)
    scripts = Counter(_script(a) for e in g for a in (*e.all_names, *e.weak_aliases))
    stats = {
        "entities": len(g),
        "types": dict(sorted(types.items())),
        "aliases": aliases,
        "weak_aliases": weak,
        "names_total": len(g) + aliases + weak,
        "ambiguous_aliases": len(g.ambiguous),
        "with_wikidata": sum(1 for e in g if e.wikidata),
        "scripts": dict(scripts.most_common()),
    }
    out = _stdout()
    if args.json:
        out.write(json.dumps(stats, ensure_ascii=False) + "\n")
        return 0
    for key, value in stats.items():
        if isinstance(value, dict):
            out.write(f"{key}:\n")
            for k, v in value.items():
                out.write(f"  {k:<12} {v:>7}\n")
        else:
            out.write(f"{key:<18} {value:>7}\n")
    return 0


def _script(text: str) -> str:
    """The Unicode script of the first non-ASCII letter of ``text`` ("latin" if none)."""
    for ch in text:
        if ch.isalpha() and not ch.isascii():
            name = unicodedata.name(ch, "")
            return name.split(" ")[0].lower() or "other"
    return "latin"
