"""The ``namenorm`` command: lookups and checks from the shell and in pipelines.

Exit status: 0 on success; 1 when ``--fail-on-miss`` is given and a name did not resolve;
2 for usage errors and bad input (a missing or unreadable file, a directory given as a file,
a broken gazetteer, a table without the asked-for column, a missing optional package). Errors
are one line on standard error, never a traceback.

``lookup --input FILE`` reads a table (CSV, JSON Lines or Parquet, by extension) and, with
``--output FILE``, writes its rows back with the columns ``entity_id``, ``entity_name``,
``entity_type``, ``score`` and ``reason`` added, as :func:`namenorm.dataframes.resolve_series`
gives them. Aligned tables are aligned by display width (a CJK character takes two columns).

Standard input is read as UTF-8; bytes that are not valid UTF-8 are replaced with U+FFFD and
the line is still processed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

from namenorm import __version__
from namenorm._tabular import Table, format_of, read_table, write_table
from namenorm.errors import NamenormError
from namenorm.gazetteer import ENTITY_TYPES, Gazetteer, check_gazetteer
from namenorm.mentions import Mention
from namenorm.normalize import normalize
from namenorm.render import render_html
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
        sp.add_argument("--index", metavar="FILE",
                        help="a saved index (from 'namenorm index build') instead of gazetteers")

    lk = sub.add_parser("lookup", help="resolve names (arguments, or one per line on stdin)",
                        description="Resolve each NAME, or each line of standard input when no "
                                    "NAME is given (streamed: one result per input line, in "
                                    "order).")
    lk.add_argument("names", nargs="*", metavar="NAME")
    gaz_options(lk)
    lk.add_argument("--type", "-t", metavar="TYPE",
                    help="only entities of this type (a type of the gazetteer, such as "
                         f"{', '.join(sorted(ENTITY_TYPES))}, or a family: person, org, place, "
                         "vessel, aircraft, other)")
    lk.add_argument("--top", "-k", type=_positive_int, default=None, metavar="K",
                    help="show the K best candidates with their scores")
    lk.add_argument("--json", action="store_true", help="JSON Lines, one object per query")
    lk.add_argument("--fail-on-miss", action="store_true",
                    help="exit with status 1 if any name did not resolve")
    lk.add_argument("--input", "-i", metavar="FILE",
                    help="a table of names: .csv (with a header row), .jsonl or .parquet")
    lk.add_argument("--column", "-c", default="name", metavar="NAME",
                    help="the column of --input that holds the names (default: name)")
    lk.add_argument("--output", "-o", metavar="FILE",
                    help="write the --input rows with entity_id, entity_name, entity_type, "
                         "score and reason added: .csv, .jsonl or .parquet")
    lk.add_argument("--jobs", "-j", type=_positive_int, default=1, metavar="N",
                    help="resolve --input with N processes (default 1)")
    lk.set_defaults(func=_cmd_lookup)

    an = sub.add_parser("annotate", help="find and resolve entity mentions in a text",
                        description="Find entity mentions in FILE (or standard input for '-').")
    an.add_argument("file", metavar="FILE|-")
    gaz_options(an)
    an_format = an.add_mutually_exclusive_group()
    an_format.add_argument("--json", action="store_true", help="JSON Lines, one object per mention")
    an_format.add_argument("--html", action="store_true",
                           help="one self-contained HTML page: the text with its mentions marked")
    an.set_defaults(func=_cmd_annotate)

    ix = sub.add_parser("index", help="build a saved index for --index")
    isub = ix.add_subparsers(dest="index_command", metavar="SUBCOMMAND", required=True)
    ib = isub.add_parser("build", help="build the index of gazetteer LISTs and save it",
                         description="Build the resolver index of the LISTs (TOML, CSV or JSON "
                                     "Lines files or directories), added to the bundled "
                                     "gazetteer unless --no-default, and save it to FILE for "
                                     "--index FILE.")
    ib.add_argument("lists", nargs="+", metavar="LIST")
    ib.add_argument("--output", "-o", required=True, metavar="FILE", help="the index file to write")
    ib.add_argument("--no-default", action="store_true",
                    help="only the LISTs, not the bundled gazetteer")
    ib.set_defaults(func=_cmd_index_build)

    nm = sub.add_parser("normalize", help="print the normal form of each TEXT")
    nm.add_argument("texts", nargs="+", metavar="TEXT")
    nm.set_defaults(func=_cmd_normalize)

    cp = sub.add_parser("compare", help="score two names against each other")
    cp.add_argument("a", metavar="A")
    cp.add_argument("b", metavar="B")
    cp.add_argument("--type", "-t", dest="pair_type", metavar="TYPE",
                    help="the type of both entities (person, org, company, place, vessel...)")
    cp.add_argument("--person", action="store_true",
                    help="the same as --type person (kept for older scripts)")
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


def _resolver(args: argparse.Namespace) -> Resolver:
    """The resolver the options ask for: a saved ``--index``, or the gazetteers."""
    if getattr(args, "index", None) is None:
        return Resolver(_gazetteer(args))
    if args.gazetteer or args.no_default:
        raise _UsageError("--index FILE holds its gazetteer: it cannot be combined with "
                          "--gazetteer or --no-default")
    path = Path(args.index)
    if path.is_dir():
        raise _UsageError(f"{path}: is a directory, not an index file")
    if not path.exists():
        raise _UsageError(f"{path}: no such file")
    return Resolver.load(path)


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


def _match_json(query: str | None, m: Match | None) -> dict[str, object]:
    return {
        "query": query,
        "entity": _entity_json(m),
        "score": None if m is None else m.score,
        "alias": None if m is None else m.alias,
        "reason": None if m is None else m.reason,
    }


def _char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for wide and full-width (CJK), 0 for combining
    marks and format characters, 1 otherwise."""
    if ch.isascii():
        return 1 if ch.isprintable() else 0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    """Display width of ``text`` in terminal columns."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(_char_width, text))


def _clip(text: str, width: int) -> str:
    """``text`` on one line, cut with an ellipsis to at most ``width`` columns."""
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    """``text`` clipped and padded with spaces to exactly ``width`` columns."""
    text = _clip(text, width)
    return text + " " * (width - _width(text))


class _Progress:
    """Progress on standard error, only when it is a terminal: a line count while streaming,
    a bar when the total is known."""

    def __init__(self, total: int | None = None, *, what: str = "lines") -> None:
        self.enabled = sys.stderr.isatty()
        self.total = total
        self.what = what
        self.count = 0
        self.start = self.last = time.monotonic()
        self.shown = False

    def tick(self, n: int = 1) -> None:
        self.count += n
        if not self.enabled:
            return
        now = time.monotonic()
        if self.total is None:
            if self.count % 1000 == 0 and now - self.last >= 1.0:
                self.last = now
                self._show(f"{self.count:,} {self.what}")
        elif now - self.last >= 0.2 or self.count >= self.total:
            self.last = now
            self._show(self.bar(now - self.start))

    def bar(self, elapsed: float, width: int = 30) -> str:
        """The progress bar text: ``[#####.....]  50% 1,000/2,000 names, 480/s``."""
        total = max(self.total or 0, 1)
        done = min(self.count, total)
        filled = width * done // total
        rate = f", {self.count / elapsed:,.0f}/s" if elapsed > 0 else ""
        return (f"[{'#' * filled}{'.' * (width - filled)}] {100 * done // total:>3}% "
                f"{self.count:,}/{self.total:,} {self.what}{rate}")

    def _show(self, text: str) -> None:
        self.shown = True
        sys.stderr.write(f"\r{PROG}: {text}\033[K")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


# -- commands -----------------------------------------------------------------------------------


def _cmd_lookup(args: argparse.Namespace) -> int:
    if args.input is not None:
        return _lookup_table(args)
    for option, given in (("--output", args.output), ("--jobs", args.jobs > 1)):
        if given:
            raise _UsageError(f"{option} goes with --input FILE")
    resolver = _resolver(args)
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
            out.write(_lookup_json(query, best, cands if args.top else None))
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
    _write_aligned(out, rows)
    out.flush()
    return 1 if args.fail_on_miss and misses else 0


def _lookup_json(query: str | None, best: Match | None, cands: list[Match] | None) -> str:
    obj = _match_json(query, best)
    if cands is not None:
        obj["candidates"] = [
            {**(_entity_json(c) or {}), "score": c.score, "alias": c.alias, "reason": c.reason}
            for c in cands
        ]
    return json.dumps(obj, ensure_ascii=False) + "\n"


def _write_aligned(out: TextIO, rows: Sequence[tuple[str, list[Match], Match | None]]) -> None:
    """The lookup table: one row per query, columns aligned by display width."""
    if not rows:
        return
    wq = min(max(_width(_clip(q, 40)) for q, _, _ in rows), 40)
    wq = max(wq, len("QUERY"))
    wn = min(max([len("(no match)")] + [_width(_clip(b.entity.name, 40)) for _, _, b in rows if b]), 40)
    out.write(f"{_pad('QUERY', wq)}  {_pad('ENTITY', wn)}  {'TYPE':<9}  {'SCORE':>5}  REASON\n")
    for query, cands, best in rows:
        out.write(_format_row(query, best, (wq, wn)) + "\n")
        for c in cands:
            out.write(_format_candidate(c) + "\n")


def _format_row(query: str, m: Match | None, widths: tuple[int, int]) -> str:
    wq, wn = widths
    q = _pad(query, wq)
    if m is None:
        return f"{q}  {_pad('(no match)', wn)}  {'-':<9}  {'-':>5}  -"
    return (f"{q}  {_pad(m.entity.name, wn)}  {m.entity.type:<9}  "
            f"{m.score:>5.2f}  {m.reason} [{m.entity.id}]")


def _format_candidate(c: Match) -> str:
    return f"    {c.score:>5.2f}  {c.entity.name} [{c.entity.id}, {c.entity.type}] via {c.alias!r} ({c.reason})"


# -- lookup --input: tables, in one or several processes -----------------------------------------

#: The columns ``lookup --output`` adds, those of :func:`namenorm.dataframes.resolve_series`.
RESULT_COLUMNS = ("entity_id", "entity_name", "entity_type", "score", "reason")
_CHUNK = 500  # distinct names per task: progress stays smooth, pickling overhead stays small
_worker_resolver: Resolver | None = None


def _init_worker(resolver: Resolver | None, index_path: str | None) -> None:
    global _worker_resolver
    _worker_resolver = Resolver.load(index_path) if index_path is not None else resolver


def _resolve_chunk(chunk: list[str], type_: str | None) -> list[Match | None]:
    assert _worker_resolver is not None
    return _worker_resolver.resolve_many(chunk, type=type_)


def _table_names(table: Table, column: str) -> list[str | None]:
    """The names in ``column``: strings, ``None`` where the value is missing (null or empty)."""
    names: list[str | None] = []
    for row_number, value in enumerate(table.values(column), 1):
        if value is None or value == "":
            names.append(None)
        elif isinstance(value, str):
            names.append(value)
        else:
            raise _UsageError(f"{table.path}: row {row_number}: column {column!r} holds a "
                              f"{type(value).__name__} ({value!r:.40}), not a name")
    return names


def _resolve_distinct(resolver: Resolver, names: list[str], *, type_: str | None, jobs: int,
                      index_path: str | None, tick: Callable[[int], None]) -> list[Match | None]:
    """``resolver.resolve_many(names)`` for distinct ``names``, in ``jobs`` processes."""
    chunks = [names[i:i + _CHUNK] for i in range(0, len(names), _CHUNK)]
    found: list[Match | None] = []
    if jobs == 1 or len(chunks) < 2:
        for chunk in chunks:
            found += resolver.resolve_many(chunk, type=type_)
            tick(len(chunk))
        return found
    if "fork" in multiprocessing.get_all_start_methods():
        # The workers start as copies of this process, its index already built (the first
        # chunk, resolved here, builds it), and share its memory until they write to it.
        found += resolver.resolve_many(chunks[0], type=type_)
        tick(len(chunks[0]))
        chunks = chunks[1:]
        context: multiprocessing.context.BaseContext = multiprocessing.get_context("fork")
        initargs: tuple[Resolver | None, str | None] = (resolver, None)
    else:  # pragma: no cover - platforms without fork
        context = multiprocessing.get_context("spawn")
        initargs = (None, index_path) if index_path is not None else (resolver, None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=initargs) as pool:
        for chunk, answers in zip(chunks, pool.map(_resolve_chunk, chunks, [type_] * len(chunks))):
            found += answers
            tick(len(chunk))
    return found


def _lookup_table(args: argparse.Namespace) -> int:
    if args.names:
        raise _UsageError("give names as arguments or in --input FILE, not both")
    if args.output is not None and args.top:
        raise _UsageError("--top cannot be written to --output; use --json instead")
    table = read_table(args.input)
    names = _table_names(table, args.column)
    if args.output is not None:
        format_of(args.output)  # an unknown extension fails before any work
        clash = [c for c in RESULT_COLUMNS if c in table.columns]
        if clash:
            raise _UsageError(f"{table.path}: already has column(s) {', '.join(clash)}; "
                              "rename them before resolving")
    resolver = _resolver(args)
    distinct = list(dict.fromkeys(n for n in names if n is not None))
    progress = _Progress(len(distinct), what="names")
    try:
        answers = _resolve_distinct(resolver, distinct, type_=args.type, jobs=args.jobs,
                                    index_path=args.index, tick=progress.tick)
    finally:
        progress.done()
    memo = dict(zip(distinct, answers))
    best = [None if n is None else memo[n] for n in names]
    misses = sum(m is None for m in best)
    if args.output is not None:
        added: dict[str, list[object]] = {
            "entity_id": [None if m is None else m.entity.id for m in best],
            "entity_name": [None if m is None else m.entity.name for m in best],
            "entity_type": [None if m is None else m.entity.type for m in best],
            "score": [None if m is None else float(m.score) for m in best],
            "reason": [None if m is None else m.reason for m in best],
        }
        assert tuple(added) == RESULT_COLUMNS
        write_table(args.output, table, added)
    else:
        out = _stdout()
        if args.json:
            for name, m in zip(names, best):
                cands = (resolver.candidates(name, limit=args.top, type=args.type)
                         if args.top and name is not None else [] if args.top else None)
                out.write(_lookup_json(name, m, cands))
        else:
            _write_aligned(out, [
                (name or "", resolver.candidates(name, limit=args.top, type=args.type)
                 if args.top and name else [], m)
                for name, m in zip(names, best)
            ])
        out.flush()
    return 1 if args.fail_on_miss and misses else 0


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


# -- annotate: one writer per output format ------------------------------------------------------


def _mentions_json(out: TextIO, text: str, mentions: Sequence[Mention]) -> None:
    for m in mentions:
        out.write(json.dumps({
            "start": m.start, "end": m.end, "text": m.text, "entity": m.entity.id,
            "name": m.entity.name, "type": m.entity.type, "score": m.score,
            "reason": m.reason,
        }, ensure_ascii=False) + "\n")


def _mentions_table(out: TextIO, text: str, mentions: Sequence[Mention]) -> None:
    for m in mentions:
        out.write(f"{m.start:>7}-{m.end:<7} {_pad(m.text, 30)}  {m.entity.name} "
                  f"[{m.entity.id}, {m.entity.type}] {m.score:.2f} {m.reason}\n")
    n = len({m.entity.id for m in mentions})
    out.write(f"{len(mentions)} mentions of {n} entities\n")


def _mentions_html(out: TextIO, text: str, mentions: Sequence[Mention]) -> None:
    out.write(render_html(text, mentions))


#: Writers of ``annotate`` output by format: each gets the stream, the text and its mentions.
_MENTION_WRITERS: dict[str, Callable[[TextIO, str, Sequence[Mention]], None]] = {
    "json": _mentions_json,
    "table": _mentions_table,
    "html": _mentions_html,
}


def _annotate_format(args: argparse.Namespace) -> str:
    return "json" if args.json else "html" if args.html else "table"


def _cmd_annotate(args: argparse.Namespace) -> int:
    text = _read_text_arg(args.file)
    resolver = _resolver(args)
    out = _stdout()
    mentions = resolver.annotate(text)
    _MENTION_WRITERS[_annotate_format(args)](out, text, mentions)
    out.flush()
    return 0


def _cmd_index_build(args: argparse.Namespace) -> int:
    out_path = Path(args.output)
    if out_path.is_dir():
        raise _UsageError(f"{out_path}: is a directory, not a file")
    if not out_path.parent.is_dir():
        raise _UsageError(f"{out_path.parent}: no such directory")
    started = time.perf_counter()
    gaz = _gazetteer(argparse.Namespace(gazetteer=args.lists, no_default=args.no_default))
    resolver = Resolver(gaz)
    try:
        resolver.save(out_path)
    except OSError as exc:
        raise _UsageError(f"{out_path}: cannot write: {exc.strerror or exc}") from None
    names = sum(len(e.all_names) + len(e.weak_aliases) for e in gaz)
    print(f"{out_path}: {len(gaz):,} entities, {names:,} names, built and saved in "
          f"{time.perf_counter() - started:.1f} s", file=_stdout())
    return 0


def _cmd_normalize(args: argparse.Namespace) -> int:
    out = _stdout()
    for text in args.texts:
        out.write(normalize(text) + "\n")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    score = compare(args.a, args.b, type="person" if args.person else args.pair_type)
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
