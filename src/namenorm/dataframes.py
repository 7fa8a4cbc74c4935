"""Resolution and mention finding on DataFrames: pandas, Dask and Spark.

Each engine gets the same two operations:

* **resolve**: a column of names in, five columns out: ``entity_id``, ``entity_name``,
  ``entity_type`` (strings), ``score`` (a float, 0..1) and ``reason`` (string), missing where
  nothing matches or the name is missing. The answers are exactly those of
  :meth:`Resolver.resolve_many <namenorm.Resolver.resolve_many>` on the same names; a name
  repeated in a partition or batch is resolved once.
* **annotate**: a column of texts in, one row per mention out: ``doc_index`` (the index label of
  the text; Spark: the other columns of the input row instead), ``start``, ``end``, ``text``,
  ``entity_id``, ``entity_name``, ``entity_type``, ``score``, ``reason``, as
  :meth:`Resolver.annotate <namenorm.Resolver.annotate>` finds them.

========  ==============================  ==============================  =====================
engine    resolve                         annotate                        extra
========  ==============================  ==============================  =====================
pandas    :func:`resolve_series`          :func:`annotate_series`         ``namenorm[pandas]``
Dask      :func:`resolve_dask`            :func:`annotate_dask`           ``namenorm[dask]``
Spark     :func:`resolve_spark`           :func:`annotate_spark`          ``namenorm[spark]``
========  ==============================  ==============================  =====================

The ``resolver`` argument of every function is one of:

* ``None``: the bundled gazetteer; a Dask worker or Spark executor builds its own once.
* a :class:`~namenorm.Resolver`: installed on each Dask worker once (a worker plugin) or sent
  to each Spark executor once (a broadcast variable), never once per partition. Its index is
  built once per worker process, on first use.
* the path of an index written by :meth:`Resolver.save <namenorm.Resolver.save>`: for large
  gazetteers, where loading the saved index is quicker than building it. Only the path travels;
  each worker process loads the file once and keeps it (the path must be readable there, as
  it is on one machine or on a shared file system).

pandas, Dask, pyarrow and pyspark are imported only when a function needs them: ``import
namenorm`` never does. A missing one raises :class:`MissingExtraError` with the ``pip install``
command that brings it.
"""

from __future__ import annotations

import importlib
import os
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from namenorm.errors import NamenormError
from namenorm.resolve import Resolver

if TYPE_CHECKING:  # pragma: no cover - imports for annotations only
    import dask.dataframe
    import pandas
    import pyarrow
    import pyspark.sql

__all__ = [
    "MENTION_COLUMNS",
    "MissingExtraError",
    "RESULT_COLUMNS",
    "ResolverSource",
    "annotate_dask",
    "annotate_series",
    "annotate_spark",
    "clear_cache",
    "resolve_dask",
    "resolve_series",
    "resolve_spark",
]

#: The columns that the resolve functions add, in order.
RESULT_COLUMNS: tuple[str, ...] = ("entity_id", "entity_name", "entity_type", "score", "reason")

#: The columns of the annotate functions' output, in order (Spark has no ``doc_index``).
MENTION_COLUMNS: tuple[str, ...] = (
    "doc_index", "start", "end", "text", "entity_id", "entity_name", "entity_type", "score", "reason",
)

#: What the ``resolver`` argument accepts: a resolver, the path of a saved index, or ``None``.
ResolverSource = Union[Resolver, str, "os.PathLike[str]", None]

_STRING_COLUMNS = ("entity_id", "entity_name", "entity_type", "reason")


class MissingExtraError(NamenormError, ImportError):
    """A DataFrame engine (pandas, pyarrow, Dask, pyspark) is not installed.

    Attributes:
        extra: the namenorm extra that installs it (``pandas``, ``dask`` or ``spark``).
    """

    def __init__(self, what: str, extra: str, cause: str) -> None:
        self.extra = extra
        super().__init__(f"{what} needs the {extra!r} extra ({cause}): "
                         f"pip install 'namenorm[{extra}]'")


