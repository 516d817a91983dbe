"""The alignment step alone on a 10,000 x 10,000-segment pair with synthetic embeddings.

Run ``python -m bench.align_scale [N]``. The encoder returns precomputed random
vectors (an overlap's vector is the renormalised sum of its segments'), so the
figures are the aligner's own time and memory. The baseline is the plain
quadratic 1-1 dynamic programme over the full grid, run here on a smaller pair
and extrapolated (its cost grows with n * m). Timings may be noisy on a shared machine.
"""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from collections.abc import Sequence

import numpy as np

from workbench.nlp.align import align_pair
from workbench.nlp.align.band import cells_of, full_band
from workbench.nlp.align.cost import Side, bead_costs
from workbench.nlp.align.dp import solve_banded
from workbench.nlp.types import Bead, FloatArray

DIM = 384


class TableEncoder:
    """Texts are ``"s12"`` / ``"t40"`` names (joined by spaces for overlaps) of stored vectors.

    Vectorised (one gather and one sum per overlap size), so that the figures are
    the aligner's own: a text's vector is the same as the plain loop's
    (``sum / norm`` of its parts) up to float32 rounding.
    """

    model_id = "synthetic-table"

    def __init__(self, table: dict[str, FloatArray]) -> None:
        self.table = table
        self._row = {name: k for k, name in enumerate(table)}
        self._matrix = np.stack(list(table.values())).astype(np.float32)

    def encode(self, texts: Sequence[str]) -> FloatArray:
        out = np.empty((len(texts), DIM), dtype=np.float32)
        by_size: dict[int, tuple[list[int], list[list[int]]]] = {}
        for k, text in enumerate(texts):
            parts = [self._row[p] for p in text.split(" ")]
            places, rows = by_size.setdefault(len(parts), ([], []))
            places.append(k)
            rows.append(parts)
        for places, rows in by_size.values():
            vecs = self._matrix[np.asarray(rows)].sum(axis=1)
            out[places] = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
        return out


def unit(rng: np.random.Generator, count: int) -> FloatArray:
    vecs = rng.standard_normal((count, DIM)).astype(np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def synthetic_pair(
    n: int, seed: int = 7
) -> tuple[list[str], list[str], TableEncoder, list[Bead]]:
    """``n`` source segments, a noisy "translation" with splits, merges and gaps, and the gold."""
    rng = np.random.default_rng(seed)
    src_vecs = unit(rng, n)
    table = {f"s{i}": v for i, v in enumerate(src_vecs)}
    tgt_vecs: list[FloatArray] = []
    gold: list[Bead] = []
    i = 0
    while i < n:
        roll = rng.random()
        j = len(tgt_vecs)
        if roll < 0.03 and i + 1 < n:  # 2-1
            tgt_vecs.append(src_vecs[i] + src_vecs[i + 1] + 0.6 * unit(rng, 1)[0])
            gold.append(Bead((i, i + 1), (j,)))
            i += 2
            continue
        if roll < 0.06:  # 1-2
            half = unit(rng, 1)[0] * 0.5
            tgt_vecs += [src_vecs[i] + half, src_vecs[i] - half]
            gold.append(Bead((i,), (j, j + 1)))
        elif roll < 0.07:  # 1-0
            gold.append(Bead((i,), ()))
        elif roll < 0.08:  # 0-1 then 1-1
            tgt_vecs += [unit(rng, 1)[0], src_vecs[i] + 0.6 * unit(rng, 1)[0]]
            gold += [Bead((), (j,)), Bead((i,), (j + 1,))]
        else:
            tgt_vecs.append(src_vecs[i] + 0.6 * unit(rng, 1)[0])
            gold.append(Bead((i,), (j,)))
        i += 1
    table.update({f"t{j}": v / np.linalg.norm(v) for j, v in enumerate(tgt_vecs)})
    src_names = [f"s{i}" for i in range(n)]
    return src_names, [f"t{j}" for j in range(len(tgt_vecs))], TableEncoder(table), gold


def baseline_seconds(encoder: TableEncoder, n: int) -> float:
    """Full-grid 1-1 / 1-0 / 0-1 DP on the first ``n`` segments of each side."""
    src = encoder.encode([f"s{i}" for i in range(n)])
    tgt = encoder.encode([f"t{j}" for j in range(n)])
    started = time.perf_counter()
    lo, hi = full_band(n, n)
    skips = np.full((n + 1, n + 1), 0.7, dtype=np.float32)
    costs = [skips, bead_costs(Side.of(src), Side.of(tgt), lo, hi, (1, 1))]
    cells_of(solve_banded(lo, hi, [(1, 0), (1, 1)], costs, skips))
    return time.perf_counter() - started


def main(n: int = 10_000) -> None:
    src, tgt, encoder, gold = synthetic_pair(n)
    started, cpu_started = time.perf_counter(), time.process_time()
    beads = align_pair(src, tgt, encoder)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    tracemalloc.start()
    align_pair(src, tgt, encoder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    exact = len(set(beads) & set(gold))
    print(f"aligned {len(src)} x {len(tgt)} segments in {seconds:.2f} s wall, {cpu:.2f} s CPU; "
          f"peak extra memory {peak / 2**20:.0f} MB (tracemalloc)")
    print(f"beads: {len(beads)}, exactly right: {exact / len(gold):.3f} of {len(gold)} gold beads")
    small = 1_000
    base = baseline_seconds(encoder, small)
    projected = base * (len(src) * len(tgt)) / small**2
    print(f"baseline full-grid 1-1 DP: {base:.2f} s at {small} x {small}, "
          f"about {projected:.0f} s projected at this size; speed-up x{projected / seconds:.0f}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"figures may be noisy: the machine's 2 cores are shared (load average {load})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
