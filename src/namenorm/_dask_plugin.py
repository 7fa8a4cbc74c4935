"""A Dask worker plugin that puts one resolver on every worker of a cluster, once.

Imported only by :mod:`namenorm.dataframes` when a ``distributed`` client is running. A plugin
reaches every worker, those that join later included, and its copy stays in the worker's
process, where a scattered object would be moved around and copied again by the scheduler's
memory manager.
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from namenorm import dataframes
from namenorm.resolve import Resolver

__all__ = ["ResolverPlugin"]


class ResolverPlugin(WorkerPlugin):  # type: ignore[misc]
    """Install ``resolver`` under ``token`` in each worker's resolver cache."""

    def __init__(self, token: str, resolver: Resolver) -> None:
        self.token = token
        self.resolver = resolver
        self.name = f"namenorm-resolver-{token}"

    def setup(self, worker: Any) -> None:
        dataframes._install(self.token, self.resolver)

    def teardown(self, worker: Any) -> None:
        dataframes._uninstall(self.token)
