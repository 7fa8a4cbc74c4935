"""resolve_dask with Dask's local schedulers (no distributed client): the tasks share this
process's resolver."""

from __future__ import annotations

import pytest

from namenorm import Resolver
from namenorm.dataframes import resolve_dask, resolve_series

from .conftest import names_for_engines, require

pd = require("pandas")
dask = require("dask")
dd = require("dask.dataframe")

pytestmark = pytest.mark.engines


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_local_scheduler(scheduler: str) -> None:
    try:
        from distributed import default_client

        default_client()
    except (ImportError, ValueError):
        pass
    else:  # pragma: no cover - depends on test order
        pytest.skip("a distributed client is running in this process")
    resolver = Resolver()
    series = pd.Series(names_for_engines(resolver), dtype=object)
    with dask.config.set(scheduler=scheduler):
        out = resolve_dask(dd.from_pandas(series, npartitions=6), resolver).compute()
    pd.testing.assert_frame_equal(out, resolve_series(series, resolver))
