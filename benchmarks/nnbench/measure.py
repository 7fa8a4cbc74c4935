"""Timing and memory helpers shared by the measuring code."""

from __future__ import annotations

import gc
import math
import os
import resource
import statistics
import time

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_kb() -> int:
    """Current resident set size of this process (from /proc/self/statm)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE_KB
    except OSError:  # pragma: no cover - not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak() -> str:
    """Reset the kernel's peak-RSS mark (VmHWM) so the next peak is this phase's own.

    Returns the method the following ``peak_kb`` reads: "VmHWM" after a successful reset,
    otherwise "ru_maxrss" (a process-lifetime peak, only valid in a fresh process).
    """
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return "VmHWM"
    except OSError:
        return "ru_maxrss"


def peak_kb(method: str) -> int:
    if method == "VmHWM":
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def settle() -> None:
    gc.collect()
    gc.collect()


def latency_stats(ns: list[int], wall_s: float | None = None) -> dict:
    """p50/p95/p99/mean in microseconds and throughput (queries per second of wall time)."""
    if not ns:
        return {"n": 0}
    s = sorted(ns)
    n = len(s)

    def pct(p: float) -> float:
        # nearest-rank percentile
        k = max(0, min(n - 1, math.ceil(p / 100 * n) - 1))
        return s[k] / 1000.0

    total_s = sum(s) / 1e9
    wall = wall_s if wall_s is not None else total_s
    return {
        "n": n,
        "p50_us": round(pct(50), 2),
        "p95_us": round(pct(95), 2),
        "p99_us": round(pct(99), 2),
        "max_us": round(s[-1] / 1000.0, 2),
        "mean_us": round(statistics.fmean(s) / 1000.0, 2),
        "qps": round(n / wall, 1) if wall > 0 else None,
    }


class Stopwatch:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.s = time.perf_counter() - self.t0
        return False
