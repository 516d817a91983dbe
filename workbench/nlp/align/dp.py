"""The dynamic programme over a band of the (source x target) grid, vectorised by rows.

Cell ``(i, j)`` means "the first ``i`` source and ``j`` target segments are
aligned". Row ``i`` only holds the columns ``lo[i]..hi[i]``. A bead of shape
``(a, b)`` with ``a >= 1`` comes from row ``i - a``, so a whole row is one numpy
step per shape; 0-1 beads (same row) are a running minimum along the row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
CostArray = npt.NDArray[np.floating]

INSERT = -2  # back-pointer code of a 0-1 bead
START = -1


def check_band(lo: IntArray, hi: IntArray, m: int) -> None:
    """A band must start at (0, 0), end at (n, m) and let every row reach the next."""
    n = len(lo) - 1
    if lo[0] != 0 or hi[n] != m or np.any(lo > hi) or np.any(lo[1:] > hi[:-1] + 1):
        raise ValueError("the band does not connect (0, 0) to (n, m)")


def solve_banded(
    lo: IntArray,
    hi: IntArray,
    shapes: Sequence[tuple[int, int]],
    costs: Sequence[CostArray],
    insert_costs: CostArray,
) -> list[tuple[int, int]]:
    """The cheapest path of beads from (0, 0) to (n, hi[n]), as bead shapes in order.

    ``costs[k][i, w]`` is the cost of a bead of ``shapes[k]`` ending at cell
    ``(i, lo[i] + w)``; ``insert_costs[i, w]`` that of a 0-1 bead ending there.
    Ties go to the earlier shape, so the result is deterministic.
    """
    n = len(lo) - 1
    width = int(np.max(hi - lo)) + 1
    span = hi - lo  # last valid offset per row
    offsets = np.arange(width)
    left = max((b for _, b in shapes), default=0)
    # each row padded with inf: ``left`` columns before, ``width`` after, so that a
    # shifted window of an earlier row is a plain slice; one more row of inf stands
    # for the windows that lie outside the band
    row_size = left + 2 * width
    total = np.full((n + 2, row_size), np.inf)
    flat = total.reshape(-1)
    back = np.full((n + 1, width), START, dtype=np.int8)
    steps = np.zeros((n + 1, width))
    if width > 1:
        steps[:, 1:] = np.cumsum(insert_costs[:, 1:], axis=1, dtype=np.float64)
    # where each shape's window lies in ``flat``, for every row: one gather per row
    rows = np.arange(n + 1)
    starts = np.empty((n + 1, len(shapes), 1), dtype=np.int64)
    for k, (a, b) in enumerate(shapes):
        before = np.maximum(rows - a, 0)
        shift = lo - lo[before] - b
        inside = (rows >= a) & (shift < width)
        starts[:, k, 0] = np.where(inside, before * row_size + left + shift, (n + 1) * row_size)
    stacked = np.stack(list(costs), axis=1)  # (row, shape, offset), the costs' own dtype
    ends = (span + 1).tolist()
    for i in range(n + 1):
        cand = flat[starts[i] + offsets]
        cand += stacked[i]
        choice = cand.argmin(axis=0)
        best = cand[choice, offsets]
        code = back[i]
        code[:] = choice
        if i == 0:
            best[0], code[0] = 0.0, START
        # 0-1 beads: total[j] = min(best[j], total[j-1] + ins[j]) as one running minimum
        # (cells past the row's end come out inf, whatever ``best`` holds there)
        shifted = best - steps[i]
        running = np.minimum.accumulate(shifted)
        row = total[i, left : left + width]
        np.add(running, steps[i], out=row)
        row[ends[i] :] = np.inf
        code[running < shifted] = INSERT  # a 0-1 bead is cheaper than every other way in
    return _trace(lo, hi, back, shapes)


def _trace(
    lo: IntArray,
    hi: IntArray,
    back: npt.NDArray[np.int8],
    shapes: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    i = len(lo) - 1
    j = int(hi[i])
    path: list[tuple[int, int]] = []
    while i > 0 or j > 0:
        w = j - int(lo[i])
        code = int(back[i, w])
        if code == INSERT:
            path.append((0, 1))
            j -= 1
        elif code == START:
            raise ValueError("no path through the band")
        else:
            a, b = shapes[code]
            path.append((a, b))
            i, j = i - a, j - b
    path.reverse()
    return path
