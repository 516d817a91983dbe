"""Batch throughput: 2 local workers against 1, and the engine at 1 worker against a plain loop.

Run ``python -m bench.batch`` (``--rows``, ``--sets``, ``--repeats`` to change the size).
It builds 40 document sets (:mod:`bench.batch_sets`: 35 German/French Text+Berg
slices and 5 Chinese/Russian/English slices of ``corpora/``, ``--rows`` gold beads
each), then, in this one process, measures three configurations on the same sets:

* **plain loop**: this process, torch limited to the same threads as the 1-worker
  engine, ``align_set`` and ``record_result`` on each set in turn -- no engine;
* **local 1**: ``LocalEngine`` with 1 worker (threads = cores / 1);
* **local 2**: ``LocalEngine`` with 2 workers (threads = cores / 2 each).

Each configuration is started once (workers spawned, model loaded: timed and
printed apart) and warmed up on a few sets (the checks load their resources on
first use); then the three run in turn, ``--repeats`` rounds, the order reversed
every other round (P 1 2, 2 1 P, ...), each run on a fresh, empty embedding cache
so every run embeds everything. The figures are medians over the rounds; the
ratios are those of the medians (each round's own ratios printed too). CPU time:
each set's worker CPU (all its threads) and the whole machine's busy cores from
``/proc/stat`` during the run (the machine is shared; others' load shows there).
The goals are fixed in the issue; nothing here is tuned on these figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.batch_sets import build_sets
from workbench.batch import SUMMARY_FILE, BatchSettings, LocalEngine, SetResult, run_batch
from workbench.batch.manifest import Corpus, load_corpus
from workbench.batch.worker import available_cores, threads_per_worker

WARM_UP_SETS = 4


def _load() -> str:
    return "{:.1f}/{:.1f}/{:.1f}".format(*os.getloadavg())


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine so far."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


@dataclass
class Run:
    seconds: float
    segments: int
    cpu_seconds: float
    machine_busy: float
    """Cores busy on the whole machine during the run (ours and everyone else's)."""
    load: str
    failed: int
    workers: set[str] = field(default_factory=set)

    @property
    def own_busy(self) -> float:
        return self.cpu_seconds / self.seconds


def plain_loop(corpus: Corpus, settings: BatchSettings, outdir: Path) -> list[SetResult]:
    """The reference: this process, no engine, the same work per set."""
    from workbench.batch.runner import plan, record_result
    from workbench.batch.worker import align_one

    outdir.mkdir(parents=True, exist_ok=True)
    jobs, _ = plan(corpus, settings, outdir)
    results = []
    for job in jobs:
        result = align_one(job)
        record_result(outdir, job.document_set, settings, result)
        result.outputs = {}
        results.append(result)
    summary = "".join(json.dumps(r.summary_json()) + "\n" for r in results)
    (outdir / SUMMARY_FILE).write_text(summary, encoding="utf-8")
    return results


Runner = Callable[[Corpus, BatchSettings, Path], list[SetResult]]


def _engine_runner(engine: LocalEngine) -> Runner:
    def run(corpus: Corpus, settings: BatchSettings, outdir: Path) -> list[SetResult]:
        return run_batch(corpus, settings, outdir, engine).results
    return run


def timed(runner: Runner, corpus: Corpus, root: Path, tag: str) -> Run:
    settings = BatchSettings(cache_dir=str(root / f"cache-{tag}"))
    busy, total = _cpu_jiffies()
    started = time.perf_counter()
    results = runner(corpus, settings, root / f"out-{tag}")
    seconds = time.perf_counter() - started
    busy_after, total_after = _cpu_jiffies()
    machine = available_cores() * (busy_after - busy) / max(1, total_after - total)
    return Run(seconds, sum(r.segments for r in results), sum(r.cpu_seconds for r in results),
               machine, _load(), sum(1 for r in results if r.status == "failed"),
               {r.worker for r in results})


def _same_outputs(folders: list[Path]) -> bool:
    first, *others = folders
    names = sorted(p.name for p in first.iterdir() if p.suffix in (".jsonl", ".tmx")
                   and p.name != SUMMARY_FILE)
    return bool(names) and all(
        sorted(p.name for p in other.iterdir() if p.suffix in (".jsonl", ".tmx")
               and p.name != SUMMARY_FILE) == names
        and all((other / n).read_bytes() == (first / n).read_bytes() for n in names)
        for other in others)


def _describe(source: Path, names: list[str], rows: int) -> str:
    sizes = sorted(sum(p.stat().st_size for p in source.glob(f"{n}.*")) for n in names)
    tb = sum(1 for n in names if n.startswith("tb"))
    return (f"{len(names)} sets: {tb} Text+Berg de/fr slices, {len(names) - tb} zh/ru/en slices "
            f"of corpora/sco-neighbors, {rows} gold beads each; input {sum(sizes) / 1024:.0f} KiB "
            f"(per set {sizes[0]}-{sizes[-1]} bytes, median {statistics.median(sizes):.0f})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=40, help="how many document sets")
    parser.add_argument("--rows", type=int, default=6, help="gold beads per set")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of the three runs")
    args = parser.parse_args(argv)
    cores = available_cores()
    one, two = threads_per_worker(1, cores), threads_per_worker(2, cores)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as temporary:
        root = Path(temporary)
        source, warm_source = root / "sets", root / "warm-up"
        source.mkdir()
        built = build_sets(source, args.rows, args.sets + WARM_UP_SETS)
        warm = set(built[len(built) // (2 * WARM_UP_SETS) :: max(1, len(built) // WARM_UP_SETS)]
                   [:WARM_UP_SETS])  # other texts than the measured ones, spread over both kinds
        warm_source.mkdir()
        for path in list(source.iterdir()):
            if path.name.split(".")[0] in warm:
                path.rename(warm_source / path.name)
        names = [name for name in built if name not in warm]
        print(_describe(source, names, args.rows))
        print(f"{cores} cores; threads: plain loop {one}, 1 worker {one}, 2 workers {two} each; "
              f"{args.repeats} rounds, order reversed every other round; load average "
              f"(1/5/15 min) now {_load()}", flush=True)
        corpus, warm_corpus = load_corpus(source), load_corpus(warm_source)

        from workbench.batch.worker import start_worker

        started = time.perf_counter()
        start_worker(None, one)  # the plain loop's process: the same start as a worker's
        starts = {"plain": time.perf_counter() - started}
        engines = {1: LocalEngine(1, threads=one), 2: LocalEngine(2, threads=two)}
        runners: dict[str, Runner] = {"plain": plain_loop}
        for workers, engine in engines.items():
            started = time.perf_counter()
            engine.__enter__()
            seen: set[str] = set()
            for attempt in range(5):  # until every worker has started and aligned a set
                seen |= timed(_engine_runner(engine), warm_corpus, root,
                              f"warm{workers}-{attempt}").workers
                if len(seen) >= workers:
                    break
            starts[f"local {workers}"] = time.perf_counter() - started
            runners[f"local {workers}"] = _engine_runner(engine)
        timed(plain_loop, warm_corpus, root, "warm-plain")
        print(f"start (spawn, model load, warm-up on {len(warm_corpus.sets)} other sets, "
              f"{', '.join(sorted(warm))}): " +
              ", ".join(f"{name} {seconds:.1f} s" for name, seconds in starts.items()), flush=True)

        order = list(runners)
        runs: dict[str, list[Run]] = {name: [] for name in order}
        try:
            for round_number in range(args.repeats):
                for name in order if round_number % 2 == 0 else order[::-1]:
                    tag = f"{name.replace(' ', '')}-{round_number}"
                    run = timed(runners[name], corpus, root, tag)
                    runs[name].append(run)
                    print(f"  round {round_number + 1} {name:<8} {run.seconds:7.1f} s  "
                          f"{run.segments / run.seconds:5.2f} segments/s  our CPU "
                          f"{run.cpu_seconds:6.1f} s = {run.own_busy:.2f} cores busy; machine "
                          f"{run.machine_busy:.2f} busy; failed {run.failed}; load {run.load}",
                          flush=True)
        finally:
            for engine in engines.values():
                engine.close()
        _report(runs, args.repeats, root, cores)


def _report(runs: dict[str, list[Run]], repeats: int, root: Path, cores: int) -> None:
    median = {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()}
    segments = runs["plain"][0].segments
    print(f"\n{segments} segments per run; medians over {repeats} rounds:")
    for name, seconds in median.items():
        cpu = statistics.median(r.cpu_seconds for r in runs[name])
        busy = statistics.median(r.own_busy for r in runs[name])
        print(f"  {name:<8} {seconds:7.1f} s  {segments / seconds:5.2f} segments/s  "
              f"CPU {cpu:6.1f} s  ({busy:.2f} of {cores} cores busy with the sets)")
    folders = sorted(p for p in root.glob("out-*") if "warm" not in p.name)
    print(f"outputs identical across all {len(folders)} runs (JSONL bytes): "
          f"{'yes' if _same_outputs(folders) else 'NO'}")
    speed = median["local 1"] / median["local 2"]
    overhead = (median["local 1"] - median["plain"]) / median["plain"]
    per_round = ", ".join(
        f"{a.seconds / b.seconds:.2f}x / {100 * (a.seconds - p.seconds) / p.seconds:+.1f} %"
        for a, b, p in zip(runs["local 1"], runs["local 2"], runs["plain"], strict=True))
    print(f"speed-up, 2 workers vs 1: {speed:.2f}x "
          f"(goal >= 1.6x: {'met' if speed >= 1.6 else 'NOT met'})")
    print(f"engine overhead at 1 worker vs the plain loop: {100 * overhead:+.1f} % "
          f"(goal <= 10 %: {'met' if overhead <= 0.10 else 'NOT met'})")
    print(f"each round (speed-up / overhead): {per_round}")
    one_busy = statistics.median(r.own_busy for r in runs["local 1"])
    two_busy = statistics.median(r.own_busy for r in runs["local 2"])
    machine = statistics.median(r.machine_busy for rs in runs.values() for r in rs)
    print(f"cores busy with the sets: 1 worker {one_busy:.2f}, 2 workers {two_busy:.2f} of "
          f"{cores}; the whole machine {machine:.2f} (the rest is others' load). What 2 workers "
          f"can gain on {cores} quiet cores: python -m bench.batch_profile (the model's share of "
          f"a set's CPU time); load average at the end {_load()}")


if __name__ == "__main__":
    main()