def _require(module: str, what: str, extra: str) -> Any:
    """Import ``module`` or raise :class:`MissingExtraError` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(what, extra, f"cannot import {module}: {exc}") from None


# -- the core: plain values in, plain columns out -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Resolved:
    """Result columns for a sequence of names, as Python lists with ``None`` for missing."""

    entity_id: list[str | None]
    entity_name: list[str | None]
    entity_type: list[str | None]
    score: list[float | None]
    reason: list[str | None]


def _is_missing(value: object) -> bool:
    """``None``, NaN, ``pandas.NA`` and ``NaT``: values that stand for no name."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return type(value).__name__ in {"NAType", "NaTType"}


def _type_error(what: str, position: int, value: object, label: object = None) -> TypeError:
    item = getattr(label, "item", None)  # a numpy scalar label reads as a Python one
    if callable(item):
        label = item()
    where = f"position {position}" if label is None else f"position {position} (index {label!r})"
    return TypeError(f"{what} at {where} is of type {type(value).__name__}, not str: {value!r:.60}")


def _resolve_values(
    values: Sequence[object],
    resolver: Resolver,
    type_: str | None,
    labels: Sequence[object] | None = None,
) -> _Resolved:
    """Resolve ``values`` (strings or missing values) with ``resolver.resolve_many``, each
    distinct name once, and spread the answers back to every position."""
    unique: dict[str, int] = {}
    slots: list[int] = []  # position -> index into the distinct names, -1 for missing
    for pos, value in enumerate(values):
        if isinstance(value, str):
            slot = unique.get(value)
            if slot is None:
                slot = unique[value] = len(unique)
            slots.append(slot)
        elif _is_missing(value):
            slots.append(-1)
        else:
            raise _type_error("name", pos, value, None if labels is None else labels[pos])
    matches = resolver.resolve_many(list(unique), type=type_)
    ids: list[str | None] = []
    names: list[str | None] = []
    types: list[str | None] = []
    scores: list[float | None] = []
    reasons: list[str | None] = []
    for m in matches:
        if m is None:
            ids.append(None)
            names.append(None)
            types.append(None)
            scores.append(None)
            reasons.append(None)
        else:
            ids.append(m.entity.id)
            names.append(m.entity.name)
            types.append(m.entity.type)
            scores.append(float(m.score))
            reasons.append(m.reason)
    for col in (ids, names, types, scores, reasons):
        col.append(None)  # slot -1: a missing name
    return _Resolved(
        entity_id=[ids[s] for s in slots],
        entity_name=[names[s] for s in slots],
        entity_type=[types[s] for s in slots],
        score=[scores[s] for s in slots],
        reason=[reasons[s] for s in slots],
    )


@dataclass(frozen=True, slots=True)
class _Mentions:
    """Mention columns for a sequence of texts: ``row`` is the position of each mention's text."""

    row: list[int]
    start: list[int]
    end: list[int]
    text: list[str]
    entity_id: list[str]
    entity_name: list[str]
    entity_type: list[str]
    score: list[float]
    reason: list[str]


def _annotate_values(
    values: Sequence[object], resolver: Resolver, labels: Sequence[object] | None = None
) -> _Mentions:
    """The mentions of every text in ``values`` (missing values have none)."""
    out = _Mentions([], [], [], [], [], [], [], [], [])
    for pos, value in enumerate(values):
        if not isinstance(value, str):
            if _is_missing(value):
                continue
            raise _type_error("text", pos, value, None if labels is None else labels[pos])
        for m in resolver.annotate(value):
            out.row.append(pos)
            out.start.append(m.start)
            out.end.append(m.end)
            out.text.append(m.text)
            out.entity_id.append(m.entity.id)
            out.entity_name.append(m.entity.name)
            out.entity_type.append(m.entity.type)
            out.score.append(float(m.score))
            out.reason.append(m.reason)
    return out


# -- where the resolver comes from, once per process ----------------------------------------------

