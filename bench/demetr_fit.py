"""Choose the word-match limits of the ``words`` detector on DEMETR fold A (the tuning fold).

``python -m bench.demetr_fit [--write]`` embeds the clean translations of fold A
(``mt_sent``, the human reference, the cosmetic edits) and Tatoeba's zh-en and
ru-en pairs (``../shared/data/tatoeba``) with their sources, word by word, and
sets, per language pair, the limits that about :data:`CLEAN_RATE` of clean
rows trip (see :mod:`workbench.nlp.drift.detectors.words`). ``--write`` stores
them under ``word_match`` in ``workbench/nlp/drift/calibration.json``; fold B
is never read here, so ``python -m bench.demetr`` can report on it.
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


def fit() -> dict[str, dict[str, float]]:
    items = load_items("A")
    pairs = {(it.src, it.lang, it.clean) for it in items if it.type_id in MEANING_TYPES}
    pairs |= {(it.src, it.lang, it.changed) for it in items
              if it.type_id in (REFERENCE_TYPE, *COSMETIC_TYPES)}
    pairs |= _tatoeba()
    encoder = get_encoder()
    words = WordVectors(encoder, [t for src, _, en in pairs for t in (src, en)])
    limits: dict[str, dict[str, float]] = {}
    for lang in sorted({lang for _, lang, _ in pairs}):
        feats = [f for src, lg, en in sorted(pairs) if lg == lang
                 if (f := _features(words, src, lang, en)) is not None]
        added = np.array([f[0] for f in feats])
        missing = np.array([f[1] for f in feats])
        limits[f"{lang}|en"] = {"added_below": round(float(np.quantile(added, CLEAN_RATE)), 4),
                                "missing_margin": round(float(np.quantile(missing,
                                                                          1 - CLEAN_RATE)), 4)}
        print(f"{lang}|en: {len(feats)} clean rows (fold A + Tatoeba) -> {limits[f'{lang}|en']}")
    limits["*"] = {"added_below": min(v["added_below"] for v in limits.values()),
                   "missing_margin": max(v["missing_margin"] for v in limits.values())}
    return limits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the limits")
    args = parser.parse_args(argv)
    if not data_path().is_file():
        print(f"skipped: {data_path()} not found")
        return 0
    limits = fit()
    if args.write:
        data = json.loads(OUT.read_text(encoding="utf-8"))
        data["word_match"] = {"about": "written by python -m bench.demetr_fit --write "
                                       "(DEMETR fold A, clean rows)", **limits}
        OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
