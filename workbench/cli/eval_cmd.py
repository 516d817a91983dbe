"""``workbench eval textberg``: score the aligner on the Text+Berg de-fr test set."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import click
import numpy as np

from workbench.cli.errors import friendly_errors
from workbench.config import shared_dir
from workbench.nlp.align.textberg import DocResult, documents, evaluate
from workbench.nlp.embed import get_encoder
from workbench.nlp.types import Encoder, FloatArray


class TimedEncoder:
    """Passes calls through to an encoder and adds up the time spent in it."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.texts = 0

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def encode(self, texts: Sequence[str]) -> FloatArray:
        started = time.perf_counter()
        try:
            return np.asarray(self.inner.encode(texts), dtype=np.float32)
        finally:
            self.seconds += time.perf_counter() - started
            self.texts += len(texts)


def run_textberg(
    folder: Path, echo: Callable[[str], None], fresh_cache: bool = True
) -> dict[str, float]:
    """Align and score every document, printing per-document and overall figures and timings.

    With ``fresh_cache`` the embedding cache is an empty temporary directory, so
    the embedding time is real rather than read back from disk.
    """
    if not documents(folder):
        echo(f"skipped: Text+Berg data not found under {folder}")
        return {}
    with tempfile.TemporaryDirectory(prefix="workbench-eval-") as tmp:
        previous = os.environ.get("WORKBENCH_CACHE")
        if fresh_cache:
            os.environ["WORKBENCH_CACHE"] = tmp
        try:
            started = time.perf_counter()
            inner = get_encoder(cache=True)
            inner.encode(["warm-up"])  # loading the model is not part of aligning
            echo(f"model {inner.model_id} loaded in {time.perf_counter() - started:.1f} s")
            encoder = TimedEncoder(inner)

            def show(doc: DocResult) -> None:
                f = doc.figures
                echo(f"{doc.name}: strict P/R/F1 {f['strict_p']:.3f}/{f['strict_r']:.3f}/"
                     f"{f['strict_f1']:.3f}  lax {f['lax_p']:.3f}/{f['lax_r']:.3f}/"
                     f"{f['lax_f1']:.3f}  {doc.seconds:.1f} s")

            started, cpu_started = time.perf_counter(), time.process_time()
            _, overall = evaluate(folder, encoder, on_document=show)
            total = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
        finally:
            if fresh_cache:
                if previous is None:
                    os.environ.pop("WORKBENCH_CACHE", None)
                else:
                    os.environ["WORKBENCH_CACHE"] = previous
    rest = total - encoder.seconds
    echo(f"overall: strict P/R/F1 {overall['strict_p']:.4f}/{overall['strict_r']:.4f}/"
         f"{overall['strict_f1']:.4f}  lax {overall['lax_p']:.4f}/{overall['lax_r']:.4f}/"
         f"{overall['lax_f1']:.4f}")
    echo(f"time: {total:.1f} s end to end, embedding {encoder.seconds:.1f} s "
         f"({encoder.texts} texts), rest {rest:.1f} s ({100 * rest / max(total, 1e-9):.1f}%)"
         f"; CPU time {cpu:.1f} s (all threads) -- figures may be noisy on a shared machine")
    return {**overall, "seconds": total, "cpu_seconds": cpu,
            "embed_seconds": encoder.seconds, "rest_seconds": rest}


@click.group("eval")
def eval_group() -> None:
    """Measure the workbench against published test sets."""


@eval_group.command("textberg")
@click.option("--data", "data", type=click.Path(path_type=Path), default=None,
              help="Folder with de/, fr/ and gold/ (default: ../shared/data/textberg).")
@click.option("--fresh-cache/--reuse-cache", default=True, show_default=True,
              help="Embed into an empty temporary cache so that timings are real.")
@friendly_errors
def textberg(data: Path | None, fresh_cache: bool) -> None:
    """Align the Text+Berg de-fr documents and print strict/lax precision, recall and F1."""
    folder = data or shared_dir() / "data" / "textberg"
    run_textberg(folder, click.echo, fresh_cache=fresh_cache)
