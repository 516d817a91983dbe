"""Choose the word-match limits of the ``words`` detector on DEMETR's tuning folds A and B1.

``python -m bench.demetr_fit [--folds A,B1] [--write]`` embeds the clean
translations of the tuning folds (``mt_sent``, the human reference, the cosmetic
edits; folds A and B1 by default, one corpus), Tatoeba's zh-en and ru-en pairs of
even lines (``../shared/data/tatoeba``; the odd lines are the report half of
:mod:`bench.demetr_clean`) and, with ``--with-mac``, MAC-dev's one-to-one
zh-en beads of chapters 001, 003, 005 (literary, ``../shared/data/mac-dev``)
with their sources, word by word, and sets, per language pair, the limits at
which no corpus's clean rows trip either check more often than
:data:`CLEAN_RATE` (see :mod:`workbench.nlp.drift.detectors.words`). Words the
zh-en lexicon pairs with the other side (:mod:`workbench.nlp.drift.lexicon`)
are left out of the fit, as the detector never flags them. It prints each
corpus's trip rate, MAC-dev's chapters 002, 004, 006 (never fitted on)
included, at the new limits and at the stored ones. ``--write`` stores the
limits under ``word_match`` in ``workbench/nlp/drift/calibration.json``, and
the omission check's length-aware tail (:mod:`bench.demetr_tail`: gap quantiles
of every unpaired source word of those rows, MAC-dev's odd chapters added for
zh) under ``missing_tail``; the
held-out fold B2 is never read here, so ``python -m bench.demetr`` can report on it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from bench.demetr_data import (
    COSMETIC_TYPES,
    MEANING_TYPES,
    REFERENCE_TYPE,
    TUNING_FOLDS,
    data_path,
    load_items,
)
from bench.demetr_tail import fit_tail
from bench.tatoeba_auc import OUT
from workbench.config import shared_dir
from workbench.nlp.drift.detectors.words import (
    Tail,
    limits_for,
    stored_tail,
    tail_from_json,
    tail_limit,
    word_matches,
)
from workbench.nlp.drift.wordvec import WordVectors
from workbench.nlp.embed import get_encoder

CLEAN_RATE = 0.02
"""Share of a clean corpus's rows that each check (added, missing) may trip."""


Row = tuple[float, float, int, list[float]]
"""A clean row's worst English match, worst source gap, source words tested, and their gaps."""


def _features(words: WordVectors, src: str, lang: str, en: str) -> Row | None:
    """The row's worst English word match and worst source gap, among words the lexicon
    does not pair (``inf``/``-inf`` when it pairs them all), how many source words were
    tested and their gaps; ``None`` when a side is too short."""
    matches = word_matches(src, lang, words.of(src), en, "en", words.of(en))
    if matches is None:
        return None
    gaps = [w.gap for w in matches[0] if not w.known]
    return (min((w.best for w in matches[1] if not w.known), default=float("inf")),
            max(gaps, default=float("-inf")), len(gaps), gaps)


def _tatoeba() -> set[tuple[str, str, str]]:
    """Tatoeba's zh-en and ru-en pairs of even lines (the tuning half of
    :mod:`bench.demetr_clean`, whose odd lines are its report half): clean
    translations, short and conversational."""
    folder = shared_dir() / "data" / "tatoeba"
    pairs: set[tuple[str, str, str]] = set()
    for lang, stem in (("zh", "cmn-eng"), ("ru", "rus-eng")):
        src, tgt = folder / f"{stem}.{'cmn' if lang == 'zh' else 'rus'}", folder / f"{stem}.eng"
        if src.is_file() and tgt.is_file():
            lines = zip(src.read_text(encoding="utf-8").splitlines(),
                        tgt.read_text(encoding="utf-8").splitlines(), strict=False)
            pairs |= {(a.strip(), lang, b.strip()) for k, (a, b) in enumerate(lines)
                      if k % 2 == 0 and a.strip() and b.strip()}
    return pairs


def _mac(odd: bool) -> set[tuple[str, str, str]]:
    """MAC-dev's one-to-one gold beads (zh-en literary prose) of the odd or the even chapters."""
    folder = shared_dir() / "data" / "mac-dev"
    pairs: set[tuple[str, str, str]] = set()
    for gold in sorted((folder / "gold").glob("*")):
        if (int(gold.name) % 2 == 1) != odd:
            continue
        zh = (folder / "zh" / gold.name).read_text(encoding="utf-8").splitlines()
        en = (folder / "en" / gold.name).read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, right = (json.loads(side) for side in line.split(":"))
            if len(left) == len(right) == 1 and zh[left[0]].strip() and en[right[0]].strip():
                pairs.add((zh[left[0]].strip(), "zh", en[right[0]].strip()))
    return pairs


def _trip_rates(feats: list[Row], limits: dict[str, float], tail: Tail | None) -> str:
    added = [f[0] < limits["added_below"] for f in feats]
    missing = [f[1] > tail_limit(tail, f[2], limits["missing_margin"]) for f in feats]
    either = np.mean([a or m for a, m in zip(added, missing, strict=True)])
    return f"added {np.mean(added):.3f}, missing {np.mean(missing):.3f}, either {either:.3f}"


def _limit_within(groups: list[np.ndarray], rate: float) -> float:
    """The lowest limit at which no group (one per corpus) trips more often than ``rate``.

    Every corpus must stay within the rate, not their mean: once the lexicon
    pairs most words of DEMETR's news, its clean rows hardly trip, and a mean
    would loosen the limit until Tatoeba's conversational rows trip at twice
    the rate. (With ``--with-mac``, MAC-dev's literary chapters then set the
    limits alone.)"""
    for value in np.unique(np.concatenate(groups)):
        if max(np.mean(g > value) for g in groups) <= rate:
            return float(value)
    return float(max(g.max() for g in groups))