_CACHE: dict[tuple[object, ...], Resolver] = {}
_CACHE_LOCK = threading.Lock()


def _cached(key: tuple[object, ...], make: Callable[[], Resolver]) -> Resolver:
    found = _CACHE.get(key)
    if found is None:
        with _CACHE_LOCK:
            found = _CACHE.get(key)
            if found is None:
                found = _CACHE[key] = make()
    return found


def _default_resolver() -> Resolver:
    """The bundled gazetteer's resolver, one per process."""
    return _cached(("default",), Resolver)


def _load_saved(path: str) -> Resolver:
    """The resolver saved at ``path``, loaded once per process (again if the file changes)."""
    st = os.stat(path)
    return _cached(("saved", path, st.st_mtime_ns, st.st_size), lambda: Resolver.load(path))


def _cached_count() -> int:
    """How many resolvers this process holds for the engines (the bundled one and one per
    saved index loaded)."""
    return len(_CACHE)


def clear_cache() -> None:
    """Forget the resolvers loaded for the engines in this process."""
    with _CACHE_LOCK:
        _CACHE.clear()


@dataclass(frozen=True, slots=True)
class _ByPath:
    """A saved index, by path: small to send, loaded on first use in each process."""

    path: str

    def get(self) -> Resolver:
        return _load_saved(self.path)


@dataclass(frozen=True, slots=True)
class _Default:
    """The bundled gazetteer: nothing to send, built on first use in each process."""

    def get(self) -> Resolver:
        return _default_resolver()


def _source(resolver: ResolverSource) -> Resolver | _ByPath | _Default:
    """Check the ``resolver`` argument and say how it reaches the workers."""
    if resolver is None:
        return _Default()
    if isinstance(resolver, Resolver):
        return resolver
    if isinstance(resolver, (str, os.PathLike)):
        path = os.path.abspath(os.fspath(resolver))
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{path}: no saved index (write one with Resolver.save)")
        return _ByPath(path)
    raise TypeError("resolver must be a Resolver, the path of a saved index or None, "
                    f"not {type(resolver).__name__}")


def _local(resolver: ResolverSource) -> Resolver:
    """The resolver to use in this process."""
    src = _source(resolver)
    return src if isinstance(src, Resolver) else src.get()


# -- pandas ---------------------------------------------------------------------------------------


def _pandas(what: str) -> Any:
    return _require("pandas", what, "pandas")


def _result_frame(pd: Any, resolved: _Resolved, index: Any) -> pandas.DataFrame:
    data = {c: pd.array(getattr(resolved, c), dtype="string") for c in _STRING_COLUMNS}
    data["score"] = pd.array(resolved.score, dtype="Float64")
    return pd.DataFrame({c: data[c] for c in RESULT_COLUMNS}, index=index)


def _result_meta(pd: Any, index: Any) -> pandas.DataFrame:
    return _result_frame(pd, _Resolved([], [], [], [], []), index[:0])


def resolve_series(
    names: pandas.Series,
    resolver: ResolverSource = None,
    *,
    type: str | None = None,  # noqa: A002 - the name the resolver's API uses
) -> pandas.DataFrame:
    """Resolve every name of a pandas Series.

    Args:
        names: strings; missing values (``None``, NaN, ``pandas.NA``) are allowed.
        resolver: a :class:`~namenorm.Resolver`, the path of a saved index, or ``None`` for
            the bundled gazetteer.
        type: only consider entities of this type.

    Returns:
        A DataFrame with the index of ``names`` and the columns of :data:`RESULT_COLUMNS`:
        ``entity_id``, ``entity_name``, ``entity_type`` and ``reason`` of pandas' ``string``
        dtype, ``score`` of ``Float64``; ``<NA>`` where the name resolves to nothing or is
        missing. Each distinct name is resolved once.

    Raises:
        TypeError: a value is neither a string nor missing (the message gives its position,
            index label and type).
        MissingExtraError: pandas is not installed.
    """
    pd = _pandas("resolve_series")
    if not isinstance(names, pd.Series):
        raise TypeError(f"names must be a pandas Series, not {_type_name(names)}")
    resolved = _resolve_values(names.tolist(), _local(resolver), type, labels=names.index)
    return _result_frame(pd, resolved, names.index)


