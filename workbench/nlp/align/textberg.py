"""The Text+Berg de-fr benchmark: load the gold beads, align, score as Vecalign/Bertalign do.

Precision counts over the test beads, recall over the gold beads, with
insertions and deletions left out of both sides for recall. "Strict" is an
exact bead match; "lax" a bead sharing a source and a target segment with one
gold bead. Counts are summed over documents before dividing.
"""

from __future__ import annotations

import ast
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.nlp.align.api import align_pair
from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.errors import AlignError
from workbench.nlp.types import Bead, Encoder

Bead2 = tuple[tuple[int, ...], tuple[int, ...]]
Pairs = list[Bead2]


@dataclass
class Scores:
    """True/false positive counts, strict and lax, for precision and recall."""

    counts: np.ndarray = field(default_factory=lambda: np.zeros(8, dtype=np.int64))

    def add(self, gold: Sequence[Bead2], test: Sequence[Bead2]) -> None:
        self.counts[:4] += _matches(gold, test)
        paired_test = [b for b in test if b[0] and b[1]]
        self.counts[4:] += _matches(paired_test, [b for b in gold if b[0] and b[1]])

    def figures(self) -> dict[str, float]:
        tp_s, fp_s, tp_l, fp_l, rtp_s, rfp_s, rtp_l, rfp_l = (int(c) for c in self.counts)
        result: dict[str, float] = {}
        for name, (ptp, pfp, rtp, rfp) in {"strict": (tp_s, fp_s, rtp_s, rfp_s),
                                           "lax": (tp_l, fp_l, rtp_l, rfp_l)}.items():
            precision = ptp / (ptp + pfp) if ptp + pfp else 0.0
            recall = rtp / (rtp + rfp) if rtp + rfp else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            result.update({f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1})
        return result


def _matches(gold: Sequence[Bead2], test: Sequence[Bead2]) -> np.ndarray:
    """[strict tp, strict fp, lax tp, lax fp] of ``test`` against ``gold``."""
    gold_set = set(gold)
    tgt_of_src: dict[int, list[set[int]]] = {}
    for g_src, g_tgt in gold:
        for i in g_src:
            tgt_of_src.setdefault(i, []).append(set(g_tgt))
    out = np.zeros(4, dtype=np.int64)
    for bead in test:
        if not bead[0] and not bead[1]:
            continue
        if bead in gold_set:
            out += (1, 0, 1, 0)
            continue
        lax = any(set(bead[1]) & tgts for i in bead[0] for tgts in tgt_of_src.get(i, []))
        out += (0, 1, 1, 0) if lax else (0, 1, 0, 1)
    return out


def read_gold(path: Path) -> Pairs:
    """One bead per line, ``[i, ...]:[j, ...]``."""
    beads: Pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            left, right = line.split(":")
            beads.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
        except (ValueError, SyntaxError) as error:
            raise AlignError(f"{path}:{number}: not a bead: {line!r}") from error
    return beads


def documents(folder: Path) -> list[str]:
    """Names of the documents present in ``de/``, ``fr/`` and ``gold/``."""
    if not (folder / "gold").is_dir():
        return []
    names = sorted(p.name for p in (folder / "gold").iterdir())
    return [n for n in names if (folder / "de" / n).is_file() and (folder / "fr" / n).is_file()]


@dataclass
class DocResult:
    name: str
    figures: dict[str, float]
    seconds: float


def evaluate(
    folder: Path,
    encoder: Encoder,
    config: AlignConfig | None = None,
    on_document: Callable[[DocResult], None] | None = None,
) -> tuple[list[DocResult], dict[str, float]]:
    """Align every document and score it; returns per-document and overall figures."""
    names = documents(folder)
    if not names:
        raise AlignError(f"no Text+Berg documents (de/, fr/, gold/) under {folder}")
    overall = Scores()
    results: list[DocResult] = []
    for name in names:
        src = _lines(folder / "de" / name)
        tgt = _lines(folder / "fr" / name)
        started = time.perf_counter()
        beads = align_pair(src, tgt, encoder, config=config)
        seconds = time.perf_counter() - started
        doc = Scores()
        gold, test = read_gold(folder / "gold" / name), _pairs(beads)
        doc.add(gold, test)
        overall.add(gold, test)
        results.append(DocResult(name, doc.figures(), seconds))
        if on_document:
            on_document(results[-1])
    return results, overall.figures()


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _pairs(beads: Sequence[Bead]) -> Pairs:
    return [(b.src, b.tgt) for b in beads]
