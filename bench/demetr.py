"""Drift signals on DEMETR: recall per error type, span hits, false flags on clean rows.

``python -m bench.demetr [--fold B2|B1|B|A|all] [--lang zh,ru] [--show N]`` reads
``../shared/data/demetr/zh-ru.dev.jsonl`` (skips when absent). For each error
type and source language it builds a document whose rows are each the clean or
the perturbed English (half and half, fixed seed, and the mirror document with
the halves swapped), runs the real pipeline with the pairing kept (as an
imported translation memory: ``inputs_from_record`` + ``compare(rows=...)``,
chain ``src -> en``), and prints:

* recall: perturbed rows with at least one signal, per type and language;
* span hit: flagged perturbed rows whose spans touch the changed words;
* false flags: clean rows with a signal (the good translation, the human
  reference, and cosmetic edits: final punctuation removed, lower case),
  per detector and in total;
* DEMETR's pairwise accuracy: calibrated score of the clean pair above that of
  the perturbed pair;
* time per detector.

Thresholds and word lists were chosen on folds A and B1; the default report is
fold B2, whose rows were never read (see :mod:`bench.demetr_data`). ``--show``
prints flagged clean rows, and refuses on a held-out fold.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict

from bench.demetr_data import (
    COSMETIC_TYPES,
    MEANING_TYPES,
    REFERENCE_TYPE,
    SEED,
    TUNING_FOLDS,
    DocRow,
    Item,
    data_path,
    load_items,
    mixed_documents,
    span_hit,
)
from bench.detector_time import print_times, time_detectors
from workbench.comparison import ComparisonRecord, FlagRecord, RowRecord, VersionInfo
from workbench.imported import inputs_from_record
from workbench.nlp.embed import get_encoder
from workbench.nlp.types import Encoder
from workbench.pipeline import compare

GOAL_FALSE_FLAGS = 0.05
GOAL_MEAN_RECALL = 0.45


def check_document(rows: list[DocRow],
                   encoder: Encoder) -> tuple[list[list[FlagRecord]], list[dict[str, float]]]:
    """The pipeline's signals for each row of a one-language-pair document, pairing kept."""
    src = rows[0].item.lang
    record = ComparisonRecord(
        title="demetr", versions=[VersionInfo(src, src), VersionInfo("en", "en")],
        rows=[RowRecord(index=k, segments={}, text={src: r.item.src, "en": r.english})
              for k, r in enumerate(rows)])
    inputs, given = inputs_from_record(record)
    result = compare(inputs, encoder, chain=[src, "en"], rows=given)
    return [row.flags for row in result.record.rows], [row.score for row in result.record.rows]


def _rate(hits: int, total: int) -> str:
    return f"{hits / total:.3f}" if total else "  -  "


