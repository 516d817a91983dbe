"""Re-segmentation by hand, for the web UI's segmentation preview.

Both operations return a new list with indices renumbered from 0 and leave the
input untouched. They raise :class:`SegmentEditError` (a ``ValueError``) with a
one-line message when the index or offset does not make sense.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from workbench.nlp.segment.blocks import is_blank, leading_blank_length
from workbench.nlp.segment.errors import SegmentEditError
from workbench.nlp.types import Segment


def _renumber(segments: Sequence[Segment]) -> list[Segment]:
    return [s if s.index == i else replace(s, index=i) for i, s in enumerate(segments)]


def _check_index(segments: Sequence[Segment], i: object, what: str, last: int) -> int:
    if isinstance(i, bool) or not isinstance(i, int):
        raise SegmentEditError(f"segment index must be an integer, not {i!r}")
    if not 0 <= i <= last:
        raise SegmentEditError(
            f"cannot {what} segment {i}: valid indices are 0 to {last}"
            if last >= 0 else f"cannot {what} segment {i}: there are not enough segments")
    return i


def merge_segments(segments: Sequence[Segment], i: int, *, source: str | None = None
                   ) -> list[Segment]:
    """Merge segment ``i`` with segment ``i + 1``; the result spans both in the original text.

    With ``source`` (the original text) the merged text is exactly
    ``source[start:end]``; without it, the gap between the two is rendered as one
    space (nothing when they touch, as between two Chinese sentences). The merged
    segment keeps the paragraph of segment ``i``.
    """
    i = _check_index(segments, i, "merge", len(segments) - 2)
    first, second = segments[i], segments[i + 1]
    if second.start < first.end:
        raise SegmentEditError(
            f"segments {i} and {i + 1} overlap or are out of order "
            f"({first.start}-{first.end} then {second.start}-{second.end})")
    if source is not None:
        if len(source) < second.end:
            raise SegmentEditError(
                f"source text is {len(source)} characters, shorter than segment {i + 1}'s end")
        text = source[first.start:second.end]
    else:
        text = first.text + (" " if second.start > first.end else "") + second.text
    merged = Segment(i, text, first.start, second.end, first.paragraph)
    return _renumber([*segments[:i], merged, *segments[i + 2:]])


def split_segment(segments: Sequence[Segment], i: int, at: int) -> list[Segment]:
    """Split segment ``i`` before the character at offset ``at`` of the original text.

    ``at`` is an offset in the same coordinates as ``Segment.start``/``end``, strictly
    inside the segment (``start < at < end``). Whitespace around the split is dropped
    from both halves, so offsets stay exact; a split that would leave a blank half is
    refused.
    """
    i = _check_index(segments, i, "split", len(segments) - 1)
    segment = segments[i]
    if isinstance(at, bool) or not isinstance(at, int):
        raise SegmentEditError(f"split offset must be an integer, not {at!r}")
    if not segment.start < at < segment.end:
        raise SegmentEditError(
            f"cannot split segment {i} at offset {at}: it must lie inside the segment, "
            f"between {segment.start + 1} and {segment.end - 1}")
    cut = at - segment.start
    left_text = segment.text[:cut]
    while left_text and is_blank(left_text[-1]):
        left_text = left_text[:-1]
    skipped = leading_blank_length(segment.text[cut:])
    right_text = segment.text[cut + skipped:]
    if not left_text or not right_text:
        raise SegmentEditError(
            f"cannot split segment {i} at offset {at}: one side would contain only whitespace")
    left = Segment(i, left_text, segment.start, segment.start + len(left_text), segment.paragraph)
    right_start = at + skipped
    right = Segment(i + 1, right_text, right_start, right_start + len(right_text),
                    segment.paragraph)
    return _renumber([*segments[:i], left, right, *segments[i + 1:]])
