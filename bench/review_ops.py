"""Server time of review operations on a 1,000-row comparison.

    python -m bench.review_ops [--rows 1000] [--repeat 60] [--model fake|real|both] [--db URL]

Goals: flag / accept / undo median <= 30 ms and p95 <= 60 ms; a correction
(merge, split, move) with rescoring <= 200 ms. Each figure is the time of the
``workbench.review`` call as the web layer makes it (locking, reading, writing,
history, commit, and building the rows to re-render); network and HTML are left
out. Rows are the Tatoeba ru-en pairs from ``../shared/data/tatoeba`` aligned
1-1. ``fake`` rescoring uses the trigram FakeEncoder (isolates database time),
``real`` the default sentence-transformers model with its disk cache. The
database is a temporary SQLite file unless ``--db`` (or
``WORKBENCH_BENCH_DATABASE_URL``) names another one, which must be empty.
Figures are noisy when other work shares the CPU.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

GOALS_MS = {"accept": (30, 60), "flag": (30, 60), "undo": (30, 60)}
CORRECTION_GOAL_MS = 200


def load_pairs(rows: int) -> tuple[list[str], list[str]] | None:
    from workbench.config import shared_dir

    folder = shared_dir() / "data" / "tatoeba"
    ru_path, en_path = folder / "rus-eng.rus", folder / "rus-eng.eng"
    if not ru_path.exists() or not en_path.exists():
        print(f"skipped: Tatoeba data not found in {folder}")
        return None
    ru = ru_path.read_text(encoding="utf-8").splitlines()[:rows]
    en = en_path.read_text(encoding="utf-8").splitlines()[:rows]
    return en, ru


def build(session: Any, en: list[str], ru: list[str], encoder: Any) -> int:
    """Save an en/ru comparison aligned 1-1, scored through the pipeline."""
    from workbench.aligned import AlignedComparison
    from workbench.comparison import ComparisonRecord, VersionInfo
    from workbench.nlp.segment import segment_lines
    from workbench.nlp.types import Row, Version
    from workbench.pipeline import rescore
    from workbench.store import create_project, save_comparison

    versions = [Version(label="en", lang="en", text="\n".join(en),
                        segments=segment_lines("\n".join(en))),
                Version(label="ru", lang="ru", text="\n".join(ru),
                        segments=segment_lines("\n".join(ru)))]
    rows = [Row(cells={"en": (i,), "ru": (i,)}) for i in range(len(en))]
    records = rescore(versions, rows, encoder)
    record = ComparisonRecord(title="Tatoeba ru-en", rows=records, model=encoder.model_id,
                              versions=[VersionInfo("en", "en"), VersionInfo("ru", "ru")])
    project_id = create_project(session, "Benchmark")
    return save_comparison(session, project_id,
                           AlignedComparison(versions=versions, rows=rows, record=record))


def timed(samples: dict[str, list[float]], name: str, call: Callable[..., Any],
          *args: Any, **kwargs: Any) -> Any:
    started = time.perf_counter()
    result = call(*args, **kwargs)
    samples.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    return result


def summary(name: str, values: list[float], goal: str) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"  {name:<22} n={len(values):<4} median {statistics.median(values):7.1f} ms   "
            f"p95 {p95:7.1f} ms   max {ordered[-1]:7.1f} ms   {goal}")


def review_state_ops(session: Any, comparison_id: int, repeat: int, rng: random.Random,
                     ) -> dict[str, list[float]]:
    from workbench import review

    ids = [r.id for r in review.query_rows(session, comparison_id, limit=2000).rows]
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        timed(samples, "accept", lambda: review.set_status(session, rng.choice(ids), "accepted"))
        timed(samples, "flag", lambda: review.add_flag(session, rng.choice(ids), "number",
                                                       "major", "350 became 530"))
        timed(samples, "undo", lambda: review.undo(session, comparison_id))
    for _ in range(max(5, repeat // 4)):
        timed(samples, "review page window", lambda: review.query_rows(
            session, comparison_id, offset=rng.randrange(0, len(ids) - 100), limit=100))
        timed(samples, "overview", lambda: review.get_overview(session, comparison_id))
    return samples


class RescoreClock:
    """Wraps ``pipeline.rescore`` to tell NLP time from database time in a correction."""

    def __init__(self) -> None:
        from workbench import pipeline

        self.pipeline = pipeline
        self.original = pipeline.rescore
        self.elapsed_ms = 0.0

    def __enter__(self) -> RescoreClock:
        def clocked(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.elapsed_ms += (time.perf_counter() - started) * 1000

        self.pipeline.rescore = clocked
        return self

    def __exit__(self, *exc: object) -> None:
        self.pipeline.rescore = self.original


def corrections(session: Any, comparison_id: int, repeat: int, rng: random.Random,
                encoder: Any, tag: str) -> dict[str, list[float]]:
    from workbench import review

    samples: dict[str, list[float]] = {}
    # the first correction embeds every segment once (later ones hit the memo/cache)
    first = review.query_rows(session, comparison_id, limit=1).rows[0]
    review.merge_with_next(session, first.id, encoder=encoder)
    review.undo(session, comparison_id)
    total = review.query_rows(session, comparison_id, limit=1).total
    for _ in range(repeat):
        row = review.query_rows(session, comparison_id, offset=rng.randrange(1, total - 2),
                                limit=1).rows[0]
        with RescoreClock() as clock:
            timed(samples, f"merge ({tag})", review.merge_with_next, session, row.id,
                  encoder=encoder)
        samples.setdefault(f"  of which DB ({tag})", []).append(
            samples[f"merge ({tag})"][-1] - clock.elapsed_ms)
        review.undo(session, comparison_id)
    for _ in range(repeat):
        rows = review.query_rows(session, comparison_id, limit=2000).rows
        k = rng.randrange(1, len(rows) - 2)
        merged = timed(samples, f"merge ({tag})", review.merge_with_next, session, rows[k].id,
                       encoder=encoder).rows[0]
        at = {label: cell[-1] for label, cell in merged.segments.items() if len(cell) > 1}
        split = timed(samples, f"split ({tag})", review.split_row, session, merged.id, at=at,
                      encoder=encoder).rows
        timed(samples, f"move ({tag})", review.move_segment, session, split[0].id, "en", "down",
              encoder=encoder)
        timed(samples, f"undo correction ({tag})", review.undo, session, comparison_id)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--model", choices=["fake", "real", "both"], default="both")
    parser.add_argument("--db", default=os.environ.get("WORKBENCH_BENCH_DATABASE_URL", ""))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    pairs = load_pairs(args.rows)
    if pairs is None:
        return 0
    from workbench.nlp.embed.fake import FakeEncoder
    from workbench.store import dispose_engines, get_engine, make_sessionmaker, upgrade_database

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade_database(url)
        session = make_sessionmaker(get_engine(url))()
        started = time.perf_counter()
        comparison_id = build(session, *pairs, FakeEncoder())
        print(f"review operations on {len(pairs[0])} rows, {get_engine(url).dialect.name} "
              f"(built in {time.perf_counter() - started:.1f} s); figures may be noisy "
              "when the CPU is shared")
        rng = random.Random(args.seed)
        samples = review_state_ops(session, comparison_id, args.repeat, rng)
        encoders: list[tuple[str, Any]] = []
        if args.model in ("fake", "both"):
            encoders.append(("fake", FakeEncoder()))
        if args.model in ("real", "both"):
            from workbench.nlp.embed import get_encoder

            encoders.append(("real", get_encoder()))
        for tag, encoder in encoders:
            samples |= corrections(session, comparison_id, max(10, args.repeat // 3), rng,
                                   encoder, tag)
        ok = True
        for name, values in samples.items():
            base = name.split(" (")[0]
            if base in GOALS_MS:
                median_goal, p95_goal = GOALS_MS[base]
                ordered = sorted(values)
                p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
                met = statistics.median(values) <= median_goal and p95 <= p95_goal
                goal = f"goal median <= {median_goal}, p95 <= {p95_goal}: " + (
                    "met" if met else "MISSED")
            elif base in ("merge", "split", "move", "undo correction"):
                ordered = sorted(values)
                p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
                met = p95 <= CORRECTION_GOAL_MS
                goal = f"goal p95 <= {CORRECTION_GOAL_MS}: " + ("met" if met else "MISSED")
            elif name.startswith("  of which"):
                met, goal = True, "(merge time outside pipeline.rescore)"
            else:
                met, goal = True, "(for the web layer)"
            ok &= met
            print(summary(name, values, goal))
        session.close()
        dispose_engines()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
