"""Property tests: no character is lost, duplicated or reordered, offsets are exact."""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.nlp.segment import engines, segment_lines, segment_text
from workbench.nlp.segment.blocks import is_blank
from workbench.nlp.types import Segment

# Arbitrary unicode, plus text built from the pieces that matter (punctuation, quotes, breaks).
PIECES = st.sampled_from([
    "。", "！", "？", "“", "”", "「", "」", "……", ".", "!", "?", "...", " ", "\u00a0", "\u3000",
    "\n", "\r\n", "\n\n", "\r", "\u2028", "\ufeff", "\u200b", "Mr.", "U.S.", "т. е.", "г.", "В. В.",
    "中国", "Россия", "word", "1.5", "«", "»", ",", "，", "a\u0301", "😀", "\t",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=80).map("".join))
LANGS = st.sampled_from(["zh", "ru", "en", "de", "ja", "ar"])


def assert_covers(text: str, segments: list[Segment], max_len: int | None = None) -> None:
    position = 0
    for i, segment in enumerate(segments):
        assert segment.index == i
        assert segment.start >= position, "segments overlap or are out of order"
        assert all(is_blank(ch) for ch in text[position:segment.start]), "non-blank text lost"
        assert text[segment.start:segment.end] == segment.text
        assert segment.text and not is_blank(segment.text[0]) and not is_blank(segment.text[-1])
        if max_len is not None:
            assert len(segment.text) <= max_len
        position = segment.end
    assert all(is_blank(ch) for ch in text[position:]), "non-blank text lost at the end"
    paragraphs = [s.paragraph for s in segments]
    assert paragraphs == sorted(paragraphs)
    assert not paragraphs or (paragraphs[0] == 0 and len(set(paragraphs)) == paragraphs[-1] + 1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, LANGS)
def test_segment_text_loses_no_character(text: str, lang: str) -> None:
    assert_covers(text, segment_text(text, lang))


@settings(max_examples=150, deadline=None)
@given(TEXTS, LANGS, st.integers(min_value=2, max_value=40))
def test_long_segment_cutting_loses_no_character(text: str, lang: str, limit: int) -> None:
    assert_covers(text, segment_text(text, lang, max_chars=limit), max_len=limit)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_segment_lines_loses_no_character(text: str) -> None:
    segments = segment_lines(text)
    assert_covers(text, segments)
    assert not any("\n" in s.text or "\r" in s.text for s in segments)


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.integers(min_value=4, max_value=60))
def test_razdel_windows_lose_no_character(text: str, window: int) -> None:
    with mock.patch.object(engines, "RAZDEL_WINDOW", window):
        assert_covers(text, segment_text(text, "ru"))


def test_razdel_windows_match_whole_text_on_normal_prose() -> None:
    text = ("В. В. Путин провёл встречу в Кремле, т. е. в своей резиденции. Об этом сообщил "
            "Д. С. Песков. Встреча длилась два часа! Что дальше? Пока неизвестно. ") * 100
    whole = [s.text for s in segment_text(text, "ru")]
    with mock.patch.object(engines, "RAZDEL_WINDOW", 300):
        assert [s.text for s in segment_text(text, "ru")] == whole
    assert len(whole) == 500
