"""The words check's zh-en lexicon (CC-CEDICT): what it pairs, and the flags it spares or keeps."""

from __future__ import annotations

from tests.nlp.test_drift_words import _version
from workbench.nlp.drift import analyse
from workbench.nlp.drift.detectors.words import limits_for, word_matches
from workbench.nlp.drift.lexicon import has_lexicon, known_words, zh_en
from workbench.nlp.drift.wordvec import WordVectors, word_spans
from workbench.nlp.types import Encoder, Row

ZH = ["俄罗斯水文气象中心发布了这一预报。", "警方在西雅图发射了震撼弹和催泪瓦斯。",
      "当局逮捕了四十五人。", "市长呼吁居民保持冷静。"]
EN = ["The Russian Hydrometeorological Centre issued the forecast.",
      "Police in Seattle fired stun grenades and tear gas.",
      "The authorities arrested forty-five people.",
      "The mayor called on residents to remain calm."]


def _known_text(zh: str, en: str) -> tuple[list[str], list[str]]:
    known_zh, known_en = known_words(zh, "zh", word_spans(zh), en, "en", word_spans(en))
    return ([zh[s:e] for k, (s, e) in enumerate(word_spans(zh)) if k in known_zh],
            [en[s:e] for k, (s, e) in enumerate(word_spans(en)) if k in known_en])


def test_headwords_are_found_inside_longer_words() -> None:
    text = "当地时间周日"
    found = [text[s:e] for s, e in zh_en.headwords_in(text)]
    assert "当地时间" in found and "时间" in found and "周日" in found
    assert "local" in zh_en.glosses_of(text, zh_en.headwords_in(text))


def test_glosses_are_lemmatised_content_words_without_cedict_notes() -> None:
    assert zh_en.gloss_words("当地") == {"local"}
    assert "tail" in zh_en.gloss_words("尾巴")
    assert {"pr", "colloquial", "yi"}.isdisjoint(zh_en.gloss_words("尾巴"))  # "colloquial pr."
    time_words = zh_en.gloss_words("时间")
    assert "time" in time_words and {"cl", "duan"}.isdisjoint(time_words)  # "CL:段[duan4]"
    assert zh_en.gloss_words("當地") == zh_en.gloss_words("当地")  # traditional headwords too
    assert zh_en.gloss_words("不是一个词吧") == frozenset()


def test_english_words_are_compared_by_lemma() -> None:
    assert zh_en.is_covered("tails", zh_en.gloss_words("尾巴"))
    assert zh_en.is_covered("Florida's", zh_en.gloss_words("佛罗里达"))
    assert zh_en.is_covered("Provincial", zh_en.gloss_words("省"))  # province
    assert not zh_en.is_covered("unusual", zh_en.gloss_words("平常"))  # usual: the prefix turns it
    assert not zh_en.is_covered("head", zh_en.gloss_words("尾巴"))


def test_months_in_digits_gloss_as_month_names() -> None:
    assert "july" in zh_en.month_glosses("7月23日")
    assert "december" in zh_en.month_glosses("１２月")
    assert zh_en.month_glosses("13月") == frozenset()


def test_known_words_pair_both_sides_and_only_zh_en() -> None:
    zh, en = "当地时间周日，警方逮捕了陈先生。", "On Sunday local time, police arrested Mr Chen."
    known_zh, known_en = _known_text(zh, en)
    assert {"local", "time", "Sunday", "police", "arrested", "Chen"} <= set(known_en)
    assert {"警方", "逮捕", "周日"} <= set(known_zh)
    # the same pair the other way round: the sides swap, the words stay known
    en_side, zh_side = known_words(en, "en", word_spans(en), zh, "zh", word_spans(zh))
    assert {en[s:e] for k, (s, e) in enumerate(word_spans(en)) if k in en_side} == set(known_en)
    assert {zh[s:e] for k, (s, e) in enumerate(word_spans(zh)) if k in zh_side} == set(known_zh)
    assert not has_lexicon("ru", "en")
    ru = "Полиция задержала сорок пять человек."
    assert known_words(ru, "ru", word_spans(ru), en, "en", word_spans(en)) == (set(), set())


def test_an_added_word_that_no_headword_glosses_stays_unknown() -> None:
    _, known_en = _known_text("研究人员认为，这是一只年轻恐龙的尾巴。",
                              "The researchers believe this is the tail of a young dinosaur "
                              "with huge feathers.")
    assert "tail" in known_en
    assert "huge" not in known_en and "feathers" not in known_en
    # a lower-case word that only sounds like a syllable of the Chinese is no name
    assert "chen" not in _known_text("陈先生来了。", "chen came")[1]


def _matches(encoder: Encoder, zh: str, en: str) -> dict[str, tuple[float, float, bool]]:
    words = WordVectors(encoder)  # type: ignore[arg-type]
    found = word_matches(zh, "zh", words.of(zh), en, "en", words.of(en))
    assert found is not None
    return {text[s:e]: (w.best, w.gap, w.known)
            for text, side in ((zh, found[0]), (en, found[1])) for w in side for s, e in [w.span]}




def _flags(encoder: Encoder, zh: str, en: str) -> list[tuple[str, str]]:
    versions = [_version("zh", "zh", [*ZH, zh]), _version("en", "en", [*EN, en])]
    rows = [Row({"zh": (k,), "en": (k,)}) for k in range(len(ZH) + 1)]
    result = analyse(versions, rows, encoder, chain=["zh", "en"])
    return [(f.type, f.detail) for f in result.rows[-1].flags
            if f.reason_key in ("words_dropped", "words_added")]


def test_a_dictionary_word_below_the_vector_limit_is_no_addition(encoder: Encoder) -> None:
    zh = "研究人员认为，这是一只年轻恐龙的尾巴。"
    en = "The researchers believe that this is the tail of a young dinosaur with huge feathers."
    limits = limits_for("zh", "en")
    assert limits is not None
    best, _, known = _matches(encoder, zh, en)["tail"]
    assert best < limits["added_below"] and known  # the vectors alone would flag "tail"
    flags = _flags(encoder, zh, en)
    assert [t for t, _ in flags] == ["addition"]
    assert "huge" in flags[0][1] and "tail" not in flags[0][1]


def test_a_source_word_glossed_in_the_english_is_no_omission(encoder: Encoder) -> None:
    zh, en = "我的房间面向花园。", "My room faces the garden."
    limits = limits_for("zh", "en")
    assert limits is not None
    _, gap, known = _matches(encoder, zh, en)["面向"]
    assert gap > limits["missing_margin"] and known  # the vectors alone would flag 面向
    assert _flags(encoder, zh, en) == []


def test_a_dropped_word_the_english_does_not_gloss_is_an_omission(encoder: Encoder) -> None:
    flags = _flags(encoder, "我们的办公室面向一个安静的花园。", "Our office looks onto a garden.")
    assert [t for t, _ in flags] == ["omission"]
    assert "安静" in flags[0][1]
