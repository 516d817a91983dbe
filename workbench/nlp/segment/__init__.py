"""Sentence segmentation with exact character offsets (zh/en via sentencex, ru via razdel).

Public API: :func:`segment_text`, :func:`segment_lines`, :func:`merge_segments`,
:func:`split_segment`, :data:`MAX_SEGMENT_CHARS` and the exceptions.
"""

from __future__ import annotations

from workbench.nlp.segment.core import segment_lines, segment_text
from workbench.nlp.segment.edit import merge_segments, split_segment
from workbench.nlp.segment.errors import InvalidTextError, SegmentationError, SegmentEditError
from workbench.nlp.segment.limits import MAX_SEGMENT_CHARS

__all__ = [
    "MAX_SEGMENT_CHARS",
    "InvalidTextError",
    "SegmentEditError",
    "SegmentationError",
    "merge_segments",
    "segment_lines",
    "segment_text",
    "split_segment",
]
