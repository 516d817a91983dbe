"""The document register: the words detector's added limit follows a freely translated text."""

from __future__ import annotations

import pytest

from bench.register_fit import _mac_chapters
from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors import aspect, low_score, negation
from workbench.nlp.drift.detectors.words import detect, limits_for, unpaired_bests
from workbench.nlp.drift.register import (
    MIN_WORDS,
    SAMPLE_ROWS,
    document_register,
    register_setting,
    remembered,
    sample_rows,
    shifted_limit,
)
from workbench.nlp.drift.scoring import LOW_SCORE
from workbench.nlp.drift.wordvec import WordVectors
from workbench.nlp.types import Encoder

SETTING = {"floor": 0.8, "scale": 2.0}


def test_sample_rows_keeps_small_documents_whole_and_spreads_over_large_ones() -> None:
    assert sample_rows(5) == [0, 1, 2, 3, 4]
    picked = sample_rows(10_000)
    assert len(picked) == SAMPLE_ROWS
    assert picked[0] == 0 and picked[-1] == 9_999
    assert picked == sorted(set(picked))


def test_the_register_is_the_median_of_the_unpaired_words_read() -> None:
    rows = [("a", "b")] * 30
    assert document_register(rows, lambda a, b: [0.6, 0.8]) == pytest.approx(0.7)


def test_too_few_words_or_empty_rows_give_no_register() -> None:
    assert document_register([("a", "b")] * (MIN_WORDS - 1), lambda a, b: [0.5]) is None
    assert document_register([("a", " ")] * 100, lambda a, b: [0.5]) is None
    assert document_register([("a", "b")] * 100, lambda a, b: None) is None


def test_a_row_read_once_is_remembered() -> None:
    calls: list[int] = []

    def compute() -> list[float]:
        calls.append(1)
        return [0.5]

    key = ("test-model", "zh", "en", "一行", "a row read once")
    assert remembered(key, compute) == [0.5]
    assert remembered(key, compute) == [0.5]
    assert len(calls) == 1


def test_the_limit_moves_down_only_below_the_floor() -> None:
    assert shifted_limit(0.72, 0.85, SETTING) == 0.72
    assert shifted_limit(0.72, 0.8, SETTING) == 0.72
    assert shifted_limit(0.72, 0.75, SETTING) == pytest.approx(0.62)
    assert shifted_limit(0.72, None, SETTING) == 0.72
    assert shifted_limit(0.72, 0.5, None) == 0.72


def test_the_register_is_calibrated_for_the_demo_language_pairs() -> None:
    for pair in (("zh", "en"), ("ru", "en")):
        setting = register_setting(*pair)
        limits = limits_for(*pair)
        assert setting is not None and limits is not None
        assert limits["added_below"] < setting["floor"] < 1.0
        assert 0.0 < setting["scale"] <= 6.0


@pytest.mark.model
def test_an_added_word_is_not_flagged_in_a_freely_translated_document(encoder: Encoder) -> None:
    zh = "警方在西雅图发射了震撼弹和催泪瓦斯。"
    en = "Police in Seattle fired stun grenades and tear gas at sleeping children."
    words = WordVectors(encoder, [zh, en])  # type: ignore[arg-type]

    def view(register: float | None) -> PairView:
        return PairView(0, "zh", "en", "zh", "en", zh, en, score=0.9, words=words,
                        word_register=register)

    assert [f.type for f in detect(view(None))] == ["addition"]
    assert [f.type for f in detect(view(0.9))] == ["addition"]  # close translation: as is
    assert detect(view(0.6)) == []  # a free rendering's words all match about this badly


@pytest.mark.model
def test_a_literary_chapter_reads_as_free_and_a_news_document_does_not(encoder: Encoder) -> None:
    chapters = [doc for doc in _mac_chapters() if doc[0].endswith("001")]
    if not chapters:
        pytest.skip("MAC-dev data not found")
    rows = chapters[0][3]
    news = [("莫斯科地区周日将有小雨和局部多云天气。",
             "Light rain and partly cloudy weather are expected in the Moscow region on Sunday."),
            ("警方在西雅图发射了震撼弹和催泪瓦斯。",
             "Police in Seattle fired stun grenades and tear gas."),
            ("市长呼吁居民保持冷静。", "The mayor called on residents to remain calm.")] * 12
    words = WordVectors(encoder, [t for row in rows + news for t in row])  # type: ignore[arg-type]

    def unpaired(a: str, b: str) -> list[float] | None:
        return unpaired_bests(a, "zh", b, "en", words)

    setting = register_setting("zh", "en")
    limits = limits_for("zh", "en")
    assert setting is not None and limits is not None
    literary = document_register(rows, unpaired)
    assert literary is not None and literary < setting["floor"]
    assert shifted_limit(limits["added_below"], literary, setting) < limits["added_below"] - 0.02
    close = document_register(news, unpaired)
    assert close is None or close >= setting["floor"]


def _free_pair(zh: str, en: str, register: float | None,
               score: float | None = None) -> PairView:
    return PairView(0, "zh", "en", "zh", "en", zh, en, score=score, word_register=register)


@pytest.mark.parametrize("register", [None, 0.9])
def test_a_close_document_keeps_every_count_signal(register: float | None) -> None:
    more = _free_pair("他不吃饭，也不喝水。", "He did not eat, and drank water.", register)
    assert [f.detail for f in negation.detect(more)] == [
        "zh negates more often than en (2 against 1, “不”)"]
    assert [f.type for f in aspect.detect(_free_pair("他吃了饭。", "He was eating dinner.",
                                                      register))] == ["aspect"]
    assert low_score.low_score_limit(more) == LOW_SCORE


def test_a_free_document_keeps_a_lone_negation_only() -> None:
    assert negation.detect(_free_pair("他不吃饭，也不喝水。", "He did not eat, and drank water.",
                                      0.6)) == []
    (lone,) = negation.detect(_free_pair("他不吃饭。", "He eats.", 0.6))
    assert lone.severity == "critical"


def test_a_free_rendering_of_chinese_may_set_a_scene_in_progress() -> None:
    assert aspect.detect(_free_pair("他吃了饭。", "He was eating dinner.", 0.6)) == []


def test_the_low_score_limit_moves_down_in_a_free_document_but_not_past_its_floor() -> None:
    setting = register_setting("zh", "en")
    assert setting is not None
    slightly = setting["floor"] - 0.02
    limit = low_score.low_score_limit(_free_pair("a", "b", slightly))
    assert limit == pytest.approx(round(LOW_SCORE - setting["scale"] * 0.02, 2))
    assert low_score.low_score_limit(_free_pair("a", "b", 0.2)) == low_score.FREE_LOW_SCORE
    flagged = low_score.detect(_free_pair("他吃了饭。", "The rain stopped.", 0.2, score=0.1))
    assert [f.type for f in flagged] == ["low_score"]
    assert low_score.detect(_free_pair("他吃了饭。", "He had dinner.", 0.2, score=0.2)) == []
