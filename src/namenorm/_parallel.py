"""Resolving a large batch of names in several worker processes.

The resolver reaches each worker once: where processes can be forked (Linux), the workers are
forked after the index is built and share its memory with the parent (copy-on-write); elsewhere
the index is saved once to a temporary file that each worker loads when it starts. Work goes
out in chunks of names and comes back as plain tuples (entity position, score, alias, reason),
which the parent turns back into :class:`~namenorm.results.Match` objects with its own
entities, so no entity is pickled and the answers are the parent's objects, in input order.
"""

from __future__ import annotations

import gc
import multiprocessing
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from namenorm.results import Match

__all__ = ["resolve_in_processes"]

_CHUNK = 2000  # names per task sent to a worker

Row = tuple[int, float, str, str] | None


class _Resolver(Protocol):
    def resolve(self, name: str, *, type: str | None = None) -> Match | None: ...  # noqa: A002

    def save(self, path: str | Path) -> None: ...


# The resolver of this worker process (set by fork inheritance or by _load).
_WORKER: dict[str, Any] = {}


def _load(loader: Callable[[Path], _Resolver], path: Path) -> None:
    _WORKER["resolver"] = loader(path)


def _work(task: tuple[Sequence[str], str | None]) -> list[Row]:
    names, type_ = task
    resolver = _WORKER["resolver"]
    pos = resolver.index.entity_pos
    out: list[Row] = []
    for name in names:
        m = resolver.resolve(name, type=type_)
        out.append(None if m is None else (pos[m.entity.id], m.score, m.alias, m.reason))
    return out


def resolve_in_processes(resolver: Any, names: Sequence[str], *, type_: str | None, workers: int,
                         loader: Callable[[Path], Any]) -> list[Match | None]:
    """``[resolver.resolve(n, type=type_) for n in names]`` computed by ``workers`` processes.

    Args:
        resolver: a resolver whose index is built.
        names: distinct names.
        loader: reads a saved resolver (``Resolver.load``), for workers that cannot be forked.
    """
    tasks = [(names[i:i + _CHUNK], type_) for i in range(0, len(names), _CHUNK)]
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER["resolver"] = resolver
        # The parent's objects go to the collector's permanent generation before the fork, so
        # that the workers' collections never walk them (walking writes to every object's
        # header, which would copy the shared pages into each worker, a gazetteer's worth).
        frozen = not gc.get_freeze_count()
        if frozen:
            gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                rows = pool.map(_work, tasks, chunksize=1)
        finally:
            if frozen:
                gc.unfreeze()
            _WORKER.pop("resolver", None)
    else:  # pragma: no cover - platforms without fork
        with tempfile.TemporaryDirectory(prefix="namenorm-") as tmp:
            path = Path(tmp) / "index.nnidx"
            resolver.save(path)
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(workers, initializer=_load, initargs=(loader, path)) as pool:
                rows = pool.map(_work, tasks, chunksize=1)
    entities = resolver.index.entities
    return [None if r is None else Match(entities[r[0]], r[1], r[2], r[3]) for chunk in rows for r in chunk]
