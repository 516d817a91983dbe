"""Sentence boundaries inside one paragraph unit, from the best library for the language.

Each engine returns *cut points*: offsets (relative to the unit) where one
sentence ends and the next may begin. The caller builds segments between the
cuts, so no engine can lose, duplicate or reorder a character.

* Russian: ``razdel`` (knows "т. е.", "г.", "им.", initials such as "В. В. Путин");
* every other language: ``sentencex`` (keeps Chinese “……。” quotations whole, knows
  English "Mr.", "U.S.", "Jr.", "Aug. 29"; unknown codes fall back along its own
  language chains and finally to generic rules);
* Chinese/Japanese/Korean: after ``sentencex``'s CJK rules, cuts right after a common
  English abbreviation or an initial ("Mr.", "U.S.", "J.") are dropped, and so is the
  cut between a whole quotation and a short attribution (“真的吗？”她问道。); cuts
  after 。！？ before a digit ("…峰会。2022年…"), which sentencex misses, are added;
* razdel ignores full-width 。！？, so cuts after them are added for Russian, and it
  reads long paragraphs in windows (see :func:`_razdel_window_cuts`);
* if a library fails on odd input, a plain punctuation rule takes over.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import razdel
import sentencex

from workbench.nlp.segment.limits import best_cut

Cutter = Callable[[str], list[int]]

_ENGLISH_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "mt", "ft", "gen", "gov", "sen", "rep",
    "lt", "col", "capt", "sgt", "maj", "adm", "rev", "hon", "pres", "inc", "ltd", "co", "corp",
    "bros", "vs", "al", "e.g", "i.e", "u.s", "u.k", "u.n", "u.s.a", "e.u", "a.m", "p.m",
    "nos", "vol", "pp", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
))
_LAST_WORD = re.compile(r"(?<![A-Za-z.])([A-Za-z.]+)\.\s*$")  # Latin word glued to Han: 顾问Mr.
_FULLWIDTH_END = re.compile(r"[。！？｡]+[”’」』）)]*")
_FULLWIDTH_BEFORE_DIGIT = re.compile(r"[。！？｡]+[”’」』]*(?=[0-9])")
_OPENING_QUOTES = "“「『《"  # not ‘’: "’" is also the apostrophe
_CLOSING_QUOTES = "”」』》"
RAZDEL_WINDOW = 2000
"""razdel is quadratic on long runs it does not split ("а. а. а. ..."): feed it windows."""
ATTRIBUTION_MAX_CHARS = 12
"""A quotation followed by at most this many characters ending the sentence stays whole:
“真的吗？”她问道。"""
_CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "wuu"})

_GENERIC_END = re.compile(
    r"(?:[.!?…]+|[。！？｡︒﹒﹖﹗．]+)[\"'”’»」』）)\]]*(?=\s|$)|[。！？｡]+[”’」』）)]*"
)


def _sentencex_cuts(lang: str) -> Cutter:
    def cuts(text: str) -> list[int]:
        return [int(b["end_index"]) for b in sentencex.get_sentence_boundaries(lang, text)]

    return cuts


def _razdel_window_cuts(text: str) -> list[int]:
    """razdel over windows of :data:`RAZDEL_WINDOW` characters, so its cost stays linear.

    Each window's cuts are kept except the last sentence's (it may go on in the next
    window, which starts there). A window razdel does not cut at all is cut at its
    last clause mark or space (the sentence is longer than a segment may be anyway).
    """
    cuts: list[int] = []
    start = 0
    while len(text) - start > RAZDEL_WINDOW:
        end = start + RAZDEL_WINDOW
        inner = [start + int(s.stop) for s in razdel.sentenize(text[start:end])][:-1]
        inner = [cut for cut in inner if start < cut < end]
        if not inner:
            inner = [best_cut(text, start, RAZDEL_WINDOW)]
        cuts.extend(inner)
        start = inner[-1]
    cuts.extend(start + int(s.stop) for s in razdel.sentenize(text[start:]))
    return cuts


def _razdel_cuts(text: str) -> list[int]:
    """razdel's sentence ends, plus ends after full-width 。！？ (which razdel ignores)."""
    cuts = _razdel_window_cuts(text)
    if _FULLWIDTH_END.search(text):
        cuts.extend(match.end() for match in _FULLWIDTH_END.finditer(text))
    return cuts


def generic_cuts(text: str) -> list[int]:
    """Cuts after runs of sentence punctuation (and closing quotes) followed by a space or end."""
    return [match.end() for match in _GENERIC_END.finditer(text)]


def _ends_with_english_abbreviation(piece: str) -> bool:
    match = _LAST_WORD.search(piece)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isalpha() and word.isupper() and word.isascii():
        return True  # an initial: "J. Smith"
    return word.lower() in _ENGLISH_ABBREVIATIONS


def _is_attribution(quotation: str, tail: str) -> bool:
    """``quotation`` is a whole quotation and ``tail`` a short "she asked." after it."""
    quotation, tail = quotation.strip(), tail.strip()
    return (len(quotation) > 1 and quotation[0] in _OPENING_QUOTES
            and quotation[-1] in _CLOSING_QUOTES and 0 < len(tail) <= ATTRIBUTION_MAX_CHARS
            and tail[0] not in _OPENING_QUOTES and not tail[0].isdigit()
            and not any(ch.isspace() for ch in tail))


def _cuts_before_digits(text: str) -> list[int]:
    """Cuts after 。！？ followed by an ASCII digit ("…峰会。2022年…"), which sentencex
    misses, unless inside a quotation."""
    cuts: list[int] = []
    depth, counted = 0, 0
    for match in _FULLWIDTH_BEFORE_DIGIT.finditer(text):
        between = text[counted:match.end()]
        depth = max(0, depth + sum(between.count(q) for q in _OPENING_QUOTES)
                    - sum(between.count(q) for q in _CLOSING_QUOTES))
        counted = match.end()
        if depth <= 0:
            cuts.append(match.end())
    return cuts


def _cjk_cuts(text: str, cuts: list[int]) -> list[int]:
    """Add cuts before digits; drop cuts after English abbreviations and before attributions."""
    ordered = sorted({cut for cut in [*cuts, *_cuts_before_digits(text)] if 0 < cut < len(text)})
    kept: list[int] = []
    for i, cut in enumerate(ordered):
        previous = kept[-1] if kept else 0
        following = ordered[i + 1] if i + 1 < len(ordered) else len(text)
        if _ends_with_english_abbreviation(text[max(previous, cut - 40):cut]):
            continue
        if _is_attribution(text[previous:cut], text[cut:following]):
            continue
        kept.append(cut)
    return kept


def cutter_for(lang: str) -> Cutter:
    """The cut-point function for a normalised language code."""
    if lang == "ru":
        return _razdel_cuts
    sentencex_cuts = _sentencex_cuts(lang)
    if lang in _CJK_LANGUAGES:
        return lambda text: _cjk_cuts(text, sentencex_cuts(text))
    return sentencex_cuts


def sentence_cuts(text: str, lang: str) -> list[int]:
    """Sorted, de-duplicated cut points inside ``text`` (0 and ``len(text)`` excluded)."""
    try:
        raw = cutter_for(lang)(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a Rust panic inside a library is a BaseException
        raw = generic_cuts(text)  # a library bug on odd input must not lose the user's text
    return sorted({cut for cut in raw if 0 < cut < len(text)})
