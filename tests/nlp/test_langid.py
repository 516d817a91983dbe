"""Language identification (scripts, then lingua) and language-code normalisation."""

from __future__ import annotations

import pytest

from workbench.nlp.langid import (
    SUPPORTED_LANGUAGES,
    LanguageError,
    UndetectableLanguageError,
    UnknownLanguageError,
    detect_language,
    is_supported,
    normalise_lang,
)

LONG = {
    "zh": "新华社北京8月29日电 国务院总理李强29日主持召开国务院常务会议，研究部署进一步扩大内需的"
          "政策措施。会议指出，要坚持稳中求进工作总基调，加大宏观政策调控力度。",
    "ru": "Президент России провёл совещание с членами правительства. Обсуждались вопросы "
          "экономического развития регионов и поддержки малого бизнеса в 2024 году.",
    "en": "The prime minister chaired a cabinet meeting on Tuesday to discuss measures to expand "
          "domestic demand. Officials said the policies would be announced next week.",
    "de": "Der Ministerpräsident leitete am Dienstag eine Kabinettssitzung, in der Maßnahmen zur "
          "Stärkung der Binnennachfrage besprochen wurden.",
    "fr": "Le Premier ministre a présidé mardi une réunion du cabinet consacrée aux mesures "
          "destinées à stimuler la demande intérieure.",
    "es": "El primer ministro presidió el martes una reunión del gabinete para discutir medidas "
          "que amplíen la demanda interna.",
    "it": "Il primo ministro ha presieduto martedì una riunione di gabinetto per discutere misure "
          "per ampliare la domanda interna.",
    "pt": "O primeiro-ministro presidiu na terça-feira uma reunião do gabinete para discutir "
          "medidas de expansão da procura interna.",
    "uk": "Прем'єр-міністр України у вівторок провів засідання уряду, на якому обговорювалися "
          "заходи щодо підтримки внутрішнього попиту.",
    "ja": "首相は火曜日に閣議を主宰し、内需拡大のための政策について議論した。",
    "ko": "총리는 화요일에 내각 회의를 주재하고 내수 확대를 위한 정책을 논의했다.",
    "ar": "ترأس رئيس الوزراء يوم الثلاثاء اجتماعا لمجلس الوزراء "
          "لمناقشة إجراءات توسيع الطلب المحلي.",
}

SHORT = {
    "zh": "会议结束了。", "ru": "Совещание закончилось.", "en": "The meeting is over.",
    "ja": "会議は終わった。", "ko": "회의가 끝났다.", "ar": "انتهى الاجتماع.",
    "uk": "Засідання завершилося.", "de": "Die Sitzung ist vorbei.",
}


@pytest.mark.parametrize("lang", sorted(LONG))
def test_long_texts(lang: str) -> None:
    assert detect_language(LONG[lang]) == lang


@pytest.mark.parametrize("lang", sorted(SHORT))
def test_short_texts(lang: str) -> None:
    assert detect_language(SHORT[lang]) == lang


def test_candidates_narrow_the_choice() -> None:
    assert detect_language("Привет", ["ru", "uk"]) == "ru"
    assert detect_language(SHORT["uk"], ["Russian", "Ukrainian"]) == "uk"
    assert detect_language("OK", ["zh", "ru", "en"]) == "en"  # the only Latin candidate
    assert detect_language(LONG["de"], ["en", "fr"]) in {"en", "fr"}
    assert detect_language(LONG["zh"], ["ru", "en"]) == "zh"  # no candidate writes Han
    assert detect_language("漢字だけ", ["ja"]) == "ja"
    assert detect_language(LONG["zh"], ["ja"]) == "ja"
    assert detect_language("Tento článek je o počasí v Praze a okolí.", ["cs", "pl", "sk"]) == "cs"


def test_mixed_script_follows_the_main_language() -> None:
    assert detect_language("苹果公司在加州发布了新款iPhone和MacBook电脑，价格保持不变。") == "zh"
    assert detect_language("Компания Apple представила новый iPhone 15 Pro в Калифорнии.") == "ru"
    assert detect_language("Apple unveiled the new iPhone (苹果手机) in California today.") == "en"
    assert detect_language("東京は日本の首都です。") == "ja"
    assert detect_language("中国和日本的关系（日中関係）很复杂，两国在经济上联系紧密。") == "zh"


def test_undetectable_texts() -> None:
    for text in ("", "   ", "12 345,67 — 2024!", "😀😀"):
        with pytest.raises(UndetectableLanguageError, match="without letters"):
            detect_language(text)
    with pytest.raises(UndetectableLanguageError, match="must be a str"):
        detect_language(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(UnknownLanguageError):
        detect_language("Hello", ["english", "klingonese"])


@pytest.mark.parametrize(("value", "code"), [
    ("zh", "zh"), ("zh-CN", "zh"), ("zh_Hans", "zh"), ("zh-Hant-TW", "zh"), ("zho", "zh"),
    ("chi", "zh"), ("cmn", "zh"), ("Chinese", "zh"), ("中文", "zh"), ("汉语", "zh"),
    ("Mandarin", "zh"), ("китайский", "zh"), ("Simplified Chinese", "zh"),
    ("ru", "ru"), ("RU", "ru"), ("ru_RU", "ru"), ("rus", "ru"), ("Russian", "ru"),
    ("русский", "ru"), ("Русский язык", "ru"), ("俄语", "ru"),
    ("en", "en"), ("EN", "en"), ("en-US", "en"), ("eng", "en"), ("English", "en"),
    ("английский", "en"), ("英语", "en"), (" en ", "en"),
    ("ger", "de"), ("deu", "de"), ("Deutsch", "de"), ("fre", "fr"), ("français", "fr"),
    ("ukr", "uk"), ("українська", "uk"), ("日本語", "ja"), ("한국어", "ko"), ("iw", "he"),
    ("pt-BR", "pt"), ("Farsi", "fa"), ("Latin", "la"),
])
def test_normalise_aliases(value: str, code: str) -> None:
    assert normalise_lang(value) == code


@pytest.mark.parametrize("value", ["", "  ", "xx", "und", "zz-ZZ", "Elvish", "toolong", "e",
                                   None, 7])
def test_normalise_unknown(value: object) -> None:
    with pytest.raises(UnknownLanguageError, match=r"unknown language .*supported: zh, ru, en"):
        normalise_lang(value)  # type: ignore[arg-type]
    assert issubclass(UnknownLanguageError, LanguageError)
    assert issubclass(LanguageError, ValueError)


def test_supported_languages() -> None:
    assert {"zh", "ru", "en", "de", "fr", "es", "it", "pt", "uk", "ja", "ko", "ar"} <= set(
        SUPPORTED_LANGUAGES)
    assert all(normalise_lang(code) == code for code in SUPPORTED_LANGUAGES)
    assert is_supported("Chinese") and not is_supported("la")