class Tally:
    """Counts per error type and language, per detector and for the clean kinds."""

    def __init__(self) -> None:
        self.perturbed: Counter[tuple[int, str]] = Counter()
        self.caught: Counter[tuple[int, str]] = Counter()
        self.hit: Counter[tuple[int, str]] = Counter()
        self.by_detector: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
        self.clean: Counter[str] = Counter()
        self.clean_flagged: Counter[str] = Counter()
        self.clean_by_detector: Counter[str] = Counter()
        self.scores: dict[tuple[int, str, bool], float] = {}
        self.false_flags: list[tuple[str, DocRow, list[FlagRecord]]] = []
        self.missed: list[DocRow] = []
        self.clean_rows_of: Counter[int] = Counter()
        self.flagged_rows_of: Counter[int] = Counter()

    def add(self, kind: str, row: DocRow, flags: list[FlagRecord], score: float | None) -> None:
        auto = [f for f in flags if f.source == "auto"]
        key = (row.item.type_id, row.item.lang)
        if score is not None:
            self.scores[(row.item.id, f"{key}", row.perturbed)] = score
        if row.perturbed and kind == "meaning":
            self.perturbed[key] += 1
            if auto:
                self.caught[key] += 1
                self.by_detector[key].update({f.type for f in auto})
                if any(span_hit(f.spans, row.item.lang, "en", row.item.clean, row.item.changed)
                       for f in auto):
                    self.hit[key] += 1
            else:
                self.missed.append(row)
            return
        self.clean[kind] += 1
        self.clean_rows_of[row.item.id] += 1
        if auto:
            self.clean_flagged[kind] += 1
            self.flagged_rows_of[row.item.id] += 1
            self.clean_by_detector.update({f.type for f in auto})
            self.false_flags.append((kind, row, auto))

    def false_flag_interval(self, rounds: int = 2000) -> tuple[float, float]:
        """A 95 % bootstrap interval of the clean-row rate, resampling source sentences.

        Each sentence repeats in every error document, so its rows are not independent:
        the sentence is the unit that varies between folds."""
        ids = sorted(self.clean_rows_of)
        if not ids:
            return 0.0, 0.0
        rng = random.Random(SEED)
        rates = []
        for _ in range(rounds):
            sample = [rng.choice(ids) for _ in ids]
            rates.append(sum(self.flagged_rows_of[i] for i in sample)
                         / sum(self.clean_rows_of[i] for i in sample))
        rates.sort()
        return rates[int(0.025 * rounds)], rates[int(0.975 * rounds) - 1]

    def pairwise(self) -> tuple[int, int]:
        wins = total = 0
        for (item_id, key, perturbed), score in self.scores.items():
            if perturbed and (item_id, key, False) in self.scores:
                total += 1
                wins += self.scores[(item_id, key, False)] > score
        return wins, total


def run(items: list[Item], encoder: Encoder, tally: Tally) -> float:
    started = time.perf_counter()
    meaning = [it for it in items if it.type_id in MEANING_TYPES]
    for _name, rows in mixed_documents(meaning):
        flags, scores = check_document(rows, encoder)
        for row, row_flags, score in zip(rows, flags, scores, strict=True):
            tally.add("meaning", row, row_flags, score.get(f"{row.item.lang}|en"))
    for type_id, kind in [(REFERENCE_TYPE, "reference"), *COSMETIC_TYPES.items()]:
        for lang in ("zh", "ru"):
            group = [it for it in items if it.type_id == type_id and it.lang == lang]
            if not group:
                continue
            rows = [DocRow(it, True) for it in group]
            flags, _ = check_document(rows, encoder)
            for row, row_flags in zip(rows, flags, strict=True):
                tally.add(kind, row, row_flags, None)
    return time.perf_counter() - started


_FOLD_NOTES = {
    "B2": "held out (ids = 7 mod 8; thresholds and rules were chosen on folds A and B1, "
          "no row of B2 was read)",
    "B1": "a tuning part (ids = 3 mod 8; its rows were read while choosing rules)",
    "B": "B1 (tuned on) and B2 (held out) together",
    "A": "the first tuning fold (ids = 1 mod 4)",
    "all": "all folds (A and B1 were used for tuning)",
}


def show_false_flags(tally: Tally, limit: int) -> None:
    """Print up to ``limit`` distinct flagged clean rows (tuning folds only)."""
    seen: set[tuple[str, str]] = set()
    for kind, row, flags in tally.false_flags:
        key = (row.item.src, row.english)
        if key in seen or len(seen) >= limit:
            continue
        seen.add(key)
        print(f"\nFALSE [{kind}] {row.item.src}\n    {row.english}")
        for flag in flags:
            print(f"    {flag.type}: {flag.detail}")


def show_missed(tally: Tally, type_id: int, limit: int) -> None:
    """Print up to ``limit`` perturbed rows of error type ``type_id`` that got no signal."""
    rows = [r for r in tally.missed if r.item.type_id == type_id][:limit]
    for row in rows:
        print(f"\nMISSED [{row.item.lang} {MEANING_TYPES[type_id]}] {row.item.src}\n"
              f"    clean:     {row.item.clean}\n    perturbed: {row.english}")


