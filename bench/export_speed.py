"""Export 20,000 rows to every format: time and peak extra memory per format.

    python -m bench.export_speed [--rows 20000] [--formats tmx,csv]

Each format runs in a fresh subprocess so that its peak resident memory (C libraries
included: libxml2, zlib) is measured on its own: ``extra MB`` is the growth of the
process's peak RSS during the export, after the record was built. Goal: <= 5 s and
<= 100 MB per format. Figures are noisy on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

from workbench.comparison import ComparisonRecord, FlagRecord, RowRecord, VersionInfo

SENTENCES = {
    "zh": "今天是2024年3月5日，代表团参观了故宫博物院，并与当地学者进行了长时间的交流。",
    "ru": "Сегодня, 5 марта 2024 года, делегация посетила музей «Гугун» и долго беседовала "
          "с местными учёными о «сотрудничестве» & <будущем>.",
    "en": "Today, on 5 March 2024, the delegation visited the Palace Museum and talked at "
          "length with local scholars about \"cooperation\" & <the future>.",
}


def build_record(rows: int) -> ComparisonRecord:
    rng = random.Random(1)
    labels = list(SENTENCES)
    records = []
    for index in range(rows):
        similarity = {"zh|ru": rng.random(), "ru|en": rng.random(), "zh|en": rng.random()}
        flags = ([FlagRecord("number", "zh|ru", "2024 vs 2023", {"zh": [[3, 7]]})]
                 if index % 6 == 0 else [])
        records.append(RowRecord(
            index=index, segments={k: [index] for k in labels},
            text={k: f"{SENTENCES[k]} {index}" for k in labels}, similarity=similarity,
            score={k: v * 0.9 for k, v in similarity.items()}, flags=flags,
            status=("unreviewed", "accepted", "flagged")[index % 3],
            comments=["check"] if index % 10 == 0 else [],
        ))
    return ComparisonRecord("Benchmark", [VersionInfo(k, k) for k in labels], records,
                            chain=labels, model="bench")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_one(fmt: str, rows: int) -> dict[str, float | str]:
    from workbench.export import ExportOptions, export

    record = build_record(rows)
    before = _peak_mb()
    started = time.perf_counter()
    data = export(record, fmt, ExportOptions())
    seconds = time.perf_counter() - started
    return {"format": fmt, "seconds": round(seconds, 2), "extra_mb": round(_peak_mb() - before, 1),
            "output_mb": round(len(data) / 1048576, 1), "output_bytes": len(data)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--formats", default="tmx,xliff,csv,tsv,jsonl,xlsx,html")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.rows)))
        return
    print(f"exporting {args.rows:,} rows x 3 versions (figures may be noisy: shared CPU)")
    print(f"{'format':<8}{'seconds':>9}{'extra MB':>10}{'output MB':>11}  goal <= 5 s, <= 100 MB")
    failed = False
    for fmt in args.formats.split(","):
        child = subprocess.run(
            [sys.executable, "-m", "bench.export_speed", "--one", fmt, "--rows", str(args.rows)],
            capture_output=True, text=True, check=True)
        result = json.loads(child.stdout)
        ok = float(result["seconds"]) <= 5 and float(result["extra_mb"]) <= 100
        failed |= not ok
        print(f"{fmt:<8}{result['seconds']:>9}{result['extra_mb']:>10}{result['output_mb']:>11}"
              f"  {'ok' if ok else 'OVER'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
