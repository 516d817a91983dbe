"""Tatoeba nearest-neighbour retrieval accuracy (zh-en, ru-en) for the configured model.

Run: ``python -m bench.tatoeba_retrieval``. Reads ``../shared/data/tatoeba``; skips when absent.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from workbench.config import shared_dir

PAIRS = {"zh-en": ("cmn-eng.cmn", "cmn-eng.eng"), "ru-en": ("rus-eng.rus", "rus-eng.eng")}


def accuracy(src: np.ndarray, tgt: np.ndarray) -> float:
    """Share of source rows whose nearest target row (cosine) is its own translation."""
    return float((np.argmax(src @ tgt.T, axis=1) == np.arange(len(src))).mean())


def main() -> int:
    data = shared_dir() / "data" / "tatoeba"
    if not data.is_dir():
        print(f"skipped: Tatoeba data not present at {data}")
        return 0
    from workbench.nlp.embed import get_encoder

    encoder = get_encoder()
    print(f"model {encoder.model_id} (figures may be noisy: shared CPU)")
    for pair, (a, b) in PAIRS.items():
        src = (data / a).read_text(encoding="utf-8").splitlines()
        tgt = (data / b).read_text(encoding="utf-8").splitlines()
        started = time.perf_counter()
        vs, vt = encoder.encode(src), encoder.encode(tgt)
        both = (accuracy(vs, vt) + accuracy(vt, vs)) / 2
        print(f"{pair}: {accuracy(vs, vt):.3f} (x->en), {accuracy(vt, vs):.3f} (en->x), "
              f"mean {both:.3f}; {len(src)} pairs, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
