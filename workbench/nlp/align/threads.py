"""One BLAS thread while the aligner computes its costs.

The aligner's matrix products are small (a band block of a few dozen rows
against the columns it spans). A multi-threaded BLAS splits each of them
across cores, and on a busy machine the threads wait for each other far
longer than the product takes (measured: 30x slower at load 8 on 2 cores).
The limit is process-wide while it holds (BLAS has one setting per process);
the encoder's calls are made outside it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from threadpoolctl import threadpool_limits

P = ParamSpec("P")
R = TypeVar("R")


def one_blas_thread(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with BLAS limited to one thread."""

    @wraps(function)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        with threadpool_limits(limits=1, user_api="blas"):
            return function(*args, **kwargs)

    return limited
