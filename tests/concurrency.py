"""Running the same work from several threads at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_threads(work: Callable[[], T], n: int = 8) -> list[T]:
    """Start ``n`` threads running ``work`` together and return their results."""
    results: list[T | None] = [None] * n
    barrier = threading.Barrier(n)

    def run(k: int) -> None:
        barrier.wait()  # all start at once, so that lazy structures are built concurrently
        results[k] = work()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results  # type: ignore[return-value]
