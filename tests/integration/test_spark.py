"""resolve_spark and annotate_spark on a local Spark session (local[2]): the same answers as
Resolver.resolve_many and Resolver.annotate, through Arrow batches."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from namenorm import Resolver
from namenorm import dataframes
from namenorm.dataframes import MENTION_COLUMNS, RESULT_COLUMNS, annotate_spark, resolve_spark

from .conftest import TEXTS, names_for_engines, require

require("pyarrow")
require("pyspark")

pytestmark = [
    pytest.mark.engines,
    # pyspark 4.x warns about pandas 3 when it sets up any Arrow UDF, mapInArrow included, which
    # does not use pandas at all.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


def _expected(resolver: Resolver, names: list[str | None], type_: str | None = None) -> list[tuple[object, ...]]:
    distinct = list(dict.fromkeys(n for n in names if n is not None))
    memo = dict(zip(distinct, resolver.resolve_many(distinct, type=type_)))
    out = []
    for n in names:
        m = None if n is None else memo[n]
        out.append((None,) * 5 if m is None else
                   (m.entity.id, m.entity.name, m.entity.type, m.score, m.reason))
    return out


def _frame(spark: Any, names: list[str | None], partitions: int) -> Any:
    rows = [(i, n) for i, n in enumerate(names)]
    return spark.createDataFrame(rows, "row long, name string").repartition(partitions)


def test_local_2_gives_what_resolve_many_gives(spark: Any, user_resolver: Resolver) -> None:
    names = names_for_engines(user_resolver)
    out = resolve_spark(_frame(spark, names, 6), "name", user_resolver)
    assert out.columns == ["row", "name", *RESULT_COLUMNS]
    assert dict(out.dtypes)["score"] == "double" and dict(out.dtypes)["entity_id"] == "string"
    rows = sorted(out.collect(), key=lambda r: r["row"])
    assert [r["row"] for r in rows] == list(range(len(names)))
    assert [r["name"] for r in rows] == names
    assert [tuple(r[c] for c in RESULT_COLUMNS) for r in rows] == _expected(user_resolver, names)
    assert sum(r["entity_id"] is not None for r in rows) > len(names) // 2


def test_type_and_a_saved_index(spark: Any, user_resolver: Resolver, tmp_path: Path) -> None:
    path = tmp_path / "user.idx"
    user_resolver.save(path)
    names = names_for_engines(user_resolver)[:700]
    out = resolve_spark(_frame(spark, names, 4), "name", str(path), type="place")
    rows = sorted(out.collect(), key=lambda r: r["row"])
    assert [tuple(r[c] for c in RESULT_COLUMNS) for r in rows] == _expected(user_resolver, names, "place")
    # Each Python worker process (as the same kind of job meets them: Arrow batches) holds
    # the loaded file once, whatever the number of tasks that used it.
    loads = [r["count"] for r in spark.range(0, 8, numPartitions=8).mapInArrow(
        _probe_cache, "pid long, count long").collect()]
    assert max(loads) == 1


def _probe_cache(batches: Any) -> Any:
    import pyarrow as pa

    for _ in batches:
        yield pa.RecordBatch.from_pydict({"pid": [os.getpid()], "count": [dataframes._cached_count()]})


def test_the_resolver_travels_by_broadcast(spark: Any) -> None:
    """The function each task runs holds a small handle, not the resolver."""
    from pyspark import cloudpickle

    resolver = Resolver()
    df = _frame(spark, ["Hifter"], 1)
    shipped = dataframes._spark_shipped(df, resolver)
    task = dataframes._spark_resolve_batches(shipped, "name", None)
    assert len(cloudpickle.dumps(task)) < 20_000 < len(cloudpickle.dumps(resolver))
    assert shipped.get() is shipped.get()  # one copy per process, read once


def test_annotate_spark_is_annotate(spark: Any, user_resolver: Resolver) -> None:
    df = spark.createDataFrame([(i, t) for i, t in enumerate(TEXTS)], "doc long, text string")
    out = annotate_spark(df.repartition(3), "text", user_resolver)
    assert out.columns == ["doc", *MENTION_COLUMNS[1:]]
    got = sorted(tuple(r) for r in out.collect())
    expected = sorted((i, m.start, m.end, m.text, m.entity.id, m.entity.name, m.entity.type, m.score,
                       m.reason) for i, t in enumerate(TEXTS) if t is not None
                      for m in user_resolver.annotate(t))
    assert got == expected and len(expected) > 20


def test_bad_columns_are_refused_before_any_job(spark: Any) -> None:
    df = spark.createDataFrame([(1, "Hifter", "x")], "n long, name string, score string")
    with pytest.raises(ValueError, match="no column 'nom'"):
        resolve_spark(df, "nom")
    with pytest.raises(TypeError, match="column 'n' is bigint, not string"):
        resolve_spark(df, "n")
    with pytest.raises(ValueError, match="already has column"):
        resolve_spark(df, "name")
    with pytest.raises(ValueError, match="already has column"):
        annotate_spark(df, "name")
