"""Alignment accuracy on the zh/ru/en demo corpora: every pair of versions, pairwise and N-way.

Run ``python -m bench.corpora_alignment``. The segments are the gold file's own
(``corpora/gold/*.alignment.jsonl``), so the figures measure the aligner alone,
scored as Text+Berg is (strict and lax precision/recall/F1, see
:mod:`workbench.nlp.align.textberg`). For each pair of versions it prints the
pairwise aligner (``align_pair``) and the N-way grid (``align_versions`` along
the chain) projected onto that pair. zh|en is never a hop of the chain: the
N-way figure for it shows what the relay grid gives for the direct pair.

The demo holds deliberate omissions and additions (1-0 / 0-1 rows) and natural
1-2 / 2-1 splits, which is what makes it harder than its size suggests.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Sequence

from bench.drift_corpora import gold_grid
from workbench.config import corpora_dir
from workbench.nlp.align import align_pair, align_versions
from workbench.nlp.align.textberg import Pairs, Scores
from workbench.nlp.embed import get_encoder
from workbench.nlp.types import Row


def project(rows: Sequence[Row], a: str, b: str) -> Pairs:
    """The beads of the pair ``a``-``b`` in a grid (rows empty for both left out)."""
    beads: Pairs = []
    for row in rows:
        left, right = tuple(row.cells.get(a, ())), tuple(row.cells.get(b, ()))
        if left or right:
            beads.append((left, right))
    return beads


def main() -> int:
    encoder = get_encoder()
    manifests = sorted(corpora_dir().glob("*.json"))
    if not manifests:
        print(f"no corpora manifests in {corpora_dir()}: skipped")
        return 0
    for path in manifests:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if "alignment" not in (manifest.get("gold") or {}):
            continue
        versions, gold_rows = gold_grid(manifest, path.parent)
        texts = {v.label: [s.text for s in v.segments] for v in versions}
        chain = list(manifest.get("chain") or texts)
        started = time.perf_counter()
        grid = align_versions({label: texts[label] for label in chain}, encoder)
        grid_seconds = time.perf_counter() - started
        sizes = ", ".join(f"{label} {len(texts[label])}" for label in chain)
        print(f"{path.stem}: {len(gold_rows)} gold rows; segments {sizes}; "
              f"N-way alignment {grid_seconds:.1f} s")
        print(f"  {'pair':8} {'method':9} {'strict P':>8} {'R':>6} {'F1':>6} "
              f"{'lax P':>7} {'R':>6} {'F1':>6}")
        for a, b in itertools.combinations(chain, 2):
            gold = project(gold_rows, a, b)
            pairwise = [(bead.src, bead.tgt) for bead in align_pair(texts[a], texts[b], encoder)]
            for method, test in (("pairwise", pairwise), ("N-way", project(grid, a, b))):
                scores = Scores()
                scores.add(gold, test)
                f = scores.figures()
                print(f"  {a}|{b:5} {method:9} {f['strict_p']:8.3f} {f['strict_r']:6.3f} "
                      f"{f['strict_f1']:6.3f} {f['lax_p']:7.3f} {f['lax_r']:6.3f} "
                      f"{f['lax_f1']:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
