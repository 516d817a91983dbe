"""Function words per language, and light word classes for same-language word diffs.

A word diff between two versions in one language counts only *content* words: a
changed article, preposition, auxiliary or particle is rewording, not drift.
The lists are short and built in (no extra dependency); negation words, number
words and gendered pronouns are deliberately *not* function words here, since
changing them changes the meaning. The classes (name, number, modifier) only
grade severity, so simple surface tests are enough.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_EN = [
    "a", "an", "the", "and", "or", "but", "if", "then", "so", "as", "than", "that", "this",
    "these", "those", "there", "here", "of", "in", "on", "at", "by", "for", "from", "to", "into",
    "onto", "upon", "with", "within", "about", "above", "below", "over", "under", "between",
    "among", "through", "during", "before", "after", "since", "until", "till", "via", "per",
    "against", "toward", "towards", "across", "along", "around", "behind", "beyond", "near", "off",
    "out", "up", "down", "amid", "despite", "except", "like", "unlike", "is", "are", "was", "were",
    "be", "been", "being", "am", "do", "does", "did", "doing", "done", "have", "has", "had",
    "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought",
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your",
    "yours", "yourself", "yourselves", "it", "its", "itself", "they", "them", "their", "theirs",
    "themselves", "who", "whom", "whose", "which", "what", "whatever", "whoever", "whichever",
    "where", "when", "why", "how", "whether", "while", "also", "too", "very", "just", "only",
    "even", "still", "yet", "already", "all", "any", "both", "each", "either", "every", "few",
    "many", "more", "most", "much", "other", "others", "some", "such", "own", "same", "another",
    "s", "t", "re", "ve", "ll", "d", "m", "said", "says", "say",
]
"""English function words (articles, prepositions, auxiliaries, neutral pronouns, fillers).

``said``/``says`` are here because reporting verbs are reworded freely ("said" ~ "stated")."""

_RU = [
    "и", "а", "но", "или", "либо", "да", "же", "ли", "бы", "ведь", "вот", "вон", "уж", "лишь",
    "только", "также", "тоже", "ещё", "еще", "в", "во", "на", "с", "со", "к", "ко", "по", "о",
    "об", "обо", "от", "ото", "из", "изо", "у", "за", "над", "под", "подо", "перед", "пред", "при",
    "про", "для", "через", "сквозь", "между", "среди", "около", "возле", "вокруг", "после", "до",
    "без", "кроме", "вместо", "ради", "вдоль", "что", "чтобы", "как", "так", "то", "это", "этот",
    "эта", "эти", "этого", "этой", "этих", "тот", "та", "те", "того", "той", "тех", "который",
    "которая", "которое", "которые", "которого", "которой", "которых", "которому", "котором", "он",
    "она", "оно", "они", "его", "её", "ее", "их", "им", "ими", "ему", "ей", "ней", "нему", "них",
    "ним", "нём", "нем", "него", "я", "мы", "ты", "вы", "меня", "мне", "мной", "нас", "нам",
    "нами", "тебя", "тебе", "вас", "вам", "вами", "себя", "себе", "собой", "свой", "своя", "своё",
    "свое", "свои", "своего", "своей", "своих", "свою", "мой", "моя", "моё", "мое", "мои", "наш",
    "наша", "наше", "наши", "ваш", "ваша", "ваше", "ваши", "быть", "был", "была", "было", "были",
    "есть", "будет", "будут", "является", "являются", "уже", "очень", "более", "менее", "весь",
    "вся", "всё", "все", "всех", "всем", "всего", "всей", "где", "когда", "там", "тут", "здесь",
    "сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "сообщил", "сообщила",
    "сообщили",
    # quantifiers and focus words, the counterparts of English "each", "any", "other", "such",
    # "some", "many", "few", "same", "even" (function words on the English side too)
    "каждый", "каждая", "каждое", "каждые", "каждого", "каждой", "каждому", "каждым", "каждом",
    "каждую", "каждых", "каждыми", "любой", "любая", "любое", "любые", "любого", "любому",
    "любым", "любом", "любую", "любых", "любыми", "другой", "другая", "другое", "другие",
    "другого", "другому", "другим", "другую", "других", "другими", "такой", "такая", "такое",
    "такие", "такого", "такому", "таким", "таком", "такую", "таких", "такими", "некоторый",
    "некоторая", "некоторое", "некоторые", "некоторого", "некоторой", "некоторому", "некоторым",
    "некотором", "некоторую", "некоторых", "некоторыми", "много", "многие", "многих", "многим",
    "многими", "многое", "многого", "немного", "несколько", "нескольких", "нескольким",
    "несколькими", "сам", "сама", "само", "сами", "самого", "самой", "самому", "самим", "самом",
    "саму", "самих", "самими", "самый", "самая", "самое", "самые", "самым", "самую", "самых",
    "самыми", "иной", "иная", "иное", "иные", "иного", "иному", "иным", "ином", "иную", "иных",
    "иными", "даже", "именно",
]

_ZH = [
    "的", "地", "得", "了", "着", "过", "是", "在", "和", "与", "及", "以及", "并",
    "并且", "而", "而且", "或", "或者", "也", "都", "就", "又", "还", "才", "对", "对于",
    "把", "被", "将", "由", "从", "向", "于", "以", "为", "为了", "给", "让", "使", "之",
    "其", "该", "此", "这", "那", "这个", "那个", "这些", "那些", "个", "种", "等", "等等",
    "们", "所", "所以", "因为", "但", "但是", "却", "则", "即", "即使", "如果", "虽然", "已",
    "已经", "正在", "一", "一个", "我", "你", "他", "她", "它", "我们", "你们", "他们",
    "她们", "它们", "自己", "这样", "那样", "如此", "非常", "很", "更", "最", "说", "表示",
    "称",
    # existential / possessive 有 (English "have", "there is" are function words) and the
    # quantifiers and focus words matching English "many", "few", "all", "any", "each",
    # "other", "same", "only", "even", "still", "too"
    "有", "很多", "许多", "好多", "多", "少", "一些", "有些", "某些", "所有", "任何", "每",
    "每个", "各", "各个", "其他", "其它", "别的", "另", "另外", "同样", "相同", "只", "只是",
    "仅", "仅仅", "甚至", "仍", "仍然", "依然", "太",
]

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN), "ru": frozenset(_RU), "zh": frozenset(_ZH),
}
"""``she``/``he``/``her``/``his`` (and ``она``/``он`` forms in English only) stay content words:
a changed pronoun gender is a drift; in Russian the pronoun's case varies with rewording."""

