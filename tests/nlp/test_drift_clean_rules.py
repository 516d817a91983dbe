"""Rules that keep clean translations made by others unflagged, and the drifts they must not hide.

Function words matching English ones (有 / "have", «каждого» / "each"), a
row limit for omissions that grows with the number of words tested, people
whose names are also places (Мария, Mary), and a person named on one side
but said with "he"/"she" on the other. Real model where the behaviour depends
on it.
"""

from __future__ import annotations

import numpy as np
import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors import names, negation, words
from workbench.nlp.drift.detectors.words import (
    content_words,
    limits_for,
    stored_tail,
    tail_from_json,
    tail_limit,
)
from workbench.nlp.drift.extract.name_kinds import third_person_count
from workbench.nlp.drift.extract.names import extract_names
from workbench.nlp.drift.lexicon import known_words
from workbench.nlp.drift.lexicon.zh_en import rendered_by_meaning
from workbench.nlp.drift.stopwords import is_function_word
from workbench.nlp.drift.wordvec import WordVectors, word_spans
from workbench.nlp.types import Encoder


def _pair(text_a: str, lang_a: str, text_b: str, encoder: Encoder) -> PairView:
    words_ = WordVectors(encoder, [text_a, text_b])  # type: ignore[arg-type]
    return PairView(0, lang_a, "en", lang_a, "en", text_a, text_b, encoder=encoder, words=words_)


@pytest.mark.parametrize(("word", "lang"), [
    ("有", "zh"), ("很多", "zh"), ("許多", "zh"), ("這個", "zh"), ("其他", "zh"), ("甚至", "zh"),
    ("каждого", "ru"), ("несколько", "ru"), ("другие", "ru"), ("такой", "ru"), ("даже", "ru"),
])
def test_quantifiers_and_existential_words_are_function_words(word: str, lang: str) -> None:
    assert is_function_word(word, lang)


@pytest.mark.parametrize(("word", "lang"), [
    ("孩子", "zh"), ("有限", "zh"), ("друг", "ru"), ("другом", "ru"), ("мир", "ru"),
])
def test_content_words_stay_content_words(word: str, lang: str) -> None:
    assert not is_function_word(word, lang)


def test_content_words_of_a_chinese_sentence_leave_out_you_and_hen_duo() -> None:
    text = "这个城市有很多公园。"
    spans = word_spans(text)
    kept = [text[s:e] for k, (s, e) in enumerate(spans) if k in content_words(text, spans, "zh")]
    assert "有" not in kept and "很多" not in kept
    assert "城市" in kept and "公园" in kept


def test_tail_limit_grows_with_the_words_tested_and_never_falls_below_the_margin() -> None:
    tail = tail_from_json({"rate": 0.02, "quantiles": [[0.001, 0.15], [0.01, 0.11],
                                                        [0.05, 0.08]]})
    assert tail_limit(tail, 1, 0.1) == 0.1  # 0.02 / 1: quantile 0.097, below the margin
    assert tail_limit(tail, 2, 0.1) == pytest.approx(0.11)  # 0.02 / 2 = 0.01
    assert tail_limit(tail, 20, 0.1) == pytest.approx(0.15)  # 0.02 / 20 = 0.001
    assert 0.11 < tail_limit(tail, 6, 0.1) < 0.15  # interpolated in log probability
    assert tail_limit(tail, 200, 0.1) == pytest.approx(0.15)  # beyond the table: its last
    assert tail_limit(None, 20, 0.1) == tail_limit(tail, 0, 0.1) == 0.1


def test_stored_tails_raise_the_limit_for_long_rows() -> None:
    for lang in ("zh", "ru"):
        limits = limits_for(lang, "en")
        tail = stored_tail(lang, "en")
        assert limits is not None and tail is not None
        short = tail_limit(tail, 3, limits["missing_margin"])
        long_ = tail_limit(tail, 25, limits["missing_margin"])
        assert short == pytest.approx(limits["missing_margin"])
        assert long_ > short


