"""Where a batch set's CPU time goes: the model, or the rest of the pipeline (one thread).

Run ``python -m bench.batch_profile`` (``--rows``, ``--sets``; default 10 sets built as
:mod:`bench.batch` builds its own, 5 gold beads each). One process, torch on one
thread, warmed up on other sets, a fresh embedding cache; it sums the CPU time
spent inside the model's ``encode`` / ``encode_tokens`` calls against the CPU time of
the whole set. CPU
time barely depends on the load, so this says, even on a busy machine, what two
workers can gain over one on two cores when the machine is quiet: if a share
``f`` of a set's CPU is the model, one worker whose torch uses both cores still runs
the other ``1 - f`` on one core, and two one-thread workers -- if the two cores are
really two (no shared core, no memory-bound slow-down) -- are at least
``2(1 - f) + f = 2 - f`` times as fast (exactly that when torch's two threads scale
perfectly; more when they do not).
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.batch_sets import build_sets


def _timed_methods(cls: type, names: tuple[str, ...], spent: list[float]) -> None:
    for name in names:
        method: Callable[..., Any] = getattr(cls, name)

        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, _method: Callable[..., Any] = method,
                    **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return _method(self, *args, **kwargs)
            finally:
                spent[0] += time.process_time() - started

        setattr(cls, name, wrapper)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=10, help="how many of bench.batch's sets")
    parser.add_argument("--rows", type=int, default=5, help="gold beads per set")
    args = parser.parse_args(argv)
    from workbench.batch.worker import limit_threads

    limit_threads(1)
    from workbench.batch import BatchSettings, load_corpus
    from workbench.batch.runner import plan
    from workbench.batch.worker import align_one, start_worker
    from workbench.nlp.embed import SentenceTransformerEncoder

    start_worker(None, 1)
    with tempfile.TemporaryDirectory(prefix="bench-batch-profile-") as temporary:
        root = Path(temporary)
        source = root / "sets"
        source.mkdir()
        names = build_sets(source, args.rows, 40)
        for warm in names[-2:]:  # warm-up on two sets not measured
            settings = BatchSettings(cache_dir=str(root / "cache-warm"))
            corpus = load_corpus(source)
            for job in plan(corpus, settings, root / "out-warm")[0]:
                if job.document_set.name == warm:
                    align_one(job)
        spent = [0.0]
        _timed_methods(SentenceTransformerEncoder, ("encode", "encode_tokens"), spent)
        settings = BatchSettings(cache_dir=str(root / "cache"))
        corpus = load_corpus(source)
        jobs = [j for j in plan(corpus, settings, root / "out")[0]
                if j.document_set.name in names[: args.sets]]
        cpu = wall = 0.0
        segments = 0
        for job in jobs:
            result = align_one(job)
            cpu += result.cpu_seconds
            wall += result.seconds
            segments += result.segments
        share = spent[0] / cpu
        print(f"{len(jobs)} sets built like bench.batch's ({args.rows} gold beads each, {segments} "
              f"segments), torch on 1 thread: CPU {cpu:.1f} s (wall {wall:.1f} s), of which in "
              f"the model {spent[0]:.1f} s = {100 * share:.0f} %")
        print(f"on 2 quiet cores that scale, 2 one-thread workers vs 1 two-thread worker: >= "
              f"{2 - share:.2f}x; load average {'{:.1f}/{:.1f}/{:.1f}'.format(*os.getloadavg())}")


if __name__ == "__main__":
    main()
