"""Paragraphs and lines of a text, as character spans into it.

Rules (see :func:`paragraph_units`):

* when the text contains a blank line, blank lines separate paragraphs; inside a
  paragraph each line is its own unit (a headline, a dateline) unless the
  paragraph looks hard-wrapped (every line but the last is at least half as long
  as the longest), in which case the lines are joined and only sentence
  punctuation splits them;
* when the text has no blank line, every non-empty line is a paragraph.

"Blank" means Unicode whitespace plus zero-width characters and the BOM.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"
"""Invisible characters treated like whitespace at segment edges."""

_LINE_BREAK_CHARS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
LINE_BREAK = re.compile(r"\r\n|[" + _LINE_BREAK_CHARS + "]")
_HORIZONTAL_BLANK = r"(?:[^\S" + _LINE_BREAK_CHARS + "]|[" + ZERO_WIDTH + "])"
_ONE_BREAK = r"(?>\r\n|[" + _LINE_BREAK_CHARS + "])"  # atomic: "\r\n" is one break, not two
PARAGRAPH_BREAK = re.compile(_ONE_BREAK + r"(?:" + _HORIZONTAL_BLANK + "*" + _ONE_BREAK + ")+")
_BLANK_CLASS = r"[\s" + ZERO_WIDTH + "]"
_LEADING_BLANK = re.compile(_BLANK_CLASS + "*")
_NON_BLANK = re.compile(r"[^\s" + ZERO_WIDTH + "]")

HARD_WRAP_RATIO = 0.5
"""A paragraph whose lines (but the last) are all this share of its longest line is hard-wrapped."""

Span = tuple[int, int]


def is_blank(char: str) -> bool:
    """True for whitespace and the invisible characters in :data:`ZERO_WIDTH`."""
    return char.isspace() or char in ZERO_WIDTH


def strip_span(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` so it neither starts nor ends with a blank character.

    Returns an empty span ``(start, start)`` when everything in it is blank.
    """
    match = _NON_BLANK.search(text, start, end)
    if match is None:
        return start, start
    start = match.start()
    while end > start and is_blank(text[end - 1]):
        end -= 1
    return start, end


def leading_blank_length(text: str) -> int:
    """How many blank characters ``text`` starts with."""
    match = _LEADING_BLANK.match(text)
    return match.end() if match else 0


def _between(text: str, separator: re.Pattern[str], start: int, end: int) -> Iterator[Span]:
    """Spans of ``text[start:end]`` between matches of ``separator``, stripped, non-empty."""
    position = start
    for match in separator.finditer(text, start, end):
        span = strip_span(text, position, match.start())
        if span[0] < span[1]:
            yield span
        position = match.end()
    span = strip_span(text, position, end)
    if span[0] < span[1]:
        yield span


def lines(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The non-blank lines of ``text[start:end]``, stripped."""
    return list(_between(text, LINE_BREAK, start, len(text) if end is None else end))


def _is_hard_wrapped(text: str, line_spans: list[Span]) -> bool:
    lengths = [e - s for s, e in line_spans]
    longest = max(lengths)
    return all(length >= HARD_WRAP_RATIO * longest for length in lengths[:-1])


def paragraph_units(text: str) -> list[list[Span]]:
    """For each paragraph, the spans segmented independently (lines or the whole paragraph)."""
    if PARAGRAPH_BREAK.search(text) is None:
        return [[span] for span in lines(text)]
    paragraphs: list[list[Span]] = []
    for start, end in _between(text, PARAGRAPH_BREAK, 0, len(text)):
        line_spans = lines(text, start, end)
        if len(line_spans) > 1 and not _is_hard_wrapped(text, line_spans):
            paragraphs.append(line_spans)
        else:
            paragraphs.append([(start, end)])
    return paragraphs


def line_paragraphs(text: str) -> list[list[Span]]:
    """Pre-segmented input: each non-blank line a unit, blank lines separating paragraphs."""
    return [lines(text, start, end) for start, end in _between(text, PARAGRAPH_BREAK, 0, len(text))]
