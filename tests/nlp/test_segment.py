"""Sentence segmentation on realistic Chinese, Russian and English news text."""

from __future__ import annotations

from itertools import pairwise

import pytest

from workbench.nlp.langid import UnknownLanguageError
from workbench.nlp.segment import (
    MAX_SEGMENT_CHARS,
    InvalidTextError,
    SegmentationError,
    engines,
    segment_lines,
    segment_text,
)
from workbench.nlp.types import Segment


def texts(text: str, lang: str) -> list[str]:
    segments = segment_text(text, lang)
    assert_consistent(text, segments)
    return [s.text for s in segments]


def assert_consistent(text: str, segments: list[Segment]) -> None:
    """Offsets exact, indices consecutive, paragraphs non-decreasing, texts stripped."""
    for i, segment in enumerate(segments):
        assert segment.index == i
        assert text[segment.start:segment.end] == segment.text
        assert segment.text == segment.text.strip() and segment.text
    assert all(a.end <= b.start for a, b in pairwise(segments))
    assert all(a.paragraph <= b.paragraph for a, b in pairwise(segments))


ZH_NEWS = (
    "新华社北京8月29日电（记者王晓）国务院总理李强29日主持召开国务院常务会议。"
    "会议指出：“要稳就业、保民生。各地区各部门要抓好落实。”"
    "与会者一致表示赞同！下一步怎么办？会议要求进一步扩大内需。"
)


def test_chinese_sentences_and_quotation_kept_whole() -> None:
    assert texts(ZH_NEWS, "zh") == [
        "新华社北京8月29日电（记者王晓）国务院总理李强29日主持召开国务院常务会议。",
        "会议指出：“要稳就业、保民生。各地区各部门要抓好落实。”",
        "与会者一致表示赞同！",
        "下一步怎么办？",
        "会议要求进一步扩大内需。",
    ]


def test_chinese_quotation_with_short_attribution_stays_whole() -> None:
    text = "“我不知道……”他说。“真的吗？”她问道。“是的。”“那好吧。”他转身离开了会议室，没有再说话。"
    assert texts(text, "zh") == [
        "“我不知道……”他说。", "“真的吗？”她问道。", "“是的。”", "“那好吧。”",
        "他转身离开了会议室，没有再说话。"]


def test_chinese_sentence_starting_with_a_digit_is_split() -> None:
    text = ("这是首次上合组织峰会。2022年，峰会批准了综合计划。“我们准备好了。”5月，"
            "他说：“会议很成功。2025年还要再办。”然后离开了。")
    assert texts(text, "zh") == [
        "这是首次上合组织峰会。", "2022年，峰会批准了综合计划。", "“我们准备好了。”",
        "5月，他说：“会议很成功。2025年还要再办。”", "然后离开了。"]


def test_chinese_with_english_abbreviations_and_numbers() -> None:
    text = ("美国国务院发言人Mr. Miller表示，U.S. 将继续观察。"
            "截至2024年底，GDP增长5.2%，达到1.2亿元。")
    assert texts(text, "zh-CN") == [
        "美国国务院发言人Mr. Miller表示，U.S. 将继续观察。",
        "截至2024年底，GDP增长5.2%，达到1.2亿元。",
    ]


@pytest.mark.parametrize(("sentence", "tail"), [
    ("Рост ВВП составил 3,6%, т. е. больше прогноза.", "Об этом сообщил Росстат."),
    ("Завод был построен в 1952 г. в Ленинграде.", "Сейчас он закрыт."),
    ("В. В. Путин провёл встречу с Д. С. Песковым в Кремле.", "Подробности не сообщаются."),
    ("Он окончил МГУ им. М. В. Ломоносова в 1975 году.", "Затем работал в Москве."),
    ("«Мы готовы к диалогу!» — заявил министр.", "«Почему сейчас?» — спросили его."),
])
def test_russian_abbreviations_and_initials_do_not_split(sentence: str, tail: str) -> None:
    assert texts(f"{sentence} {tail}", "ru") == [sentence, tail]


