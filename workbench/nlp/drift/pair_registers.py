"""The document register of each cross-language pair of a comparison (see :mod:`register`).

A full analysis reads it from the document's rows; the comparison keeps it
(``DriftResult.registers``, stored with the comparison), and a rescore after a
correction is given the stored value back: the ``words`` limit of a corrected
row is then the one the whole document was checked with, in whatever process
and however long after.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from workbench.nlp.drift.chain import Pair
from workbench.nlp.drift.detectors.words import unpaired_bests
from workbench.nlp.drift.register import document_register, is_remembered, remembered
from workbench.nlp.drift.wordvec import WordVectors
from workbench.nlp.types import pair_key

Registers = dict[str, float | None]
"""A register per pair key (``None``: too few unpaired words were read for one)."""


def pair_registers(pairs: Sequence[Pair], langs: Mapping[str, str],
                   every_text: list[dict[str, str]], wanted: set[int],
                   words: WordVectors | None,
                   known: Mapping[str, float | None] | None = None) -> Registers:
    """Each cross-language pair's document register, for the ``words`` detector.

    A pair in ``known`` keeps its value. For the others, rows not analysed now
    (``wanted``) count only when an earlier analysis in this process read them:
    a rescore of a comparison stored without registers does not fetch the whole
    document's word vectors again (in the web process they would come from the
    model in the jobs process, for every correction)."""
    registers: Registers = {}
    for a, b in pairs:
        lang_a, lang_b = langs[a], langs[b]
        if lang_a[:2].lower() == lang_b[:2].lower():
            continue
        key = pair_key(a, b)
        if known is not None and key in known:
            registers[key] = known[key]
            continue
        if words is None:
            continue
        rows = [(t.get(a, ""), t.get(b, "")) for k, t in enumerate(every_text)
                if k in wanted or is_remembered(_key(words, lang_a, lang_b, t.get(a, ""),
                                                     t.get(b, "")))]
        registers[key] = document_register(
            rows, partial(_unpaired, lang_a=lang_a, lang_b=lang_b, words=words))
    return registers


def _key(words: WordVectors, lang_a: str, lang_b: str, text_a: str,
         text_b: str) -> tuple[str, ...] | None:
    """What a row's unpaired-word matches are remembered by (``None``: a model without an id)."""
    model = getattr(words.encoder, "model_id", None)
    return (model, lang_a, lang_b, text_a, text_b) if isinstance(model, str) else None


def _unpaired(text_a: str, text_b: str, *, lang_a: str, lang_b: str,
              words: WordVectors) -> list[float] | None:
    key = _key(words, lang_a, lang_b, text_a, text_b)
    if key is None:
        return unpaired_bests(text_a, lang_a, text_b, lang_b, words)
    return remembered(key, lambda: unpaired_bests(text_a, lang_a, text_b, lang_b, words))
