"""How many worker processes `jianfu scan` splits its groups over (`bot.history.workers`),
when `--jobs` does not say: light, so `jianfu scan --help` can tell without the detector."""

from __future__ import annotations

import os

# Up to this many messages a scan stays in one process by default: starting a worker (its
# imports, jieba's dictionary) costs ~1 s of CPU, what one process spends on ~25,000 messages.
ONE_PROCESS_MAX = 20_000
DEFAULT_JOBS_MAX = 2  # measured on a 2-core machine only; each worker holds ~180 MB


class ScanWorkerError(Exception):
    """A worker process died or failed; `str()` says which one and how."""


def default_jobs() -> int:
    """Worker processes a large scan uses unless told: one per core this process may run
    on, at most `DEFAULT_JOBS_MAX`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, DEFAULT_JOBS_MAX))
