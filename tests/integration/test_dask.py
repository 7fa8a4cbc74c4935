"""resolve_dask and annotate_dask on a real distributed.LocalCluster: two worker processes on
loopback give exactly what Resolver.resolve_many and Resolver.annotate give."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from namenorm import Resolver
from namenorm import dataframes
from namenorm.dataframes import RESULT_COLUMNS, annotate_dask, annotate_series, resolve_dask

from .conftest import TEXTS, names_for_engines, require

pd = require("pandas")
dask = require("dask")
dd = require("dask.dataframe")
distributed = require("distributed")

pytestmark = pytest.mark.engines


class CountingResolver(Resolver):
    """Counts, in each process, how many copies of it were unpickled there."""

    unpickled = 0

    def __setstate__(self, state: dict[str, object]) -> None:
        type(self).unpickled += 1
        super().__setstate__(state)


def _unpickled() -> int:
    return CountingResolver.unpickled


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    with cluster, distributed.Client(cluster) as c:
        c.wait_for_workers(2, timeout=120)
        yield c


def _rows(frame: Any) -> list[tuple[object, ...]]:
    return [tuple(None if v is pd.NA else v for v in row)
            for row in frame[list(RESULT_COLUMNS)].itertuples(index=False)]


def _expected(resolver: Resolver, names: list[str | None], type_: str | None = None) -> list[tuple[object, ...]]:
    memo = dict(zip(*(lambda ns: (ns, resolver.resolve_many(ns, type=type_)))(
        list(dict.fromkeys(n for n in names if n is not None)))))
    out = []
    for n in names:
        m = None if n is None else memo[n]
        out.append((None,) * 5 if m is None else
                   (m.entity.id, m.entity.name, m.entity.type, m.score, m.reason))
    return out


def test_two_workers_give_what_resolve_many_gives(client: Any, user_resolver: Resolver) -> None:
    names = names_for_engines(user_resolver)
    series = pd.Series(names, index=pd.RangeIndex(1000, 1000 + len(names)), dtype=object)
    lazy = resolve_dask(dd.from_pandas(series, npartitions=8), user_resolver)
    assert isinstance(lazy, dd.DataFrame) and lazy.npartitions == 8
    out = lazy.compute()
    assert out.index.equals(series.index)
    assert dict(out.dtypes) == dict(lazy.dtypes)  # meta declared as computed
    assert _rows(out) == _expected(user_resolver, names)
    assert out["entity_id"].notna().sum() > len(names) // 2
    assert len(client.scheduler_info()["workers"]) == 2


def test_the_resolver_reaches_each_worker_once(client: Any) -> None:
    resolver = CountingResolver()
    names = dd.from_pandas(pd.Series(names_for_engines(resolver)[:600], dtype=object), npartitions=12)
    first = resolve_dask(names, resolver).compute()
    second = resolve_dask(names, resolver, type="person").compute()
    counts = client.run(_unpickled)
    assert sorted(counts.values()) == [1, 1], counts  # 24 tasks, one copy per worker process
    assert first["entity_type"].nunique() > 1 and set(second["entity_type"].dropna()) == {"person"}


def test_a_saved_index_is_loaded_once_per_worker(client: Any, user_resolver: Resolver, tmp_path: Path) -> None:
    path = tmp_path / "user.idx"
    user_resolver.save(path)
    client.run(dataframes.clear_cache)
    names = names_for_engines(user_resolver)
    out = resolve_dask(dd.from_pandas(pd.Series(names, dtype=object), npartitions=10), str(path)).compute()
    assert _rows(out) == _expected(user_resolver, names)
    assert sorted(client.run(dataframes._cached_count).values()) == [1, 1]


def test_type_is_passed_to_the_workers(client: Any) -> None:
    resolver = Resolver()
    names = names_for_engines(resolver)[:400]
    out = resolve_dask(dd.from_pandas(pd.Series(names, dtype=object), npartitions=4), resolver,
                       type="place").compute()
    assert _rows(out) == _expected(resolver, names, "place")


def test_annotate_dask_is_annotate_series(client: Any, user_resolver: Resolver) -> None:
    texts = dd.from_pandas(pd.Series(TEXTS, index=[f"doc{i}" for i in range(len(TEXTS))],
                                     dtype=object), npartitions=5)
    lazy = annotate_dask(texts, user_resolver)
    out = lazy.compute().reset_index(drop=True)
    expected = annotate_series(texts.compute(), user_resolver)  # the texts as Dask holds them
    pd.testing.assert_frame_equal(out, expected)
    assert len(expected) > 20


def test_a_non_string_fails_the_computation_clearly(client: Any) -> None:
    with dask.config.set({"dataframe.convert-string": False}):  # keep the int an int
        bad = dd.from_pandas(pd.Series(["Hifter", "Sirte", 12, "Benghazi"], dtype=object),
                             npartitions=2)
        with pytest.raises(TypeError, match=r"position 0 \(index 2\) is of type int, not str"):
            resolve_dask(bad, Resolver()).compute()


def test_input_must_be_a_dask_series() -> None:
    with pytest.raises(TypeError, match="dask.dataframe.Series"):
        resolve_dask(pd.Series(["Hifter"]))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="dask.dataframe.Series"):
        annotate_dask(dd.from_pandas(pd.DataFrame({"t": ["Sirte"]}), npartitions=1))  # type: ignore[arg-type]
