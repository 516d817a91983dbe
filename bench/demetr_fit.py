"""Choose the word-match limits of the ``words`` detector on DEMETR fold A (the tuning fold).

``python -m bench.demetr_fit [--write]`` embeds the clean translations of fold A
(``mt_sent``, the human reference, the cosmetic edits), Tatoeba's zh-en and
ru-en pairs (``../shared/data/tatoeba``) and, with ``--with-mac``, MAC-dev's
one-to-one zh-en beads of chapters 001, 003, 005 (literary,
``../shared/data/mac-dev``) with their sources, word by word, and sets, per
language pair, the limits at which the clean rows trip on average (each corpus
weighted alike) :data:`CLEAN_RATE` (see :mod:`workbench.nlp.drift.detectors.words`).
It then prints how many of MAC-dev's chapters 002, 004, 006 (never fitted on)
trip them. ``--write``
stores the limits under ``word_match`` in ``workbench/nlp/drift/calibration.json``;
fold B is never read here, so ``python -m bench.demetr`` can report on it.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from bench.demetr_data import (
    COSMETIC_TYPES,
    MEANING_TYPES,
    REFERENCE_TYPE,
    data_path,
    load_items,
)
from bench.tatoeba_auc import OUT
from workbench.config import shared_dir
from workbench.nlp.drift.detectors.words import MIN_CONTENT, content_words
from workbench.nlp.drift.wordvec import WordVectors
from workbench.nlp.embed import get_encoder

CLEAN_RATE = 0.015


def _features(words: WordVectors, src: str, lang: str, en: str) -> tuple[float, float] | None:
    words_a, vec_a = words.of(src)
    words_b, vec_b = words.of(en)
    content_a, content_b = content_words(src, words_a, lang), content_words(en, words_b, "en")
    if min(len(content_a), len(content_b)) < MIN_CONTENT:
        return None
    sims = vec_a @ vec_b.T
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    typical = float(np.median(np.concatenate([best_a, best_b])))
    return (float(min(best_b[k] for k in content_b)),
            float(typical - min(best_a[k] for k in content_a)))


def _tatoeba() -> set[tuple[str, str, str]]:
    """Tatoeba's zh-en and ru-en pairs: clean translations, short and conversational."""
    folder = shared_dir() / "data" / "tatoeba"
    pairs: set[tuple[str, str, str]] = set()
    for lang, stem in (("zh", "cmn-eng"), ("ru", "rus-eng")):
        src, tgt = folder / f"{stem}.{'cmn' if lang == 'zh' else 'rus'}", folder / f"{stem}.eng"
        if src.is_file() and tgt.is_file():
            lines = zip(src.read_text(encoding="utf-8").splitlines(),
                        tgt.read_text(encoding="utf-8").splitlines(), strict=False)
            pairs |= {(a.strip(), lang, b.strip()) for a, b in lines if a.strip() and b.strip()}
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


def _held_out(words: WordVectors, limits: dict[str, dict[str, float]]) -> None:
    held = sorted(_mac(odd=False))
    feats = [f for src, lang, en in held if (f := _features(words, src, lang, en)) is not None]
    if not feats:
        return
    lim = limits["zh|en"]
    added = sum(f[0] < lim["added_below"] for f in feats)
    missing = sum(f[1] > lim["missing_margin"] for f in feats)
    print(f"held out, MAC-dev chapters 002/004/006 ({len(feats)} clean zh-en rows, not fitted): "
          f"added {added / len(feats):.3f}, missing {missing / len(feats):.3f} "
          f"(fitted at {CLEAN_RATE})")


def _balanced_limit(groups: list[np.ndarray], rate: float) -> float:
    """The lowest limit whose trip rate, averaged over ``groups`` (one per corpus), is <= ``rate``.

    Each corpus counts alike, so MAC-dev's free literary renderings widen the
    limit only as much as one corpus can, not by their number of rows."""
    for value in np.unique(np.concatenate(groups)):
        if np.mean([np.mean(g > value) for g in groups]) <= rate:
            return float(value)
    return float(max(g.max() for g in groups))


def fit(with_mac: bool = False) -> dict[str, dict[str, float]]:
    items = load_items("A")
    corpora: dict[str, set[tuple[str, str, str]]] = {
        "fold A": {(it.src, it.lang, it.clean) for it in items if it.type_id in MEANING_TYPES}
        | {(it.src, it.lang, it.changed) for it in items
           if it.type_id in (REFERENCE_TYPE, *COSMETIC_TYPES)},
        "Tatoeba": _tatoeba(),
    }
    if with_mac:
        corpora["MAC-dev 001/003/005"] = _mac(odd=True)
    encoder = get_encoder()
    held = _mac(odd=False)
    texts = [t for pairs in [*corpora.values(), held] for src, _, en in pairs for t in (src, en)]
    words = WordVectors(encoder, texts)
    limits: dict[str, dict[str, float]] = {}
    for lang in sorted({lang for pairs in corpora.values() for _, lang, _ in pairs}):
        added: list[np.ndarray] = []
        missing: list[np.ndarray] = []
        origin: list[str] = []
        for name, pairs in corpora.items():
            feats = [f for src, lg, en in sorted(pairs) if lg == lang
                     if (f := _features(words, src, lang, en)) is not None]
            if feats:
                added.append(-np.array([f[0] for f in feats]))  # lower is worse: negate
                missing.append(np.array([f[1] for f in feats]))
                origin.append(f"{name} {len(feats)}")
        limits[f"{lang}|en"] = {
            "added_below": round(-_balanced_limit(added, CLEAN_RATE), 4),
            "missing_margin": round(_balanced_limit(missing, CLEAN_RATE), 4)}
        print(f"{lang}|en: clean rows {', '.join(origin)}; each corpus weighted alike, "
              f"mean trip rate {CLEAN_RATE} -> {limits[f'{lang}|en']}")
    _held_out(words, limits)
    limits["*"] = {"added_below": min(v["added_below"] for v in limits.values()),
                   "missing_margin": max(v["missing_margin"] for v in limits.values())}
    return limits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the limits")
    parser.add_argument("--with-mac", action="store_true",
                        help="fit on MAC-dev's odd chapters too (literary zh-en; widens zh limits)")
    args = parser.parse_args(argv)
    if not data_path().is_file():
        print(f"skipped: {data_path()} not found")
        return 0
    limits = fit(args.with_mac)
    if args.write:
        data = json.loads(OUT.read_text(encoding="utf-8"))
        data["word_match"] = {"about": "written by python -m bench.demetr_fit --write "
                                       "(DEMETR fold A clean rows, Tatoeba, MAC-dev "
                                       "chapters 001/003/005)", **limits}
        OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
