"""Word-level highlights: character spans -> ``<mark>`` around escaped text.

The text is always escaped here (never trusted), so templates can print the
result without ``|safe`` on user text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape


def merge_spans(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    """Clip spans to ``[0, length]``, drop empty ones and merge overlapping ones."""
    clipped = sorted(
        (max(0, int(s[0])), min(length, int(s[1]))) for s in spans if len(s) >= 2
    )
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[Sequence[int]], css_class: str = "drift") -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark class=...>``."""
    pieces: list[str] = []
    cursor = 0
    for start, end in merge_spans(spans, len(text)):
        pieces.append(escape(text[cursor:start]))
        pieces.append(Markup('<mark class="{}">{}</mark>').format(css_class, text[start:end]))
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)