def _type_name(obj: object) -> str:
    """The name of ``obj``'s type with its module (``pandas.core.frame.DataFrame``)."""
    t = obj.__class__
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _mention_frame(pd: Any, found: _Mentions, index: Any) -> pandas.DataFrame:
    doc = index.take(found.row) if len(found.row) else index[:0]
    frame = pd.DataFrame({
        "doc_index": pd.Series(doc, dtype=index.dtype).array,
        "start": pd.array(found.start, dtype="Int64"),
        "end": pd.array(found.end, dtype="Int64"),
        "text": pd.array(found.text, dtype="string"),
        "entity_id": pd.array(found.entity_id, dtype="string"),
        "entity_name": pd.array(found.entity_name, dtype="string"),
        "entity_type": pd.array(found.entity_type, dtype="string"),
        "score": pd.array(found.score, dtype="Float64"),
        "reason": pd.array(found.reason, dtype="string"),
    })
    return frame


def annotate_series(texts: pandas.Series, resolver: ResolverSource = None) -> pandas.DataFrame:
    """Find the mentions in every text of a pandas Series.

    Args:
        texts: strings; missing values are allowed and have no mentions.
        resolver: a :class:`~namenorm.Resolver`, the path of a saved index, or ``None``.

    Returns:
        One row per mention, in the order of the texts and then of the mentions, with a fresh
        ``RangeIndex`` and the columns of :data:`MENTION_COLUMNS`: ``doc_index`` (the index
        label of the text, of the index's dtype), ``start`` and ``end`` (``Int64``, offsets
        into the text), ``text``, ``entity_id``, ``entity_name``, ``entity_type``, ``reason``
        (``string``) and ``score`` (``Float64``).

    Raises:
        TypeError: a value is neither a string nor missing.
        InputTooLongError: a text is over :data:`namenorm.MAX_TEXT_LENGTH`.
        MissingExtraError: pandas is not installed.
    """
    pd = _pandas("annotate_series")
    if not isinstance(texts, pd.Series):
        raise TypeError(f"texts must be a pandas Series, not {_type_name(texts)}")
    found = _annotate_values(texts.tolist(), _local(resolver), labels=texts.index)
    return _mention_frame(pd, found, texts.index)


# -- Dask -----------------------------------------------------------------------------------------


def _dask(what: str) -> Any:
    _pandas(what)
    _require("pyarrow", what, "dask")
    return _require("dask.dataframe", what, "dask")


def _dask_shipped(resolver: ResolverSource) -> Any:
    """What the Dask tasks get: a handle on the resolver's copy on their worker (installed once
    per worker) when a distributed client is running, otherwise the resolver itself; a path or
    the default travel as such."""
    src = _source(resolver)
    if not isinstance(src, Resolver):
        return src
    try:
        from distributed import default_client
    except ImportError:
        return src
    try:
        client = default_client()
    except ValueError:  # no client: the local schedulers share this process's resolver
        return src
    return _sent_to(client, src)


# A resolver sent to a cluster is installed on its workers by a worker plugin, once per
# resolver and client, and stays there while the cluster lives; every call with the same
# resolver uses those copies. (A scattered object would not do: the scheduler's memory manager
# drops its extra replicas, and the next tasks copy it to their worker again.)
_INSTALLED: weakref.WeakKeyDictionary[Resolver, tuple[weakref.ref[Any], str]] = weakref.WeakKeyDictionary()