class _GivenVectors:
    """Word vectors made up for a pure test of the row limit: source word ``i`` matches
    English word ``i`` at cosine ``cosines[i]`` and nothing else."""

    def __init__(self, src: str, en: str, cosines: list[float]) -> None:
        n = len(cosines)
        eng = np.eye(n + 1, dtype=np.float32)[:n]
        own = np.zeros((n, n + 1), dtype=np.float32)
        for i, c in enumerate(cosines):
            own[i, i], own[i, n] = c, np.sqrt(1 - c * c)
        self.table = {src: (word_spans(src), own), en: (word_spans(en), eng)}

    def of(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        return self.table[text]


_RU_WORDS = str.split("завод губернатор область рабочий цех зарплата пенсия школа больница "
                      "дорога район министр средство ремонт город центр акция протест бензин "
                      "электричество машина поезд станция вокзал площадь")
_EN_WORDS = str.split("plant governor region worker workshop wage pension school hospital "
                      "road district minister fund repair city centre rally protest petrol "
                      "electricity car train station terminal square")


def _row_with_one_weak_word(n: int, gap: float) -> PairView:
    src, en = " ".join(_RU_WORDS[:n]), " ".join(_EN_WORDS[:n])
    cosines = [0.9 - gap] + [0.9] * (n - 1)  # the pair's typical best match stays 0.9
    return PairView(0, "ru", "en", "ru", "en", src, en,
                    words=_GivenVectors(src, en, cosines))  # type: ignore[arg-type]


def test_one_weak_word_is_an_omission_in_a_short_row_not_in_a_long_one() -> None:
    limits = limits_for("ru", "en")
    assert limits is not None
    margin = limits["missing_margin"]
    gap = (margin + tail_limit(stored_tail("ru", "en"), 25, margin)) / 2
    short = [f.type for f in words.detect(_row_with_one_weak_word(4, gap))]
    long_ = [f.type for f in words.detect(_row_with_one_weak_word(25, gap))]
    assert short == ["omission"]
    assert long_ == []
    assert "omission" in [f.type for f in words.detect(_row_with_one_weak_word(25, 0.3))]


def test_a_person_whose_name_is_also_a_place_is_matched_by_sound(encoder: Encoder) -> None:
    (_, maria) = extract_names("Том хотел назвать дочь Марией.", "ru")
    assert maria.kind == "PER" and maria.place is None  # not Mariehamn
    assert names.detect(_pair("Том хотел назвать дочь Марией.", "ru",
                              "Tom wanted to name his daughter Mary.", encoder)) == []


def test_a_person_replaced_by_another_is_still_flagged(encoder: Encoder) -> None:
    (finding,) = names.detect(_pair("Том хотел назвать дочь Марией.", "ru",
                                    "Tom wanted to name his daughter Elizabeth.", encoder))
    assert finding.type == "name"


def test_third_person_pronouns_are_counted_per_language() -> None:
    assert third_person_count("He gave her his book.", "en") == 3
    assert third_person_count("他们说她来了。", "zh") == 1  # 他们 is plural
    assert third_person_count("Он видел её. Онега далеко.", "ru") == 2


def test_a_person_said_with_her_is_not_dropped(encoder: Encoder) -> None:
    zh = "这一片刻的转瞬即逝，在王琦瑶心里留下一笔感伤的色彩。"
    en = ("The moment had come and gone in an instant, but it added a dab of melancholic "
          "color to her heart.")
    assert names.detect(_pair(zh, "zh", en, encoder)) == []


def test_a_person_struck_out_without_a_pronoun_is_dropped(encoder: Encoder) -> None:
    ru = "Эксперты Аарон Миллер и Ричард Сокольский назвали это решение ошибкой."
    en = "Experts and Richard Sokolsky called the decision a mistake."
    (finding,) = names.detect(_pair(ru, "ru", en, encoder))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["Аарон Миллер"]



@pytest.mark.parametrize(("src", "lang", "en"), [
    ("他抱怨菜的味道不好。", "zh", "He complained of the dish tasting bad."),
    ("在公共場所請控制自己不要吸煙。", "zh", "Please refrain from smoking in public places."),
    ("我的漢語並不完美，但能大致聽懂他所說的。", "zh",
     "My Chinese is far from perfect, but I can roughly understand him."),
    ("他年紀還小，不應該自己一個人去。", "zh", "He is too young to go there alone."),
    ("這位建築師顯然是一位無微不至的建築師。", "zh", "The architect paid scrupulous attention."),
    ("我再同意你不过了。", "zh", "I couldn't agree with you more."),
    ("这是无可怀疑的事。", "zh", "There was no doubt about it."),
    ("对于我自己来说，存在不存在没有很大的关系。", "zh",
     "To me, it didn't really matter whether I existed or not."),
    ("Я думаю, что Том не прав.", "ru", "I think Tom is wrong."),
    ("У него мало денег.", "ru", "He doesn't have much money."),
    ("Том был без ума от Мэри.", "ru", "Tom was crazy about Mary."),
])
def test_negation_rendered_by_a_negative_word_is_clean(src: str, lang: str, en: str) -> None:
    pair = PairView(0, lang, "en", lang, "en", src, en)
    assert negation.detect(pair) == []


@pytest.mark.parametrize(("src", "lang", "en"), [
    ("他抱怨菜的味道不好。", "zh", "He complained of the dish tasting good."),
    ("他抱怨菜的味道很好。", "zh", "He complained that the dish did not taste good."),
    ("在公共場所請控制自己不要吸煙。", "zh", "Please smoke in public places."),
    ("Я думаю, что Том не прав.", "ru", "I think Tom is right."),
    ("Я думаю, что Том прав.", "ru", "I think Tom is not wrong."),
    ("Том был от Мэри в восторге.", "ru", "Tom was not crazy about Mary."),
])
def test_a_negation_really_added_or_dropped_is_still_flagged(src: str, lang: str,
                                                             en: str) -> None:
    pair = PairView(0, lang, "en", lang, "en", src, en)
    assert [f.type for f in negation.detect(pair)] == ["negation"]


def test_a_loanword_taken_for_a_name_is_rendered_by_its_dictionary_sense(
        encoder: Encoder) -> None:
    zh = "拍摄的现场又是要多破烂有多破烂，可是从开麦拉里摄取的画面总是整洁美妙。"
    en = ("The set locations may have been dilapidated and in disrepair, but the images "
          "captured by the camera were always perfectly beautiful.")
    assert names.detect(_pair(zh, "zh", en, encoder)) == []


def test_a_dictionary_sense_counts_only_whole() -> None:
    assert rendered_by_meaning("开麦拉", "captured by the camera")
    assert not rendered_by_meaning("美国", "since the first state re-opened")
    assert not rendered_by_meaning("开麦拉", "captured by the painter")


def test_a_piece_of_a_chinese_name_spelt_in_the_english_is_not_left_out() -> None:
    zh = "医院里没人听说过王二，更没人知道他上哪儿去了。"
    en = "No one in the hospital had ever heard of Wang Er, so nobody knew where he had gone."
    spans = word_spans(zh)
    known, _ = known_words(zh, "zh", spans, en, "en", word_spans(en))
    assert "二" in [zh[s:e] for k, (s, e) in enumerate(spans) if k in known]
    lost, _ = known_words(zh, "zh", spans, "No one had ever heard of him.", "en",
                          word_spans("No one had ever heard of him."))
    assert "二" not in [zh[s:e] for k, (s, e) in enumerate(spans) if k in lost]
