"""The ``gender`` detector: he / she changed between versions."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.gender import detect, gender_evidence


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, "a", "b", lang_a, lang_b, text_a, text_b)


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b", "word"),
    [
        ("据推测，他将在2016年参加总统竞选。", "zh",
         "It is speculated that she will run for president in 2016.", "en", "she"),
        ("Олег Тиньков опубликовал видео, на котором рассказал, как ему пересадили мозг.", "ru",
         "Oleg Tinkov published a video in which she explained how he got a transplant.", "en",
         "she"),
        ("Мария сказала, что вернётся в Москву.", "ru",
         "Maria said he would return to Moscow.", "en", "he"),
        ("She said the talks had failed.", "en", "He said the talks had failed.", "en", "He"),
        ("She said the talks had failed.", "en", "他说谈判失败了。", "zh", "他"),
        # 它 excuses the English pronoun only, not a changed 他 / 她 on the Chinese side
        ("He said the dog was his.", "en", "她说那只狗是它的。", "zh", "她"),
    ],
)
def test_changed_gender_is_flagged_on_the_changed_pronoun(
        text_a: str, lang_a: str, text_b: str, lang_b: str, word: str) -> None:
    (finding,) = detect(_pair(text_a, lang_a, text_b, lang_b))
    assert finding.type == "gender" and finding.severity == "critical"
    assert [text_b[s:e] for s, e in finding.spans["b"]] == [word]


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("据推测，他将在2016年参加总统竞选。", "zh", "He is expected to run in 2016.", "en"),
        ("Мария сказала, что она вернётся.", "ru", "Maria said she would return.", "en"),
        # «она» and a feminine past verb can be a thing: “it”
        ("Компания заявила, что она выплатит долги.", "ru",
         "The company said it would pay its debts.", "en"),
        # a past verb agreeing with a feminine thing says nothing about the man
        ("Его семья любила меня.", "ru", "His family loved me.", "en"),
        # no gender on the source side at all: nothing to compare
        ("总统表示将继续推动合作。", "zh", "The president said he would keep pushing.", "en"),
        # 他们 / 其他 are not “he”
        ("他们和其他人一起来了。", "zh", "They came with the others.", "en"),
        ("He said the talks had failed.", "en", "He added that the talks had failed.", "en"),
        # Chinese leaves out the pronoun English needs: both genders in English, one in Chinese
        ("军代表要调戏她，被她打了个大嘴巴。", "zh",
         "When the military deputy tried to grope her, she gave him a big slap.", "en"),
        # 它 ("it", a pet or a thing) may be he or she in English
        ("她说，既然你不愿意见它，那就算了。", "zh",
         "She said, since you don't want to look at him, let's forget it.", "en"),
    ],
)
def test_no_flag(text_a: str, lang_a: str, text_b: str, lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


def test_russian_evidence_reads_past_endings_and_pronouns() -> None:
    assert set(gender_evidence("Она сказала, что устала.", "ru")) == {"f"}
    assert set(gender_evidence("Он сказал, что устал.", "ru")) == {"m"}
    assert gender_evidence("Они сказали, что устали.", "ru") == {}


@pytest.mark.parametrize(("zh", "en"), [
    ("刘老老道：“他是太太的陪房。”", "'She came here with Her Ladyship when she was married.'"),
    ("或者他还念旧，有些好处也未可知。", "You never know, she might do something for you."),
])
def test_a_he_of_older_or_generic_chinese_is_no_man_in_a_free_document(zh: str, en: str) -> None:
    free = PairView(0, "zh", "en", "zh", "en", zh, en, word_register=0.6)
    assert detect(free) == []
    close = PairView(0, "zh", "en", "zh", "en", zh, en, word_register=None)
    assert [f.type for f in detect(close)] == ["gender"]


def test_a_she_is_marked_even_in_a_free_document() -> None:
    free = PairView(0, "zh", "en", "zh", "en", "她说她明天回来。",
                    "He said he would come back tomorrow.", word_register=0.6)
    assert [f.type for f in detect(free)] == ["gender"]