_NUMBER_WORDS = {
    "en": re.compile(r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|"
                     r"eigh|nine)ty|hundred|thousand|million|billion|trillion|dozen|half|twice|"
                     r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?",
                     re.IGNORECASE),
    "ru": re.compile(r"(?:один|одн(?:а|о|ого|ой|ому|им|их)|дв(?:а|е|ух|ум|умя)|"
                     r"тр(?:и|ех|ёх|ем|емя)|"
                     r"четыр(?:е|ех|ёх|ем|ьмя)|(?:пят|шест|сем|восем|восьм|девят|десят)(?:ь|и|ью)|"
                     r"\w+надцат[ьи]|(?:двадцат|тридцат)[ьи]|сорок|\w+десят|девяносто|сто|"
                     r"двести|триста|(?:пят|шест|сем|восем|девят)сот|тысяч\w*|миллион\w*|"
                     r"миллиард\w*|полтор[аы]|половин\w*)", re.IGNORECASE),
    "zh": re.compile(r"[零〇一二两三四五六七八九十百千万亿半第]+"),
}
_MODIFIER_SUFFIXES = {
    "en": ("ly", "al", "ous", "ive", "ful", "less", "ic", "ical", "able", "ible", "ish",
           "ary", "ent", "ant", "est", "ern", "locked"),
    "ru": ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему",
           "ым", "им", "ых", "их", "ую", "юю", "ыми", "ими", "ски", "но"),
}
_RU_ENDINGS = sorted([
    "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ая", "яя", "ое", "ее", "ые", "ие",
    "ый", "ий", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ую", "юю", "ью", "ия",
    "ие", "ию", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь",
], key=len, reverse=True)


def _lang(lang: str) -> str:
    return lang[:2].lower()


def is_function_word(norm: str, lang: str) -> bool:
    """Is the (normalised) word a function word of ``lang``? Unknown languages: English list.

    Chinese in Traditional characters (許多, 這個) is looked up in Simplified."""
    code = _lang(lang)
    words = FUNCTION_WORDS.get(code, FUNCTION_WORDS["en"])
    if norm in words:
        return True
    return code == "zh" and not norm.isascii() and _simplified(norm) in words


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=16384)
def _simplified(word: str) -> str:
    return str(_t2s().convert(word))


def is_number(word: str, lang: str) -> bool:
    """Digits or a number word ("seven", "семь", "七")."""
    if any(ch.isdigit() for ch in word):
        return True
    pattern = _NUMBER_WORDS.get(_lang(lang))
    return bool(pattern and pattern.fullmatch(word))


def is_modifier(word: str, lang: str) -> bool:
    """A likely adjective or adverb, by its ending (jieba's tags for Chinese)."""
    code = _lang(lang)
    if code == "zh":
        return _zh_tag(word)[:1] in ("a", "d", "b", "z")
    return len(word) > 4 and word.casefold().endswith(_MODIFIER_SUFFIXES.get(code, ()))


def is_name(word: str, lang: str, sentence_start: bool) -> bool:
    """A likely name: capitalised inside a sentence, an acronym, or a jieba name/place tag."""
    if _lang(lang) == "zh" and not word.isascii():
        return _zh_tag(word) in ("nr", "ns", "nt", "nz", "nrt", "nrfg")
    if len(word) > 1 and word.isupper():
        return True
    return word[:1].isupper() and not sentence_start


@lru_cache(maxsize=4096)
def _zh_tag(word: str) -> str:
    import jieba.posseg

    tags = [p.flag for p in jieba.posseg.lcut(word)]
    return tags[0] if len(tags) == 1 else "x"


@lru_cache(maxsize=16384)
def lemma(norm: str, lang: str) -> str:
    """A light stem so that word forms match ("alliances" ~ "alliance", "Москве" ~ "Москва")."""
    code = _lang(lang)
    if code == "ru":
        for ending in _RU_ENDINGS:
            if norm.endswith(ending) and len(norm) - len(ending) >= 3:
                return norm[: -len(ending)]
        return norm
    if code == "zh" or not norm.isascii():
        return norm
    word = norm[:-2] if norm.endswith("'s") else norm
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