def _sent_to(client: Any, resolver: Resolver) -> _Installed:
    """A handle on ``resolver``'s copies on the workers of ``client``, sent there once."""
    from namenorm._dask_plugin import ResolverPlugin

    with _CACHE_LOCK:
        held = _INSTALLED.get(resolver)
        if held is not None and held[0]() is client:
            return _Installed(held[1])
        token = uuid.uuid4().hex
        plugin = ResolverPlugin(token, resolver)
        client.register_plugin(plugin, name=plugin.name)
        _INSTALLED[resolver] = (weakref.ref(client), token)
        return _Installed(token)


# On a worker: the resolvers that plugins installed, by token (kept apart from _CACHE, which
# clear_cache empties; these belong to the plugin, which removes its own at teardown).
_HERE: dict[str, Resolver] = {}


def _install(token: str, resolver: Resolver) -> None:
    _HERE[token] = resolver


def _uninstall(token: str) -> None:
    _HERE.pop(token, None)


@dataclass(frozen=True, slots=True)
class _Installed:
    """A resolver that a worker plugin installed in this process."""

    token: str

    def get(self) -> Resolver:
        found = _HERE.get(self.token)
        if found is None:
            raise NamenormError("this Dask worker has no copy of the resolver (was the cluster "
                                "restarted?); call resolve_dask or annotate_dask again")
        return found


def _get(shipped: Resolver | _ByPath | _Default | _Installed) -> Resolver:
    return shipped if isinstance(shipped, Resolver) else shipped.get()


def _resolve_partition(part: pandas.Series, shipped: Any, type_: str | None) -> pandas.DataFrame:
    import pandas as pd

    resolved = _resolve_values(part.tolist(), _get(shipped), type_, labels=part.index)
    return _result_frame(pd, resolved, part.index)


def _annotate_partition(part: pandas.Series, shipped: Any) -> pandas.DataFrame:
    import pandas as pd

    return _mention_frame(pd, _annotate_values(part.tolist(), _get(shipped), labels=part.index),
                          part.index)


def resolve_dask(
    names: dask.dataframe.Series,
    resolver: ResolverSource = None,
    *,
    type: str | None = None,  # noqa: A002
) -> dask.dataframe.DataFrame:
    """Resolve every name of a Dask Series, partition by partition, lazily.

    With a ``distributed`` client running, a :class:`~namenorm.Resolver` is installed on every
    worker once, by a worker plugin (workers that join later get it too), and each task uses
    the copy on its worker; the copies stay for the cluster's lifetime and serve every later
    call with the same resolver. A saved index path is loaded once per worker process. Without
    a client (Dask's local schedulers) the tasks share this process's resolver.

    Args:
        names: a Dask Series of strings (missing values allowed).
        resolver: a :class:`~namenorm.Resolver`, the path of a saved index, or ``None``.
        type: only consider entities of this type.

    Returns:
        A lazy Dask DataFrame with the index and partitions of ``names`` and the columns and
        dtypes of :func:`resolve_series` (declared as ``meta``). Computed, it equals
        ``resolve_series(names.compute(), resolver, type=type)``.

    Raises:
        MissingExtraError: Dask, pandas or pyarrow is not installed.
        TypeError (when computed): a value is neither a string nor missing.
    """
    dd = _dask("resolve_dask")
    import pandas as pd

    if not isinstance(names, dd.Series):
        raise TypeError(f"names must be a dask.dataframe.Series, not {_type_name(names)}")
    meta = _result_meta(pd, names._meta.index)
    return names.map_partitions(_resolve_partition, _dask_shipped(resolver), type, meta=meta,
                                align_dataframes=False)


def annotate_dask(texts: dask.dataframe.Series, resolver: ResolverSource = None) -> dask.dataframe.DataFrame:
    """Find the mentions in every text of a Dask Series, partition by partition, lazily.

    The resolver reaches the workers as in :func:`resolve_dask`.

    Returns:
        A lazy Dask DataFrame with the columns and dtypes of :func:`annotate_series`; each
        partition holds the mentions of the texts of the same input partition, with an index
        that starts at 0 in every partition (``doc_index`` tells the texts apart). Its
        divisions are unknown.

    Raises:
        MissingExtraError: Dask, pandas or pyarrow is not installed.
    """
    dd = _dask("annotate_dask")
    import pandas as pd

    if not isinstance(texts, dd.Series):
        raise TypeError(f"texts must be a dask.dataframe.Series, not {_type_name(texts)}")
    meta = _mention_frame(pd, _Mentions([], [], [], [], [], [], [], [], []), texts._meta.index)
    return texts.map_partitions(_annotate_partition, _dask_shipped(resolver), meta=meta,
                                align_dataframes=False, clear_divisions=True)


