"""Engines on real clusters: a Dask ``distributed.LocalCluster`` of two worker processes and a
Spark session in ``local[2]`` mode, both on loopback only.

The tests here are marked ``engines`` (``pytest -m engines`` runs them alone) and skip when the
engine is not installed (``pip install '.[dask,spark]'``; Spark also needs Java 17 or newer).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from namenorm import Gazetteer, Resolver


def require(module: str) -> Any:
    """Import ``module``, or skip the tests that need it; with ``NAMENORM_REQUIRE_ENGINES=1``
    (as .ci/run sets) a missing engine fails instead, so that CI cannot pass without them."""
    if os.environ.get("NAMENORM_REQUIRE_ENGINES") == "1":
        import importlib

        try:
            return importlib.import_module(module)
        except ImportError as exc:
            pytest.fail(f"{module} is required here (NAMENORM_REQUIRE_ENGINES=1): {exc}",
                        pytrace=False)
    return pytest.importorskip(module)


def names_for_engines(resolver: Resolver) -> list[str | None]:
    """Names with answers of every kind: held names, spellings the gazetteer lacks, words
    that resolve to nothing, repeats and missing values, in a fixed order."""
    held = [n for e in resolver.gazetteer for n in e.all_names[:2]]
    odd = ["Hifter", "Cavudoglu", "chawushiolu", "Khalifa Hiftar", "Gaddafi", "army", "Zorglub",
           "Putins", "", "خليفة حفتر", "Халифа Хафтар", "haftal", "Sirte", "Trablus"]
    names: list[str | None] = []
    for i, name in enumerate(held):
        names.append(name)
        if i % 7 == 0:
            names.append(odd[(i // 7) % len(odd)])
        if i % 50 == 0:
            names.append(None)
        if i % 11 == 0:
            names.append(held[i // 2])  # a repeat, often in another partition
    return names


TEXTS = [
    "President teben met Prime Minister salaj in Algiers.",
    None,
    "KhalifaHaftar’s forces left Sirte; Hifter spoke to reporters in Benghazi.",
    "Nothing to see here.",
    "Turkish foreign minister Cavusoglu visited Tripoli and Misrata with Fayez al-Sarraj.",
] * 6


@pytest.fixture(scope="session")
def user_resolver() -> Resolver:
    """The bundled gazetteer plus a user file: a resolver that is not the workers' default."""
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "good" / "user_places.toml"
    return Resolver(Gazetteer.load(fixtures, merge_default=True))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local Spark session with two cores, its driver bound to 127.0.0.1."""
    require("pyarrow")
    require("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        reason = "Spark needs Java (17 or newer): none on PATH or in JAVA_HOME"
        if os.environ.get("NAMENORM_REQUIRE_ENGINES") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("namenorm-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "97")  # many batches per task
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
