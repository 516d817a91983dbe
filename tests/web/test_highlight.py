"""Word-level highlights: spans become <mark> around escaped text, never raw HTML."""

from __future__ import annotations

from workbench.web.highlight import highlight, merge_spans


def test_spans_are_marked_and_text_is_escaped() -> None:
    html = str(highlight("a <b>1998</b> & c", [[5, 9]]))
    assert html == 'a &lt;b&gt;<mark class="drift">1998</mark>&lt;/b&gt; &amp; c'


def test_overlapping_and_out_of_range_spans_are_merged_and_clipped() -> None:
    assert merge_spans([[5, 9], [0, 2], [1, 3], [8, 50], [4, 4], [-3, 0]], 10) == [(0, 3), (5, 10)]
    assert str(highlight("abcdef", [[4, 99], [0, 1]])) == (
        '<mark class="drift">a</mark>bcd<mark class="drift">ef</mark>')


def test_cjk_text_and_no_spans() -> None:
    assert str(highlight("耗资<三亿>", [])) == "耗资&lt;三亿&gt;"
    assert str(highlight("耗资三亿", [[2, 4]])) == '耗资<mark class="drift">三亿</mark>'
