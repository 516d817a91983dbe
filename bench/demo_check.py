"""Time of the drift check on the demo (84 rows, 3 versions), the embedding cache warm.

``python -m bench.demo_check [--repeat N]`` aligns the demo in ``corpora/`` once
(which fills the embedding cache), then times the checking phase (calibrated
scores, every drift detector, highlights) over ``N`` fresh runs of the whole
pipeline in this process, and prints the median and each detector's share.
Compare two versions of the code by running this command in each checkout.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from bench.detector_time import print_times, time_detectors
from workbench.nlp.embed import get_encoder
from workbench.pipeline import compare, load_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    title, inputs, chain = load_demo()
    encoder = get_encoder()
    first = compare(inputs, encoder, chain=chain, title=title)
    time_detectors()
    checks = []
    for _ in range(max(args.repeat, 1)):
        result = compare(inputs, encoder, chain=chain, title=title)
        checks.append(result.timings["check"])
    rows = len(first.record.rows)
    flags = sum(len(r.flags) for r in first.record.rows)
    print(f"demo: {rows} rows, {len(inputs)} versions, {flags} signals")
    print(f"check phase, warm embedding cache: median {statistics.median(checks):.2f} s "
          f"(min {min(checks):.2f}, max {max(checks):.2f}) over {len(checks)} runs; "
          f"first run {first.timings['check']:.2f} s")
    print("per detector (total over the timed runs, divided by runs):")
    print_times(len(checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