def report(tally: Tally, fold: str, elapsed: float) -> None:
    print(f"\nDEMETR dev, fold {fold}: {_FOLD_NOTES[fold]}")
    print(f"\n{'type':<22}{'zh rec':>8}{'ru rec':>8}{'recall':>8}{'span hit':>10}  detectors")
    recalls: list[float] = []
    for type_id, name in MEANING_TYPES.items():
        keys = [(type_id, lang) for lang in ("zh", "ru")]
        total = sum(tally.perturbed[k] for k in keys)
        caught = sum(tally.caught[k] for k in keys)
        hit = sum(tally.hit[k] for k in keys)
        detectors = sum((tally.by_detector[k] for k in keys), Counter())
        if total:
            recalls.append(caught / total)
        top = ", ".join(f"{d} {n}" for d, n in detectors.most_common(4))
        print(f"{type_id:>2} {name:<19}{_rate(tally.caught[keys[0]], tally.perturbed[keys[0]]):>8}"
              f"{_rate(tally.caught[keys[1]], tally.perturbed[keys[1]]):>8}"
              f"{_rate(caught, total):>8}{_rate(hit, caught):>10}  {top}")
    mean_recall = sum(recalls) / len(recalls) if recalls else 0.0
    all_caught = sum(tally.caught.values())
    print(f"\nmean recall over {len(recalls)} meaning-error types: {mean_recall:.3f} "
          f"(goal >= {GOAL_MEAN_RECALL})")
    print(f"span hit over all flagged perturbed rows: "
          f"{_rate(sum(tally.hit.values()), all_caught)} (goal >= 0.80)")
    clean_total = sum(tally.clean.values())
    print(f"\nclean rows flagged: {_rate(sum(tally.clean_flagged.values()), clean_total)} of "
          f"{clean_total} (goal <= {GOAL_FALSE_FLAGS})")
    low, high = tally.false_flag_interval()
    print(f"  95 % interval, resampling the {len(tally.clean_rows_of)} source sentences: "
          f"{low:.3f}-{high:.3f}; sentences with a flagged clean row: "
          f"{len(tally.flagged_rows_of)} of {len(tally.clean_rows_of)}")
    for kind, n in tally.clean.items():
        print(f"  {kind:<20}{_rate(tally.clean_flagged[kind], n)} of {n}")
    print("  per detector (share of all clean rows):")
    for detector, n in tally.clean_by_detector.most_common():
        print(f"    {detector:<18}{_rate(n, clean_total)}")
    wins, total = tally.pairwise()
    print(f"\nDEMETR pairwise accuracy (clean pair scored above perturbed): {_rate(wins, total)} "
          f"of {total}")
    print(f"\ntime: {elapsed:.1f} s in all; per detector:")
    print_times()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold", choices=list(_FOLD_NOTES), default="B2")
    parser.add_argument("--lang", default="zh,ru", help="source languages, e.g. zh or zh,ru")
    parser.add_argument("--show", type=int, default=0,
                        help="print up to N flagged clean rows (tuning folds A and B1 only)")
    parser.add_argument("--missed", type=int, default=0, metavar="TYPE",
                        help="print perturbed rows of this error type (id) that got no signal "
                             "(tuning folds only)")
    args = parser.parse_args(argv)
    if (args.show or args.missed) and args.fold not in TUNING_FOLDS:
        print(f"--show is for the tuning folds ({', '.join(TUNING_FOLDS)}): "
              f"the rows of fold {args.fold} are not read")
        return 2
    if not data_path().is_file():
        print(f"skipped: {data_path()} not found (DEMETR dev half, see ../shared/data/README.md)")
        return 0
    langs = set(args.lang.split(","))
    items = [it for it in load_items(args.fold) if it.lang in langs]
    encoder = get_encoder()
    time_detectors()
    tally = Tally()
    elapsed = run(items, encoder, tally)
    report(tally, args.fold, elapsed)
    if args.show:
        show_false_flags(tally, args.show)
    if args.missed:
        show_missed(tally, args.missed, args.show or 20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