@pytest.mark.parametrize(("sentence", "tail"), [
    ("Mr. Smith arrived in Washington on Aug. 29 after a long flight.", "He met reporters."),
    ("The U.S. economy grew 2.5% in the third quarter.", "Analysts were surprised."),
    ("Martin Luther King Jr. spoke to the crowd at 5 p.m. on Friday.", "Thousands listened."),
    ("Dr. Brown said: “We are ready.”", "Nobody answered."),
])
def test_english_abbreviations_do_not_split(sentence: str, tail: str) -> None:
    assert texts(f"{sentence} {tail}", "en") == [sentence, tail]


def test_paragraphs_from_blank_lines_with_headline_line() -> None:
    text = ("Putin meets Xi in Beijing\n"
            "BEIJING, Aug. 29 (Reuters) - The two leaders met on Tuesday. They talked for hours.\n"
            "\n"
            "Reporting by Jane Doe")
    segments = segment_text(text, "en")
    assert_consistent(text, segments)
    assert [(s.paragraph, s.text) for s in segments] == [
        (0, "Putin meets Xi in Beijing"),
        (0, "BEIJING, Aug. 29 (Reuters) - The two leaders met on Tuesday."),
        (0, "They talked for hours."),
        (1, "Reporting by Jane Doe"),
    ]


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = ("The government announced on Tuesday that it would raise\n"
            "pensions by five percent next year. The opposition called the\n"
            "plan too small.\n\nSecond paragraph here.")
    assert texts(text, "en") == [
        "The government announced on Tuesday that it would raise\npensions by five percent "
        "next year.",
        "The opposition called the\nplan too small.",
        "Second paragraph here.",
    ]


def test_without_blank_lines_each_line_is_a_paragraph() -> None:
    text = ("习近平会见普京\n新华社北京8月29日电\n"
            "国家主席习近平29日会见俄罗斯总统普京。双方进行了会谈。\n")
    segments = segment_text(text, "zh")
    assert_consistent(text, segments)
    assert [(s.paragraph, s.text) for s in segments] == [
        (0, "习近平会见普京"),
        (1, "新华社北京8月29日电"),
        (2, "国家主席习近平29日会见俄罗斯总统普京。"),
        (2, "双方进行了会谈。"),
    ]


def test_crlf_nbsp_fullwidth_space_and_bom() -> None:
    text = ("\ufeffМОСКВА, 29 августа.\u00a0Совещание началось.\r\n\r\n"
            "\u3000\u3000Итоги подведут позже.\r\n")
    segments = segment_text(text, "ru")
    assert_consistent(text, segments)
    assert [(s.paragraph, s.text) for s in segments] == [
        (0, "МОСКВА, 29 августа."), (0, "Совещание началось."), (1, "Итоги подведут позже.")]


def test_crlf_alone_is_not_a_blank_line() -> None:
    text = "Первая строка.\r\nВторая строка.\r\nТретья строка."
    assert [s.paragraph for s in segment_text(text, "ru")] == [0, 1, 2]


def test_full_width_punctuation_in_russian_and_english() -> None:
    assert texts("Итак！Что дальше？Ничего。", "ru") == ["Итак！", "Что дальше？", "Ничего。"]
    assert texts("So！What next？Nothing．OK", "en") == ["So！", "What next？", "Nothing．", "OK"]


def test_mixed_script_text() -> None:
    text = "В Пекине прошла встреча (北京会谈). Meeting in Beijing ended. 会谈结束。"
    assert texts(text, "ru") == ["В Пекине прошла встреча (北京会谈).", "Meeting in Beijing ended.",
                                 "会谈结束。"]


def test_punctuation_only_piece_joins_previous_sentence() -> None:
    assert texts("Он замолчал... ... Потом ушёл.", "ru")[-1] == "Потом ушёл."
    assert all(any(ch.isalnum() for ch in t) for t in texts("Wait! ! ! Then go.", "en"))


