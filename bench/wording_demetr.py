"""Same-language (en|en) word-diff signals on DEMETR, fold A only (``id % 4 == 1``).

``python -m bench.wording_demetr`` reads ``../shared/data/demetr/zh-ru.dev.jsonl``
and compares English with English:

* paraphrase rate: ``mt_sent`` vs ``eng_sent`` (two independent good translations of
  one source), once per sentence id: how often a content-word diff fires on them,
  before and after the rewording gate;
* cosmetic rate: ``mt_sent`` vs ``pert_sent`` for the no-meaning-change edits
  (final punctuation removed, lower-cased, first letter lower-cased);
* recall: ``mt_sent`` vs ``pert_sent`` for the 18 meaning-error types.

Fold B (``id % 4 == 3``) is held out for the project benchmark: never read here.
The length-ratio spread of clean same-language pairs (``SAME_LANGUAGE_STD`` in
:mod:`workbench.nlp.drift.analyse`) is printed too.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.wording import content_changes, unmatched_counts
from workbench.nlp.drift.registry import get_detectors

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "demetr" / "zh-ru.dev.jsonl"
MEANING = (3, 4, 5, 6, 7, 8, 9, 10, 11, 17, 18, 19, 20, 21, 22, 23, 24, 25)
COSMETIC = (28, 31, 32)


def _fold_a(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if int(row["id"]) % 4 == 1 and row.get("pert_check") is not False:
                rows.append(row)
    return rows


def _view(a: str, b: str) -> PairView:
    return PairView(0, "A", "B", "en", "en", a, b)


def _chars(text: str) -> int:
    return len("".join(text.split()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: {args.data} not found")
        return 0
    rows = _fold_a(args.data)
    wording = get_detectors(["wording"])["wording"]
    rules = {n: d for n, d in get_detectors().items() if n not in ("low_score",)}
    print(f"fold A (id % 4 == 1): {len(rows)} rows, {len({r['id'] for r in rows})} sentences")

    pairs = {int(r["id"]): (str(r["mt_sent"]), str(r["eng_sent"])) for r in rows}
    raw = sum(bool(content_changes(a, b, "en")) for a, b in pairs.values())
    gated = sum(bool(wording(_view(a, b))) for a, b in pairs.values())
    any_rule = sum(any(d(_view(a, b)) for d in rules.values()) for a, b in pairs.values())
    both = sorted(min(unmatched_counts(a, b, "en")) for a, b in pairs.values())
    logs = [math.log(_chars(b) / _chars(a)) for a, b in pairs.values()]
    print(f"paraphrase mt|eng: {len(pairs)} pairs; content-word diff fires on "
          f"{raw / len(pairs):.3f}"
          f", wording signal (after the rewording gate) on {gated / len(pairs):.3f}; content "
          f"words unmatched on both sides: median {statistics.median(both)}; any rule "
          f"detector on {any_rule / len(pairs):.3f}")
    print(f"length log-ratio mt|eng: mean {statistics.mean(logs):+.3f} "
          f"std {statistics.pstdev(logs):.3f}")

    by_type: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_type[int(r["pert_id"])].append(r)
    for pid in COSMETIC:
        fired = [r for r in by_type[pid] if wording(_view(str(r["mt_sent"]), str(r["pert_sent"])))]
        other = [r for r in by_type[pid]
                 if any(d(_view(str(r["mt_sent"]), str(r["pert_sent"]))) for d in rules.values())]
        print(f"cosmetic {pid:>2} {by_type[pid][0]['pert_name']}: wording fires on "
              f"{len(fired)}/{len(by_type[pid])}, any rule detector on {len(other)}")
    recalls, any_recalls = [], []
    print(f"{'type':<36} {'n':>3} {'wording':>8} {'all rules':>9}  severities")
    for pid in MEANING:
        group = by_type[pid]
        hits = anys = 0
        severities: dict[str, int] = defaultdict(int)
        for r in group:
            view = _view(str(r["mt_sent"]), str(r["pert_sent"]))
            found = wording(view)
            hits += bool(found)
            for f in found:
                severities[f.severity] += 1
            anys += bool(found) or any(d(view) for d in rules.values())
        recalls.append(hits / len(group))
        any_recalls.append(anys / len(group))
        print(f"{group[0]['pert_name']!s:<36} {len(group):>3} {recalls[-1]:>8.2f} "
              f"{any_recalls[-1]:>9.2f}  {dict(severities)}")
    print(f"mean recall over {len(MEANING)} meaning types: wording {statistics.mean(recalls):.3f}, "
          f"all rule detectors {statistics.mean(any_recalls):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
