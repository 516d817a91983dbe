"""The words detector: content words with no counterpart inside a matched pair (real model)."""

from __future__ import annotations

from workbench.nlp.drift import analyse
from workbench.nlp.drift.detectors.words import content_words, limits_for
from workbench.nlp.drift.wordvec import word_spans
from workbench.nlp.types import Encoder, Row, Segment, Version

ZH = ["莫斯科地区周日将有小雨和局部多云天气。", "俄罗斯水文气象中心发布了这一预报。",
      "警方在西雅图发射了震撼弹和催泪瓦斯。", "示威活动在夜间变得激烈。",
      "当局逮捕了四十五人。", "市长呼吁居民保持冷静。"]
EN = ["Light rain and partly cloudy weather are expected in the Moscow region on Sunday.",
      "The Russian Hydrometeorological Centre issued the forecast.",
      "Police in Seattle fired stun grenades and tear gas.",
      "The demonstrations turned violent during the night.",
      "The authorities arrested forty-five people.",
      "The mayor called on residents to remain calm."]


def _version(label: str, lang: str, texts: list[str]) -> Version:
    segments, offset = [], 0
    for k, text in enumerate(texts):
        segments.append(Segment(k, text, offset, offset + len(text)))
        offset += len(text) + 1
    return Version(label, lang, "\n".join(texts), segments)


def _word_flags(encoder: Encoder, en: list[str]) -> list[list[tuple[str, str]]]:
    versions = [_version("zh", "zh", ZH), _version("en", "en", en)]
    rows = [Row({"zh": (k,), "en": (k,)}) for k in range(len(ZH))]
    result = analyse(versions, rows, encoder, chain=["zh", "en"])
    return [[(f.type, f.detail) for f in row.flags
             if f.reason_key in ("words_dropped", "words_added")] for row in result.rows]


def test_the_limits_are_calibrated_for_the_demo_language_pairs() -> None:
    for pair in (("zh", "en"), ("ru", "en")):
        limits = limits_for(*pair)
        assert limits is not None
        assert 0.3 < limits["added_below"] < 0.95
        assert 0.0 < limits["missing_margin"] < 0.5


def test_content_words_leave_out_function_words_and_numbers() -> None:
    text = "The 45 people of the city were arrested."
    kept = [text[s:e] for k, (s, e) in enumerate(word_spans(text))
            if k in content_words(text, word_spans(text), "en")]
    assert kept == ["people", "city", "arrested"]


def test_clean_translations_get_no_word_signal(encoder: Encoder) -> None:
    assert _word_flags(encoder, EN) == [[] for _ in EN]


def test_a_fake_encoder_without_token_vectors_gives_no_word_signal(fake_encoder: Encoder) -> None:
    assert _word_flags(fake_encoder, EN) == [[] for _ in EN]


def test_an_added_word_is_named(encoder: Encoder) -> None:
    changed = list(EN)
    changed[2] = "Police in Seattle fired stun grenades and tear gas at sleeping children."
    flags = _word_flags(encoder, changed)
    assert [t for t, _ in flags[2]] == ["addition"]
    assert "children" in flags[2][0][1] or "sleeping" in flags[2][0][1]
    assert all(not f for k, f in enumerate(flags) if k != 2)


def test_a_pair_of_languages_never_fitted_on_gets_no_words_limits() -> None:
    # borrowed from zh-en and ru-en, the limits flagged a third of Text+Berg's clean de-fr
    # beads: a pair of unfitted languages is left unchecked instead
    assert limits_for("de", "fr") is None
    assert limits_for("en", "de") is None
    assert limits_for("zh", "ru") is not None  # both languages fitted against English
    assert limits_for("zh", "en") != limits_for("zh", "ru")
