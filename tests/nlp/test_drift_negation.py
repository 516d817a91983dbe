"""The ``negation`` detector: a negation on one side only."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors.negation import detect, negation_spans


def _pair(text_a: str, lang_a: str, text_b: str, lang_b: str) -> PairView:
    return PairView(0, lang_a, lang_b, lang_a, lang_b, text_a, text_b)


def test_dropped_negation_is_flagged_on_the_negating_side() -> None:
    zh = "禁毒合作尚未取得明显成效。"
    ru = "Сотрудничество в борьбе с наркотиками уже принесло заметные результаты."
    (finding,) = detect(_pair(zh, "zh", ru, "ru"))
    assert finding.type == "negation" and finding.severity == "critical"
    assert [zh[s:e] for s, e in finding.spans["zh"]] == ["未"]


def test_flipped_negation_ru_en() -> None:
    ru = "Китай играет важную роль, но не претендует на главенство."
    en = "China plays an important and leading role."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert [ru[s:e] for s, e in finding.spans["ru"]] == ["не"]


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("中国并不谋求主导地位。", "zh", "Китай не претендует на главенство.", "ru"),
        ("Китай не претендует на главенство.", "ru", "China does not seek dominance.", "en"),
        ("这不仅是一个哲学命题。", "zh", "Это не просто философская формула.", "ru"),
        ("It is not only a formula.", "en", "这不仅是一个哲学命题。", "zh"),
        ("在乌兹别克斯坦撒马尔罕举行", "zh", "held in Samarkand, Uzbekistan", "en"),
        ("非常重要的未来", "zh", "a very important future", "en"),
    ],
)
def test_no_flag_when_both_or_neither_negate(text_a: str, lang_a: str, text_b: str,
                                             lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


def test_english_contractions_count() -> None:
    assert negation_spans("It wasn't easy.", "en") == [[6, 9]]


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b"),
    [
        ("无论天气如何，比赛照常进行。", "zh", "The match goes ahead whatever the weather.", "en"),
        ("无数游客来到这里。", "zh", "Countless tourists come here.", "en"),
        ("这无疑是一个好消息。", "zh", "This is undoubtedly good news.", "en"),
        ("这并不仅仅是一个经济问题。", "zh", "This is more than an economic issue.", "en"),
        ("No doubt the plan will work.", "en", "Несомненно, план сработает.", "ru"),
        ("Он говорит не только по-русски.", "ru", "He speaks more than Russian.", "en"),
        ("Новая модель ничуть не хуже старой.", "ru", "The new model is just as good as the old.",
         "en"),
        ("这种情况前所未有。", "zh", "The situation is unprecedented.", "en"),
        ("现有无症状感染者12例。", "zh", "There are 12 asymptomatic carriers.", "en"),
        ("他无法出席会议。", "zh", "He was unable to attend the meeting.", "en"),
        ("他未能出席会议。", "zh", "He failed to attend the meeting.", "en"),
        ("他不能出席会议。", "zh", "He cannot attend the meeting.", "en"),
        ("他无法出席会议。", "zh", "Он не смог присутствовать на встрече.", "ru"),
        ("Никто не пришёл на встречу.", "ru", "Nobody came to the meeting.", "en"),
        ("Там нет ни воды, ни света.", "ru", "There is neither water nor light.", "en"),
        ("Жди, пока я тебя не позову.", "ru", "Wait until I call you.", "en"),
        ("你有没有去过北京？", "zh", "Have you been to Beijing?", "en"),
        ("Ядро нестабильно.", "ru", "The nucleus is unstable.", "en"),
        # a negative question asks, it does not deny
        ("这东西丑得要命，你承不承认？", "zh", "It is terribly ugly, don't you agree?", "en"),
        ("后来她说算了，别为这事吵架。", "zh", "Then she said: never mind, let's not fight.", "en"),
        ("我就一直躺着。", "zh", "So I had no choice but to stay put.", "en"),
        ("后来我才明白。", "zh", "Not until much later did I understand.", "en"),
        # lexical negation: 不高兴 = "offended", 不争 = "indisputable"
        ("我听了这话不高兴。", "zh", "I was offended by what she said.", "en"),
        ("这是不争的事实。", "zh", "This is an indisputable fact.", "en"),
        ("这是不争的事实。", "zh", "This is a fact that cannot be disputed.", "en"),
        # a negation inside a set phrase CC-CEDICT lists is rendered by its meaning
        ("我听了这些话，一声不吭。", "zh", "I kept silent as I heard the words.", "en"),
        ("我都能一丝不苟地完成。", "zh", "I performed them all meticulously.", "en"),
        ("很多细节当时我大惑不解。", "zh", "At the time many details puzzled me.", "en"),
        ("他不知不觉就睡着了。", "zh", "He fell asleep before he knew it.", "en"),
        # two negated clauses on each side: "nor" after "didn't" is a second negation
        ("其实她不需要我，也没必要找到我。", "zh",
         "In fact, she didn't need me, nor did she have to find me.", "en"),
        # V了没有 asks whether; adverbs and words of "other" that hold 不 / 别
        ("让她看看腰断了没有。", "zh", "Let her check whether his back is broken.", "en"),
        ("不一会儿，导演就派人来了。", "zh", "Before long the director sent someone.", "en"),
        ("两人回到棚里，不料人都散了。", "zh", "They returned only to find everyone gone.", "en"),
        ("她觉得自己已经不止十六岁了。", "zh", "She felt much older than sixteen.", "en"),
        ("他带她们去别处逛。", "zh", "He took them to look around other sets.", "en"),
        ("这几年不见，我就忘了。", "zh", "It's years since I saw you last.", "en"),
        ("这几年不见，我就忘了。", "zh", "I haven't seen you for years and forgot.", "en"),
        # "had yet to" = 还没有, "stopped moving" = 不动了, "nobody except X" = 只有 X
        ("过夜生活的人又还没有出门。", "zh", "Shanghai's nightlife had yet to begin.", "en"),
        ("她再不动了。", "zh", "The woman stopped moving.", "en"),
        ("只有吴佩珍上了心。", "zh", "Nobody was interested except Wu Peizhen.", "en"),
        ("转眼间，她已经在策划了。", "zh", "In no time she was making plans.", "en"),
    ],
)
def test_compounds_idioms_and_concord_are_clean(text_a: str, lang_a: str, text_b: str,
                                                lang_b: str) -> None:
    assert detect(_pair(text_a, lang_a, text_b, lang_b)) == []


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b", "side"),
    [
        ("这种情况前所未有。", "zh", "The situation is not unprecedented.", "en", "en"),
        ("他无法出席会议。", "zh", "He was able to attend the meeting.", "en", "zh"),
        ("他未能出席会议。", "zh", "He managed to attend the meeting.", "en", "zh"),
        ("法院去年阻止了这项计划。", "zh", "Last year the court did not block the plan.", "en",
         "en"),
        ("Родители отказываются от своих прав.", "ru", "The parents do not give up their rights.",
         "en", "en"),
        ("Атомы распадаются при малом воздействии или без него.", "ru",
         "Atoms tend not to decay with little or no impact.", "en", "en"),
        ("Никто не пришёл на встречу.", "ru", "Everybody came to the meeting.", "en", "ru"),
        ("你同意吗？", "zh", "Don't you agree? I don't.", "en", "en"),
        ("我听了这话很高兴。", "zh", "I was not happy about what she said.", "en", "en"),
        # a plain 不, not inside a set phrase, still counts
        ("这道菜味道不好。", "zh", "This dish tastes good.", "en", "zh"),
    ],
)
def test_a_negation_one_side_adds_or_drops_is_flagged(text_a: str, lang_a: str, text_b: str,
                                                      lang_b: str, side: str) -> None:
    (finding,) = detect(_pair(text_a, lang_a, text_b, lang_b))
    assert list(finding.spans) == [side]
    text = text_a if side == lang_a else text_b
    assert all(text[s:e].strip() for s, e in finding.spans[side])


def test_more_negations_is_major_and_says_how_many() -> None:
    ru = "Атомы распадаются при малом воздействии или без него."
    en = "Atoms tend not to decay with little or no impact."
    (finding,) = detect(_pair(ru, "ru", en, "en"))
    assert finding.severity == "major" and "2 against 1" in finding.detail
    (finding,) = detect(_pair("Атомы распадаются.", "ru", "Atoms do not decay.", "en"))
    assert finding.severity == "critical"


@pytest.mark.parametrize(
    ("text_a", "text_b", "flagged"),
    [
        ("The plan is not only cheap but fast.", "The plan is cheap and fast.", False),
        ("He could not attend.", "He was unable to attend.", False),
        ("He did not attend.", "He failed to attend.", False),
        ("He did attend.", "He did not attend.", True),
        ("There is no doubt about it.", "It is certain.", False),
        ("The outcome was unprecedented.", "The outcome was not unprecedented.", True),
    ],
)
def test_same_language_pairs(text_a: str, text_b: str, flagged: bool) -> None:
    assert bool(detect(PairView(0, "first", "second", "en", "en", text_a, text_b))) is flagged


@pytest.mark.parametrize(("text_a", "lang_a", "text_b"), [
    ("作者表示，2002年SARS暴发时，起初中国准备不足，尤其是病原体无法确定。", "zh",
     "The author wrote, when SARS broke out in 2002, China wasn’t prepared at the beginning, "
     "especially since it wasn’t able to identify the pathogen."),
    ("Данный город сильно отличается от других городов страны, так как в нем преобладает "
     "арабский колорит, а не африканский.", "ru",
     "The city is in stark contrast to the rest of the country's cities, because it has more "
     "of an Arabic flair than African."),
    ("样本显示的是成年羽毛，而非雏龙的绒毛。", "zh",
     "The sample shows adult feathers rather than the down of a hatchling."),
])
def test_curly_apostrophes_and_contrasts_are_not_one_sided(text_a: str, lang_a: str,
                                                           text_b: str) -> None:
    assert detect(PairView(0, lang_a, "en", lang_a, "en", text_a, text_b)) == []


def test_a_curly_apostrophe_negation_still_counts() -> None:
    pair = PairView(0, "ru", "en", "ru", "en", "Он пришёл вовремя.", "He didn’t come on time.")
    (finding,) = detect(pair)
    assert finding.spans["en"]


@pytest.mark.parametrize(("text_a", "lang_a", "text_b"), [
    ("Вы не видели здесь сумку?", "ru", "Did you see a bag here?"),
    ("你不觉得冷吗？", "zh", "Do you feel cold?"),
    # "don't you" asks (affixal): the two coordinated не are one negation more in all
    ("Почему вы не звоните Тому и не напоминаете ему?", "ru",
     "Why don't you call Tom and remind him?"),
])
def test_a_negative_question_for_a_positive_one_is_no_negation(text_a: str, lang_a: str,
                                                               text_b: str) -> None:
    assert detect(PairView(0, lang_a, "en", lang_a, "en", text_a, text_b)) == []


def test_a_negation_outside_the_question_still_counts() -> None:
    (finding,) = detect(PairView(0, "ru", "en", "ru", "en", "Вы видели сумку? Я видел.",
                                 "Did you see the bag? I did not."))
    assert finding.type == "negation"


def test_the_counts_shown_are_the_negations_of_each_side() -> None:
    # "isn't" and the affixal "unexpected" against the affixal 不安全: 2 against 1, as the
    # message says "more often" (the explicit cues decide, the totals are shown)
    (finding,) = detect(PairView(0, "zh", "en", "zh", "en", "我们生活在一个不安全的世界中。",
                                 "The world we live in isn't safe and brings the unexpected."))
    assert "(2 against 1," in finding.detail


@pytest.mark.parametrize(("text_a", "text_b"), [
    ("你不觉得冷。", "You feel cold."),  # 不觉得 negates, 不觉 alone does not
    ("他还没有出门。", "He has gone out."),
    ("No one came, but we waited.", "有人来了，我们等着。"),  # "but" after a comma joins clauses
    ("他不止一次来过，后来再也没来。", "He came more than once and then again."),
])
def test_the_words_that_hold_a_cue_without_negating_leave_real_negations_alone(
        text_a: str, text_b: str) -> None:
    lang_a = "en" if text_a.isascii() else "zh"
    lang_b = "en" if text_b.isascii() else "zh"
    (finding,) = detect(PairView(0, lang_a, lang_b, lang_a, lang_b, text_a, text_b))
    assert finding.type == "negation"
