"""Merging and splitting segments by hand (the web UI's segmentation preview)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.nlp.segment import SegmentEditError, merge_segments, segment_text, split_segment
from workbench.nlp.types import Segment

TEXT = "国务院总理李强主持召开会议。会议指出，要稳就业。\n\n与会者表示赞同。 Mr. Li agreed."


def test_merge_spans_the_original_and_reindexes() -> None:
    segments = segment_text(TEXT, "zh")
    merged = merge_segments(segments, 0)
    assert [s.index for s in merged] == list(range(len(segments) - 1))
    assert merged[0].text == "国务院总理李强主持召开会议。会议指出，要稳就业。"
    assert (merged[0].start, merged[0].end) == (segments[0].start, segments[1].end)
    assert merged[1:] == [s.__class__(i + 1, s.text, s.start, s.end, s.paragraph)
                          for i, s in enumerate(segments[2:])]
    assert len(segments) == 4, "the input list is left untouched"


def test_merge_with_a_gap_uses_source_or_a_space() -> None:
    segments = segment_text(TEXT, "zh")
    last = len(segments) - 2
    assert merge_segments(segments, last)[-1].text == "与会者表示赞同。 Mr. Li agreed."
    across = merge_segments(segments, 1, source=TEXT)
    assert across[1].text == TEXT[segments[1].start:segments[2].end]
    assert across[1].paragraph == segments[1].paragraph


def test_split_at_offset_inside_segment() -> None:
    segments = segment_text("Он пришёл домой, и он лёг спать. Утром ушёл.", "ru")
    first = segments[0]
    split = split_segment(segments, 0, first.start + first.text.index(" и"))
    assert [s.text for s in split] == ["Он пришёл домой,", "и он лёг спать.", "Утром ушёл."]
    assert [s.index for s in split] == [0, 1, 2]
    text = "Он пришёл домой, и он лёг спать. Утром ушёл."
    assert all(text[s.start:s.end] == s.text for s in split)


def test_split_offset_is_absolute_like_segment_start() -> None:
    segments = segment_text(TEXT, "zh")
    assert segments[1].start == 14
    split = split_segment(segments, 1, TEXT.index("要稳就业"))
    assert [(s.text, s.start, s.end) for s in split[1:3]] == [("会议指出，", 14, 19),
                                                              ("要稳就业。", 19, 24)]


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: merge_segments(s, 3), r"cannot merge segment 3: valid indices are 0 to 2"),
    (lambda s: merge_segments(s, -1), r"valid indices are 0 to 2"),
    (lambda s: merge_segments(s, "1"), r"must be an integer"),  # type: ignore[arg-type]
    (lambda s: merge_segments(s, 0, source="short"), r"shorter than segment 1"),
    (lambda s: merge_segments(list(reversed(s)), 0), r"overlap or are out of order"),
    (lambda s: split_segment(s, 9, 1), r"valid indices are 0 to 3"),
    (lambda s: split_segment(s, 0, 0), r"inside the segment, between 1 and 13"),
    (lambda s: split_segment(s, 1, 14), r"at offset 14: it must lie inside the segment"),
    (lambda s: split_segment(s, 0, 999), r"between 1 and 13"),
    (lambda s: split_segment(s, 0, 1.5), r"must be an integer"),  # type: ignore[arg-type]
    (lambda s: split_segment([Segment(0, " a", 5, 7)], 0, 6), r"only whitespace"),
])
def test_bad_edits_raise_clear_errors(call: object, message: str) -> None:
    segments = segment_text(TEXT, "zh")
    with pytest.raises(SegmentEditError, match=message):
        call(segments)  # type: ignore[operator]
    assert issubclass(SegmentEditError, ValueError)


def test_edits_on_empty_list() -> None:
    with pytest.raises(SegmentEditError, match="not enough segments"):
        merge_segments([], 0)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=200), st.data())
def test_split_then_offsets_stay_exact(text: str, data: st.DataObject) -> None:
    segments = segment_text(text, "en", max_chars=50)
    if not segments:
        return
    i = data.draw(st.integers(0, len(segments) - 1))
    if len(segments[i].text) < 2:
        return
    at = segments[i].start + data.draw(st.integers(1, len(segments[i].text) - 1))
    result = split_segment(segments, i, at)  # segments are stripped: a split always succeeds
    assert len(result) == len(segments) + 1
    assert [s.index for s in result] == list(range(len(result)))
    assert all(text[s.start:s.end] == s.text and s.text for s in result)
    left, right = result[i], result[i + 1]
    assert (left.start, right.end) == (segments[i].start, segments[i].end)
    assert left.end <= at <= right.start
    merged = merge_segments(result, i, source=text)
    assert merged == segments
