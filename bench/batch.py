"""Batch throughput: 2 local workers against 1, and the engine at 1 worker against a plain loop.

Run ``python -m bench.batch``. It builds 40 small document sets (slices cut at
gold-alignment boundaries: 35 German/French ones from Text+Berg in
``../shared/data/textberg``, 5 Chinese/Russian/English ones from ``corpora/``),
then times, in this one run:

* a plain loop: one fresh process that loads the model and calls ``align_set``
  and ``record_result`` on each set in turn -- no engine;
* ``LocalEngine`` with 1 worker, then with 2 workers.

Every measurement starts from a fresh process (interpreter, imports, model load
included) and a fresh, empty embedding cache: the cache is **cold** for all three
alike, so each does the same embedding work. The goals (2 workers >= 1.6x one
worker; engine overhead at 1 worker <= 10 % of the plain loop) are fixed in the
issue; nothing here is tuned on these figures. The machine is shared: the load
average is printed beside each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbench.batch import BatchSettings, LocalEngine, load_corpus, run_batch
from workbench.config import corpora_dir, shared_dir

CHAIN_SCO = ("zh", "ru", "en")


def _chunks(count: int, size: int, wanted: int) -> list[int]:
    """``wanted`` start offsets of ``size``-row chunks spread over ``count`` rows."""
    if count < size:
        return []
    last = count - size
    wanted = min(wanted, last // size + 1)
    return sorted({round(k * last / max(1, wanted - 1)) for k in range(wanted)})


def _textberg_sets(folder: Path, rows: int, per_document: int, out: Path) -> int:
    made = 0
    for gold in sorted((folder / "gold").iterdir()):
        pairs = []
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, _, right = line.partition(":")
            de, fr = json.loads(left), json.loads(right)
            if de and fr:
                pairs.append((de, fr))
        lines = {lang: (folder / lang / gold.name).read_text(encoding="utf-8").splitlines()
                 for lang in ("de", "fr")}
        for start in _chunks(len(pairs), rows, per_document):
            chunk = pairs[start : start + rows]
            for lang, column in (("de", 0), ("fr", 1)):
                indices = [i for pair in chunk for i in pair[column]]
                text = "\n".join(lines[lang][min(indices) : max(indices) + 1])
                (out / f"tb{gold.name}-{start:03d}.{lang}.txt").write_text(text + "\n", "utf-8")
            made += 1
    return made


def _sco_sets(rows: int, wanted: int, out: Path) -> int:
    gold = corpora_dir() / "gold" / "sco-neighbors.alignment.jsonl"
    entries = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    entries = [e for e in entries if all(e.get(lang) for lang in CHAIN_SCO)]
    for start in _chunks(len(entries), rows, wanted):
        for lang in CHAIN_SCO:
            text = "\n\n".join(" ".join(e[lang]) for e in entries[start : start + rows])
            (out / f"sco-{start:03d}.{lang}.txt").write_text(text + "\n", "utf-8")
    return len(_chunks(len(entries), rows, wanted))


def build_sets(out: Path, rows: int, sets: int) -> int:
    """Write ``sets`` sets (5 of them from corpora/, the rest from Text+Berg) into ``out``."""
    textberg = shared_dir() / "data" / "textberg"
    documents = len(list((textberg / "gold").iterdir()))
    made = _sco_sets(rows, 5, out)
    return made + _textberg_sets(textberg, rows, -(-(sets - made) // documents), out)


def _load() -> str:
    return "load {:.1f}/{:.1f}/{:.1f}".format(*os.getloadavg())


def plain_loop(source: Path, outdir: Path) -> None:
    """The reference: one process, no engine, the same work per set (run as a child)."""
    from workbench.batch.runner import plan, record_result
    from workbench.batch.work import align_set
    from workbench.nlp.embed import get_encoder

    corpus = load_corpus(source)
    settings = BatchSettings()
    outdir.mkdir(parents=True, exist_ok=True)
    get_encoder()
    jobs, _ = plan(corpus, settings, outdir)
    for job in jobs:
        record_result(outdir, job.document_set, settings, align_set(job))


def _fresh_environment(root: Path, name: str) -> dict[str, str]:
    env = dict(os.environ, WORKBENCH_CACHE=str(root / f"cache-{name}"),
               TOKENIZERS_PARALLELISM="false")
    os.environ.update(env)  # spawned pool workers inherit it too
    return env


def _time_plain(source: Path, root: Path) -> float:
    env = _fresh_environment(root, "plain")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bench.batch", "--plain-loop", str(source),
                    str(root / "out-plain")], check=True, env=env)
    return time.perf_counter() - started


def _time_engine(source: Path, root: Path, workers: int) -> tuple[float, int, int]:
    _fresh_environment(root, f"local{workers}")
    corpus = load_corpus(source)
    started = time.perf_counter()
    report = run_batch(corpus, BatchSettings(), root / f"out-local{workers}",
                       LocalEngine(workers=workers))
    seconds = time.perf_counter() - started
    return seconds, sum(r.segments for r in report.results), len(report.failed)


def _same_rows(root: Path, names: list[str]) -> bool:
    first, *others = (root / f"out-{n}" for n in names)
    for path in sorted(first.glob("*.jsonl")):
        if path.name == "summary.jsonl":
            continue
        for other in others:
            if (other / path.name).read_bytes() != path.read_bytes():
                return False
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=40, help="how many document sets")
    parser.add_argument("--rows", type=int, default=3, help="gold rows per set")
    parser.add_argument("--plain-loop", nargs=2, type=Path, metavar=("SOURCE", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plain_loop:
        plain_loop(*args.plain_loop)
        return
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as temporary:
        root = Path(temporary)
        source = root / "sets"
        source.mkdir()
        made = build_sets(source, args.rows, args.sets)
        sets = sorted({p.name.split(".")[0] for p in source.iterdir()})[: args.sets]
        for extra in [p for p in source.iterdir() if p.name.split(".")[0] not in sets]:
            extra.unlink()
        print(f"{len(sets)} sets (of {made} built; {args.rows} gold rows each), "
              f"{os.cpu_count()} cores; embedding cache cold (fresh, empty) for every "
              f"measurement; each starts a fresh process and loads the model")
        print(f"plain loop ...  ({_load()})", flush=True)
        plain = _time_plain(source, root)
        print(f"plain loop:     {plain:7.1f} s  ({_load()})", flush=True)
        one, segments, failures = _time_engine(source, root, 1)
        print(f"local, 1 worker:{one:7.1f} s  {segments / one:6.1f} segments/s  "
              f"({_load()})", flush=True)
        two, _, _ = _time_engine(source, root, 2)
        print(f"local, 2 workers:{two:6.1f} s  {segments / two:6.1f} segments/s  "
              f"({_load()})", flush=True)
        same = _same_rows(root, ["plain", "local1", "local2"])
        print(f"{segments} segments per run; failed sets: {failures}; "
              f"outputs identical across the three runs: {'yes' if same else 'NO'}")
        print(f"speed-up, 2 workers vs 1: {one / two:.2f}x (goal >= 1.6x)")
        print(f"engine overhead at 1 worker vs the plain loop: {100 * (one - plain) / plain:+.1f} %"
              f" (goal <= 10 %)")


if __name__ == "__main__":
    main()