# -- Spark ----------------------------------------------------------------------------------------


def _spark(what: str) -> Any:
    _require("pyarrow", what, "spark")
    return _require("pyspark.sql", what, "spark")


@dataclass(frozen=True, slots=True)
class _Broadcast:
    """A resolver in a Spark broadcast variable: each executor process reads it once."""

    variable: Any

    def get(self) -> Resolver:
        value = self.variable.value
        assert isinstance(value, Resolver)
        return value


def _spark_shipped(spark_df: Any, resolver: ResolverSource) -> _Broadcast | _ByPath | _Default:
    src = _source(resolver)
    if not isinstance(src, Resolver):
        return src
    try:
        context = spark_df.sparkSession.sparkContext
    except Exception as exc:  # noqa: BLE001 - Spark Connect has no SparkContext
        raise NamenormError(
            "this Spark session cannot broadcast a Resolver (no SparkContext: Spark Connect?); "
            "save it with Resolver.save(path) where the executors can read it and pass the path"
        ) from exc
    return _Broadcast(context.broadcast(src))


def _check_spark_input(spark_df: Any, column: str, new: Sequence[str], what: str, *,
                       replaced: bool = False) -> None:
    """``column`` must be a string column of ``spark_df``, and no other column (nor ``column``
    itself, unless the output drops it: ``replaced``) may have the name of a new column."""
    from pyspark.sql.types import StringType

    fields = {f.name: f for f in spark_df.schema.fields}
    if column not in fields:
        raise ValueError(f"{what}: no column {column!r} (columns: {', '.join(fields)})")
    if not isinstance(fields[column].dataType, StringType):
        raise TypeError(f"{what}: column {column!r} is {fields[column].dataType.simpleString()}, "
                        "not string")
    clash = [c for c in new if c in fields and not (replaced and c == column)]
    if clash:
        raise ValueError(f"{what}: the input already has column(s) {', '.join(clash)}; "
                         "rename or drop them first")


def _arrow_result_arrays(pa: Any, resolved: _Resolved) -> list[pyarrow.Array]:
    return [pa.array(resolved.score, type=pa.float64()) if c == "score"
            else pa.array(getattr(resolved, c), type=pa.string()) for c in RESULT_COLUMNS]


def _spark_resolve_batches(shipped: Any, column: str, type_: str | None
                           ) -> Callable[[Iterable[pyarrow.RecordBatch]], Iterator[pyarrow.RecordBatch]]:
    def run(batches: Iterable[pyarrow.RecordBatch]) -> Iterator[pyarrow.RecordBatch]:
        import pyarrow as pa

        resolver = _get(shipped)
        for batch in batches:
            values = batch.column(batch.schema.get_field_index(column)).to_pylist()
            resolved = _resolve_values(values, resolver, type_)
            yield pa.RecordBatch.from_arrays(
                [*batch.columns, *_arrow_result_arrays(pa, resolved)],
                names=[*batch.schema.names, *RESULT_COLUMNS],
            )

    return run