def _four_places(value: float, rounding: Callable[[float], int]) -> float:
    """``value`` rounded to four places towards flagging less (the fitted rate stays true)."""
    return rounding(value * 10_000) / 10_000


def fit(folds: tuple[str, ...],
        with_mac: bool = False, rate: float = CLEAN_RATE,
        ) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, Any]]]:
    """The fixed limits per language pair, and the missing check's tail (see
    :mod:`bench.demetr_tail`), pooled over the fitted corpora and, for zh,
    MAC-dev's odd chapters (the tail only ever raises the limit)."""
    items = [item for fold in folds for item in load_items(fold)]
    corpora: dict[str, set[tuple[str, str, str]]] = {
        f"DEMETR {'+'.join(folds)}":
            {(it.src, it.lang, it.clean) for it in items if it.type_id in MEANING_TYPES}
            | {(it.src, it.lang, it.changed) for it in items
               if it.type_id in (REFERENCE_TYPE, *COSMETIC_TYPES)},
        "Tatoeba": _tatoeba(),
    }
    if with_mac:
        corpora["MAC-dev 001/003/005"] = _mac(odd=True)
    held = {"MAC-dev 002/004/006 (never fitted)": _mac(odd=False)}
    pooled = {} if with_mac else {"MAC-dev 001/003/005 (tail only)": _mac(odd=True)}
    texts = [t for pairs in [*corpora.values(), *pooled.values(), *held.values()]
             for src, _, en in pairs for t in (src, en)]
    words = WordVectors(get_encoder(), texts)
    limits: dict[str, dict[str, float]] = {}
    tails: dict[str, dict[str, Any]] = {}
    for lang in sorted({lang for pairs in corpora.values() for _, lang, _ in pairs}):
        feats = {name: [f for src, lg, en in sorted(pairs) if lg == lang
                        if (f := _features(words, src, lang, en)) is not None]
                 for name, pairs in {**corpora, **pooled, **held}.items()}
        fitted = [np.array([f[:2] for f in feats[name]]) for name in corpora if feats[name]]
        key = f"{lang}|en"
        limits[key] = {  # lower is worse for the match: negate it
            "added_below": _four_places(-_limit_within([-f[:, 0] for f in fitted], rate),
                                        math.floor),
            "missing_margin": _four_places(_limit_within([f[:, 1] for f in fitted], rate),
                                           math.ceil)}
        tails[key] = fit_tail([g for name in [*corpora, *pooled] for f in feats[name]
                               for g in f[3]], rate)
        tail = tail_from_json(tails[key])
        print(f"{key}: each check trips at most {rate} of each fitted corpus "
              f"-> {limits[key]}; missing tail from {tails[key]['words']} clean words: "
              f"limit at 4/12/25 words tested "
              + "/".join(f"{tail_limit(tail, n, limits[key]['missing_margin']):.4f}"
                         for n in (4, 12, 25)))
        stored = limits_for(lang, "en")
        stored_tail_now = stored_tail(lang, "en")
        for name, rows in feats.items():
            if not rows:
                continue
            line = f"  {name:<36}{len(rows):>5} rows: {_trip_rates(rows, limits[key], tail)}"
            if stored is not None:
                line += f"   (stored limits: {_trip_rates(rows, stored, stored_tail_now)})"
            print(line)
    limits["*"] = {"added_below": min(v["added_below"] for v in limits.values()),
                   "missing_margin": max(v["missing_margin"] for v in limits.values())}
    return limits, tails


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the limits")
    parser.add_argument("--folds", default=",".join(TUNING_FOLDS),
                        help=f"DEMETR folds to fit on, among the tuning folds {TUNING_FOLDS}")
    parser.add_argument("--tail-only", action="store_true",
                        help="with --write: store only the omission tail, keep the stored limits")
    parser.add_argument("--with-mac", action="store_true",
                        help="fit on MAC-dev's odd chapters too (literary zh-en; widens zh limits)")
    parser.add_argument("--rate", type=float, default=CLEAN_RATE,
                        help=f"share of each clean corpus a check may trip (default {CLEAN_RATE})")
    args = parser.parse_args(argv)
    if not data_path().is_file():
        print(f"skipped: {data_path()} not found")
        return 0
    folds = tuple(f.strip() for f in args.folds.split(",") if f.strip())
    if not folds or any(fold not in TUNING_FOLDS for fold in folds):
        print(f"--folds takes tuning folds only ({', '.join(TUNING_FOLDS)}): "
              f"held-out rows are never fitted on")
        return 2
    limits, tails = fit(folds, args.with_mac, args.rate)
    if args.write:
        data = json.loads(OUT.read_text(encoding="utf-8"))
        fitted_on = f"DEMETR folds {'+'.join(folds)} clean rows, Tatoeba even lines" + (
            ", MAC-dev chapters 001/003/005" if args.with_mac else "")
        if not args.tail_only:
            data["word_match"] = {"about": f"written by python -m bench.demetr_fit --write "
                                           f"({fitted_on}; words the zh-en lexicon pairs "
                                           f"are never flagged)", **limits}
        data["missing_tail"] = {"about": "written by python -m bench.demetr_fit --write: gap "
                                         "quantiles of every unpaired source word of the same "
                                         "clean rows (and MAC-dev 001/003/005 for zh); see "
                                         "bench/demetr_tail.py", **tails}
        OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
