"""Encoding speed of the configured model on Tatoeba sentences, uncached vs cached.

Run: ``python -m bench.embed_speed [N]`` (default 400 sentences). Skips when the data is absent.
Figures are noisy on a shared machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from workbench.config import shared_dir


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 400
    data = shared_dir() / "data" / "tatoeba"
    if not data.is_dir():
        print(f"skipped: Tatoeba data not present at {data}")
        return 0
    from workbench.nlp.embed import CachedEncoder, get_encoder

    lines: list[str] = []
    for name in ("cmn-eng.cmn", "rus-eng.rus", "cmn-eng.eng"):
        lines += (data / name).read_text(encoding="utf-8").splitlines()
    texts = lines[:n]
    encoder = get_encoder(cache=False)
    encoder.encode(texts[:8])  # warm up
    started = time.perf_counter()
    encoder.encode(texts)
    uncached = len(texts) / (time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as tmp:
        cached = CachedEncoder(encoder, Path(tmp) / "bench.sqlite3")
        started = time.perf_counter()
        cached.encode(texts)
        cold = len(texts) / (time.perf_counter() - started)
        started = time.perf_counter()
        cached.encode(texts)
        warm = len(texts) / (time.perf_counter() - started)
        cached.close()
    print(f"model {encoder.model_id}, {len(texts)} sentences (noisy: shared CPU)")
    print(f"uncached: {uncached:.0f} sentences/s")
    print(f"cache, cold: {cold:.0f} sentences/s; warm: {warm:.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
