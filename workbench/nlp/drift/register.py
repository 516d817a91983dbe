"""A document's register for the ``words`` detector: how closely its translation follows the source.

A news translation pairs most words closely; a literary one renders freely, so
that its unpaired content words match their best counterpart far less well
(the median best match of such words is about 0.84 in DEMETR's news and
0.77-0.81 in MAC-dev's novel chapters, zh-en). With the fixed limit of
:mod:`workbench.nlp.drift.detectors.words`, chosen on news and conversation,
a freely translated chapter gets "adds a word" on a fifth of its clean rows.

So the limit follows the document, as the aligner's gate does: the register
is the median best match of the translation's unpaired content words over the
document's rows (up to :data:`SAMPLE_ROWS` of them, evenly spaced, so that a
row rescored alone reads the same rows), and where it lies below the
language pair's ``floor`` (the lowest register of the news and conversation
documents fitted on), the limit moves down by ``scale`` times the difference.
News is never touched; both numbers are in ``calibration.json``
(``added_register``), chosen by ``python -m bench.register_fit`` on MAC-dev's
odd chapters and DEMETR's tuning folds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence

import numpy as np

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.scoring import setting_for

SAMPLE_ROWS = 200
"""Rows of a document read for its register (evenly spaced, so a rescore stays cheap)."""
MIN_WORDS = 60
"""Fewest unpaired translation words that make a register; fewer keep the fixed limit."""

MEMO_SIZE = 50_000
"""Rows whose unpaired-word matches are remembered across analyses (a rescore re-reads
the same sampled rows: only the corrected ones are computed again)."""

Unpaired = Callable[[str, str], list[float] | None]
"""The best matches of a pair's unpaired translation words (``None``: not read word by word)."""

_memo: OrderedDict[Hashable, list[float] | None] = OrderedDict()
_memo_lock = threading.Lock()


def is_remembered(key: Hashable | None) -> bool:
    """Has :func:`remembered` a value for ``key`` (``None`` never has one)?"""
    with _memo_lock:
        return key is not None and key in _memo


def remembered(key: Hashable, compute: Callable[[], list[float] | None]) -> list[float] | None:
    """``compute()``, or its value from an earlier call with the same ``key`` (bounded LRU)."""
    with _memo_lock:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key]
    value = compute()
    with _memo_lock:
        _memo[key] = value
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return value


def sample_rows(count: int, limit: int = SAMPLE_ROWS) -> list[int]:
    """Up to ``limit`` row indices out of ``count``, evenly spaced, first and last included."""
    if count <= limit:
        return list(range(count))
    return sorted({round(k * (count - 1) / (limit - 1)) for k in range(limit)})


def document_register(pairs: Sequence[tuple[str, str]], unpaired: Unpaired) -> float | None:
    """The median best match of the unpaired translation words over the sampled ``pairs``
    (``(source, translation)`` per row), or ``None`` when too few words were read."""
    bests: list[float] = []
    for k in sample_rows(len(pairs)):
        text_a, text_b = pairs[k]
        if text_a.strip() and text_b.strip():
            bests += unpaired(text_a, text_b) or []
    return float(np.median(bests)) if len(bests) >= MIN_WORDS else None


def register_setting(lang_a: str, lang_b: str) -> dict[str, float] | None:
    """``{"floor", "scale"}`` for a language pair (or the ``*`` entry), if calibrated."""
    return setting_for("added_register", lang_a, lang_b)


def shifted_limit(limit: float, register: float | None,
                  setting: dict[str, float] | None) -> float:
    """``limit`` moved down by ``scale * (floor - register)`` where the register is below
    the floor."""
    if register is None or setting is None:
        return limit
    return limit - setting["scale"] * max(0.0, setting["floor"] - register)


def pair_limit(limit: float, pair: PairView) -> float:
    """:func:`shifted_limit` for ``pair``: by its document's register and its languages'
    setting."""
    return shifted_limit(limit, pair.word_register, register_setting(pair.lang_a, pair.lang_b))


def is_free(pair: PairView) -> bool:
    """Is ``pair``'s document freely translated (its register below the floor of news and
    conversation), so that counts of words and cues do not carry across?"""
    setting = register_setting(pair.lang_a, pair.lang_b)
    return (pair.word_register is not None and setting is not None
            and pair.word_register < setting["floor"])
