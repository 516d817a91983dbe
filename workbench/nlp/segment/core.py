"""Segmentation proper: text -> paragraphs -> units -> sentences -> :class:`Segment` list."""

from __future__ import annotations

import regex

from workbench.nlp.langid import normalise_lang
from workbench.nlp.segment.blocks import Span, line_paragraphs, paragraph_units, strip_span
from workbench.nlp.segment.engines import sentence_cuts
from workbench.nlp.segment.errors import SegmentationError, check_text
from workbench.nlp.segment.limits import MAX_SEGMENT_CHARS, cut_long_span
from workbench.nlp.types import Segment

_HAS_WORD_CHARACTER = regex.compile(r"[\p{L}\p{N}]")


def _sentence_spans(text: str, unit: Span, lang: str) -> list[Span]:
    """Stripped sentence spans of one unit; punctuation-only pieces join the sentence before."""
    start, end = unit
    body = text[start:end]
    spans: list[Span] = []
    previous = 0
    for cut in [*sentence_cuts(body, lang), len(body)]:
        piece = strip_span(text, start + previous, start + cut)
        previous = cut
        if piece[0] == piece[1]:
            continue
        if spans and _HAS_WORD_CHARACTER.search(text, piece[0], piece[1]) is None:
            spans[-1] = (spans[-1][0], piece[1])  # a stray "”" or "…" belongs to its sentence
        else:
            spans.append(piece)
    return spans


def _check_limit(max_chars: int) -> None:
    if not isinstance(max_chars, int) or max_chars < 2:
        raise SegmentationError(f"max_chars must be an integer of at least 2, not {max_chars!r}")


def segment_text(text: str, lang: str, *, max_chars: int = MAX_SEGMENT_CHARS) -> list[Segment]:
    """Split ``text`` into sentence segments with offsets, paragraph numbers and indices.

    ``lang`` is any code or name :func:`~workbench.nlp.langid.normalise_lang` accepts.
    Segments never cross a paragraph (see :mod:`workbench.nlp.segment.blocks`), are
    stripped of surrounding whitespace, satisfy ``text[s.start:s.end] == s.text``, and
    are at most ``max_chars`` characters long (longer runs are cut, see
    :mod:`workbench.nlp.segment.limits`). Raises :class:`SegmentationError` (or
    :class:`~workbench.nlp.langid.UnknownLanguageError`) on bad input.
    """
    text = check_text(text)
    code = normalise_lang(lang)
    _check_limit(max_chars)
    segments: list[Segment] = []
    for paragraph, units in enumerate(paragraph_units(text)):
        for unit in units:
            for sentence in _sentence_spans(text, unit, code):
                for start, end in cut_long_span(text, sentence, max_chars):
                    segments.append(Segment(len(segments), text[start:end], start, end, paragraph))
    return segments


def segment_lines(text: str) -> list[Segment]:
    """Pre-segmented input: one segment per non-blank line, blank lines separating paragraphs."""
    text = check_text(text)
    segments: list[Segment] = []
    for paragraph, units in enumerate(line_paragraphs(text)):
        for start, end in units:
            segments.append(Segment(len(segments), text[start:end], start, end, paragraph))
    return segments