def resolve_spark(
    df: pyspark.sql.DataFrame,
    column: str,
    resolver: ResolverSource = None,
    *,
    type: str | None = None,  # noqa: A002
) -> pyspark.sql.DataFrame:
    """Resolve the names in ``column`` of a Spark DataFrame, through Arrow (``mapInArrow``).

    A :class:`~namenorm.Resolver` goes to the executors as one broadcast variable (read once per
    executor process, its index built there once); a saved index path is loaded once per
    executor process.

    Args:
        df: a Spark DataFrame.
        column: the name of a string column of ``df``; nulls are allowed.
        resolver: a :class:`~namenorm.Resolver`, the path of a saved index, or ``None``.
        type: only consider entities of this type.

    Returns:
        A lazy Spark DataFrame: the rows and columns of ``df`` followed by ``entity_id``,
        ``entity_name``, ``entity_type``, ``reason`` (string) and ``score`` (double), in the
        order of :data:`RESULT_COLUMNS`, null where nothing matches or the name is null.

    Raises:
        ValueError: ``column`` is not in ``df``, or ``df`` already has a result column.
        TypeError: ``column`` is not a string column.
        MissingExtraError: pyspark or pyarrow is not installed.
    """
    _spark("resolve_spark")
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    _check_spark_input(df, column, RESULT_COLUMNS, "resolve_spark")
    schema = StructType([
        *df.schema.fields,
        *(StructField(c, DoubleType() if c == "score" else StringType(), True) for c in RESULT_COLUMNS),
    ])
    return df.mapInArrow(_spark_resolve_batches(_spark_shipped(df, resolver), column, type), schema)


def _spark_annotate_batches(shipped: Any, column: str
                            ) -> Callable[[Iterable[pyarrow.RecordBatch]], Iterator[pyarrow.RecordBatch]]:
    def run(batches: Iterable[pyarrow.RecordBatch]) -> Iterator[pyarrow.RecordBatch]:
        import pyarrow as pa

        resolver = _get(shipped)
        for batch in batches:
            at = batch.schema.get_field_index(column)
            found = _annotate_values(batch.column(at).to_pylist(), resolver)
            rows = pa.array(found.row, type=pa.int64())
            kept = [batch.column(i).take(rows) for i in range(batch.num_columns) if i != at]
            names = [n for i, n in enumerate(batch.schema.names) if i != at]
            yield pa.RecordBatch.from_arrays(
                [*kept,
                 pa.array(found.start, type=pa.int64()), pa.array(found.end, type=pa.int64()),
                 pa.array(found.text, type=pa.string()),
                 pa.array(found.entity_id, type=pa.string()),
                 pa.array(found.entity_name, type=pa.string()),
                 pa.array(found.entity_type, type=pa.string()),
                 pa.array(found.score, type=pa.float64()),
                 pa.array(found.reason, type=pa.string())],
                names=[*names, *MENTION_COLUMNS[1:]],
            )

    return run


def annotate_spark(df: pyspark.sql.DataFrame, column: str, resolver: ResolverSource = None) -> pyspark.sql.DataFrame:
    """Find the mentions in the texts of ``column`` of a Spark DataFrame, through Arrow.

    Spark rows have no position, so instead of ``doc_index`` every mention row carries the
    other columns of its input row (keep an id column in ``df`` to tell the documents apart).
    The resolver reaches the executors as in :func:`resolve_spark`.

    Returns:
        A lazy Spark DataFrame, one row per mention: the columns of ``df`` other than
        ``column``, then ``start``, ``end`` (long), ``text``, ``entity_id``, ``entity_name``,
        ``entity_type`` (string), ``score`` (double), ``reason`` (string). Texts without
        mentions, and null texts, give no rows.

    Raises:
        ValueError: ``column`` is not in ``df``, or another column has a mention column's name.
        TypeError: ``column`` is not a string column.
        MissingExtraError: pyspark or pyarrow is not installed.
    """
    _spark("annotate_spark")
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    _check_spark_input(df, column, MENTION_COLUMNS[1:], "annotate_spark", replaced=True)
    types = {"start": LongType(), "end": LongType(), "score": DoubleType()}
    schema = StructType([
        *(f for f in df.schema.fields if f.name != column),
        *(StructField(c, types.get(c, StringType()), True) for c in MENTION_COLUMNS[1:]),
    ])
    return df.mapInArrow(_spark_annotate_batches(_spark_shipped(df, resolver), column), schema)