def test_other_languages_use_generic_rules() -> None:
    assert texts("Das ist z. B. ein Test. Am 3. Oktober 1990 kam es dazu. Gut.", "de") == [
        "Das ist z. B. ein Test.", "Am 3. Oktober 1990 kam es dazu.", "Gut."]
    assert texts("Bonjour à tous. Comment allez-vous ?", "fr")[0] == "Bonjour à tous."
    assert len(texts("Salve. Quid agis?", "la")) == 2  # no rules of its own: fallback chain


def test_language_names_and_codes_are_normalised() -> None:
    for name in ("Russian", "rus", "ru-RU", "русский"):
        assert texts("Он ушёл, т. е. уехал. Всё.", name) == ["Он ушёл, т. е. уехал.", "Всё."]


def test_library_failure_falls_back_to_punctuation_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(lang: str, text: str) -> list[dict[str, object]]:
        raise RuntimeError("library bug")

    monkeypatch.setattr(engines.sentencex, "get_sentence_boundaries", broken)
    assert texts("Первое предложение. Второе! 第三句。第四句？ “Fifth.” Six", "en") == [
        "Первое предложение.", "Второе!", "第三句。", "第四句？", "“Fifth.”", "Six"]


def test_empty_and_blank_texts() -> None:
    assert segment_text("", "en") == []
    assert segment_text(" \n\n\u3000\ufeff\t ", "zh") == []
    assert segment_lines("\n \n") == []


def test_bad_input_raises_clear_errors() -> None:
    with pytest.raises(InvalidTextError, match="decode"):
        segment_text(b"bytes", "en")  # type: ignore[arg-type]
    with pytest.raises(InvalidTextError, match="not int"):
        segment_lines(42)  # type: ignore[arg-type]
    with pytest.raises(UnknownLanguageError, match="unknown language 'xx'"):
        segment_text("Hello.", "xx")
    with pytest.raises(SegmentationError, match="max_chars"):
        segment_text("Hello.", "en", max_chars=0)
    assert issubclass(SegmentationError, ValueError)


def test_overlong_runs_are_cut_at_commas_or_spaces() -> None:
    clause = "и в этом году объём торговли снова вырос, "
    text = clause * 100 + "конец."
    segments = segment_text(text, "ru", max_chars=300)
    assert_consistent(text, segments)
    assert len(segments) > 1
    assert all(len(s.text) <= 300 for s in segments)
    assert all(s.text.endswith(",") for s in segments[:-1])


def test_overlong_run_without_any_break_is_cut_hard() -> None:
    text = "统" * 2500
    segments = segment_text(text, "zh")
    assert [len(s.text) for s in segments] == [MAX_SEGMENT_CHARS, MAX_SEGMENT_CHARS, 500]


def test_pathological_five_megabyte_line_is_cut_into_bounded_segments() -> None:
    # its speed is measured by bench.segmentation, not asserted here
    text = "word " * 1_000_000
    segments = segment_text(text, "en")
    assert all(len(s.text) <= MAX_SEGMENT_CHARS for s in segments)
    assert segments[-1].end == len(text.rstrip())


def test_long_run_razdel_does_not_split_is_cut_into_bounded_segments() -> None:
    text = "а. " * 200_000  # razdel alone is quadratic here: timed by bench.segmentation
    segments = segment_text(text, "ru")
    assert all(len(s.text) <= MAX_SEGMENT_CHARS for s in segments)


def test_hundred_thousand_characters_are_segmented() -> None:
    paragraph = "Mr. Smith went to Washington on Aug. 29. He met officials there. " * 20
    text = "\n\n".join([paragraph] * 80)[:100_000]
    segments = segment_text(text, "en")
    assert len(segments) > 2000


def test_segment_lines_keeps_lines_and_paragraphs() -> None:
    text = "  第一句。第二句。\n第三句\n\n\r\nВторой абзац.\r\nЕщё строка.  \n"
    segments = segment_lines(text)
    assert_consistent(text, segments)
    assert [(s.paragraph, s.text) for s in segments] == [
        (0, "第一句。第二句。"), (0, "第三句"), (1, "Второй абзац."), (1, "Ещё строка.")]
