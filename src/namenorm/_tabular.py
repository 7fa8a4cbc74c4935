"""Tables of rows for the command line: CSV, JSON Lines and Parquet, chosen by file extension.

CSV and JSON Lines need nothing beyond the standard library; Parquet needs pyarrow (the
``pandas`` extra). Every problem with a file is a :class:`TableError` whose message names the
file (and the line, where there is one), fit for one line on standard error.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from namenorm.errors import NamenormError

__all__ = ["FORMATS", "Table", "TableError", "format_of", "read_table", "write_table"]

#: File extensions and the format each one means.
FORMATS: dict[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


class TableError(NamenormError):
    """A table file that cannot be read or written (or a format that is not known)."""


@dataclass(frozen=True, slots=True)
class Table:
    """Rows read from a file.

    Attributes:
        path: where they came from.
        columns: column names, in file order (for JSON Lines: in order of first appearance).
        rows: one mapping per row; a JSON Lines row may lack some columns.
        schema: the pyarrow schema of a Parquet file, kept so that its columns keep their types
            when written back; ``None`` for the other formats.
    """

    path: Path
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    schema: Any = None

    def values(self, column: str) -> list[Any]:
        """The values of ``column``, one per row (``None`` where a row lacks it).

        Raises:
            TableError: no such column.
        """
        if column not in self.columns:
            shown = ", ".join(self.columns[:12]) + (", ..." if len(self.columns) > 12 else "")
            raise TableError(f"{self.path}: no column {column!r} (columns: {shown or 'none'})")
        return [row.get(column) for row in self.rows]


def format_of(path: str | Path) -> str:
    """The format a file name asks for: ``csv``, ``jsonl`` or ``parquet``.

    Raises:
        TableError: the extension is not one of :data:`FORMATS`.
    """
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise TableError(f"{path}: unknown file type {suffix or '(no extension)'!r}; "
                         f"use one of {known}") from None


def _pyarrow(action: str) -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise TableError(f"{action} Parquet needs pyarrow: pip install 'namenorm[pandas]'") from None
    return pyarrow, pyarrow.parquet


def read_table(path: str | Path) -> Table:
    """Read a CSV (header row, UTF-8), JSON Lines (one object per line) or Parquet file.

    Raises:
        TableError: unknown extension, missing or unreadable file, malformed content.
    """
    path = Path(path)
    fmt = format_of(path)
    if path.is_dir():
        raise TableError(f"{path}: is a directory, not a file")
    if not path.exists():
        raise TableError(f"{path}: no such file")
    try:
        if fmt == "csv":
            return _read_csv(path)
        if fmt == "jsonl":
            return _read_jsonl(path)
        return _read_parquet(path)
    except OSError as exc:
        raise TableError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _read_csv(path: Path) -> Table:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader, None)
            if header is None:
                raise TableError(f"{path}: empty file, no header row")
            if len(set(header)) != len(header):
                raise TableError(f"{path}:1: repeated column names in the header")
            rows = []
            for record in reader:
                if not record:
                    continue  # a blank line
                if len(record) > len(header):
                    raise TableError(f"{path}:{reader.line_num}: {len(record)} fields, "
                                     f"the header has {len(header)}")
                rows.append(dict(zip(header, record)))
        except csv.Error as exc:
            raise TableError(f"{path}:{reader.line_num}: bad CSV: {exc}") from None
    return Table(path, tuple(header), rows)


def _read_jsonl(path: Path) -> Table:
    columns: dict[str, None] = {}
    rows = []
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TableError(f"{path}:{number}: not JSON: {exc.msg}") from None
            if not isinstance(obj, dict):
                raise TableError(f"{path}:{number}: a JSON {type(obj).__name__}, not an object")
            columns.update(dict.fromkeys(obj))
            rows.append(obj)
    return Table(path, tuple(columns), rows)


def _read_parquet(path: Path) -> Table:
    pa, pq = _pyarrow("reading")
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, ValueError) as exc:
        raise TableError(f"{path}: not a readable Parquet file ({_first_line(exc)})") from None
    return Table(path, tuple(table.column_names), table.to_pylist(), table.schema)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def write_table(path: str | Path, table: Table, added: Mapping[str, Sequence[Any]]) -> None:
    """Write ``table``'s rows with the ``added`` columns (one value per row) after its own, in
    the format ``path``'s extension names. The file is replaced only once it is complete.

    Raises:
        TableError: unknown extension, an added column that the table already has, or the
            file cannot be written.
    """
    path = Path(path)
    fmt = format_of(path)
    clash = [c for c in added if c in table.columns]
    if clash:
        raise TableError(f"{table.path}: already has column(s) {', '.join(clash)}; "
                         "rename them before resolving")
    if path.is_dir():
        raise TableError(f"{path}: is a directory, not a file")
    columns = [*table.columns, *added]
    rows = [{**row, **{c: values[i] for c, values in added.items()}} for i, row in enumerate(table.rows)]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if fmt == "csv":
            _write_csv(tmp, columns, rows)
        elif fmt == "jsonl":
            _write_jsonl(tmp, rows)
        else:
            _write_parquet(tmp, table, columns, rows, added)
        os.replace(tmp, path)
    except OSError as exc:
        raise TableError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row.get(c)) for c in columns])


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _write_parquet(path: Path, table: Table, columns: list[str], rows: list[dict[str, Any]],
                   added: Mapping[str, Sequence[Any]]) -> None:
    pa, pq = _pyarrow("writing")
    fields = list(table.schema) if table.schema is not None else [
        pa.field(c, pa.string()) if all(isinstance(r.get(c), (str, type(None))) for r in table.rows)
        else pa.field(c, _infer(pa, [r.get(c) for r in table.rows], c, table.path))
        for c in table.columns
    ]
    fields += [pa.field(c, pa.float64() if all(isinstance(v, (float, type(None))) for v in values)
                        else pa.string()) for c, values in added.items()]
    try:
        out = pa.Table.from_pylist(rows, schema=pa.schema(fields)).select(columns)
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise TableError(f"{table.path}: cannot be written as Parquet ({_first_line(exc)})") from None
    pq.write_table(out, path)


def _infer(pa: Any, values: list[Any], column: str, source: Path) -> Any:
    try:
        return pa.array(values).type
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise TableError(f"{source}: column {column!r} mixes types that Parquet cannot hold "
                         f"({_first_line(exc)})") from None
