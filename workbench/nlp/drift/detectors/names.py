"""Names that differ: a person, place or organisation on one side with no counterpart on the other.

Names come from :mod:`workbench.nlp.drift.extract.names` (natasha / jieba /
capitalisation) and are looked for on the other side first by spelling
(transliteration skeleton, CLDR country and city names), then -- for those the
spelling misses, often names translated by meaning ("Osaka Prefecture",
«Дом народных собраний») -- by the model's contextual word vectors
(:mod:`workbench.nlp.drift.extract.name_meaning`). Names made of dictionary
words («Военно-морского флота», "Defense Ministry", "the Navy") are translated
by meaning and left out; two known places (CLDR countries and cities, ISO
3166-2 regions) are told apart by their ids, and a person named in full by
spelling only, never by position. A name missing on *both*
sides is one name replaced by another; a name of the source missing in the
translation is a name dropped (reported when it is clearly a name: not a
capitalised dictionary word, not a two-character Chinese "personal name" that
jieba guessed); a name only the translation has is not reported. Without a
token encoder only the spelling check runs, and then only replacements are
reported: spelling alone misses too many free renderings to report one-sided
names. A name in Latin letters inside a Chinese or Russian source (CBA, 约翰·尼克松
(John Nixon)) is the exception: a translation into a Latin-script language copies it, so
its absence is decided by spelling (:mod:`workbench.nlp.drift.extract.latin_names`).
"""

from __future__ import annotations

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.extract.latin_names import dropped_latin_names
from workbench.nlp.drift.extract.name_kinds import clearly_a_name, en_descriptive, ru_descriptive
from workbench.nlp.drift.extract.name_meaning import unmatched, word_vectors
from workbench.nlp.drift.extract.name_sound import drop_sound_pairs
from workbench.nlp.drift.extract.names import Name, extract_names, has_counterpart, simplified
from workbench.nlp.drift.grammar.english import is_dictionary_word
from workbench.nlp.drift.lexicon.zh_en import rendered_by_meaning
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register


def _abbreviation(text: str) -> bool:
    """ШОС, SCO, США: upper case, five letters at most."""
    return text.isupper() and len(text) <= 5


def _lost(text: str, lang: str, other: str, other_lang: str) -> tuple[list[Name], list[Name]]:
    """Names of ``text`` with no spelling match in ``other``: full names, and abbreviations.

    Abbreviations (ШОС, SCO) are rendered too freely to report, but one can stand
    in the place of a replaced name ("in Texas" -> "in US"). One of a known country
    (США, КНР, ОАЭ) is that country's name, its id compared like any other.
    """
    lost: list[Name] = []
    short: list[Name] = []
    for name in extract_names(text, lang):
        if not has_counterpart(name, other, other_lang):
            unknown = _abbreviation(name.text) and name.place is None
            (short if unknown else lost).append(name)
    return lost, short


def _descriptive(name: Name, lang: str) -> bool:
    """A name of dictionary words («Военно-морского флота», "Defense Ministry") is
    translated by meaning, so no spelling can match it and no one-word
    rendering ("Navy") can be called another name."""
    lang = lang[:2].lower()
    if name.place is not None:
        return False  # a country, city or region is a name however it is spelled
    if lang == "en":
        return en_descriptive(name.text)
    return lang == "ru" and ru_descriptive(name.text)


def _glossed(name: Name, lang: str, other: str, other_lang: str) -> bool:
    """A Chinese word taken for a name that the English renders by its dictionary sense
    (开麦拉 "camera", a loanword). People and known places are matched by name only."""
    if lang[:2].lower() != "zh" or other_lang[:2].lower() != "en":
        return False
    if name.kind == "PER" or name.place is not None:
        return False
    return rendered_by_meaning(simplified(name.text), other)


def _droppable(name: Name, lang: str) -> bool:
    """Is ``name`` clearly a name, so that its absence on the other side is a drop?"""
    text = name.text.strip()
    if _abbreviation(text):
        return False  # США left out of "госсекретаря США" / "Secretary of State": implied
    if lang[:2].lower() == "en":
        return " " in text or not is_dictionary_word(text)
    return clearly_a_name(text, name.kind, lang, name.place)


def _with_latin(names: list[Name], latin: list[Name]) -> list[Name]:
    """``names`` and the dropped Latin-letter names, a name inside one of them left out."""
    kept = [n for n in names if not any(m.start <= n.start and n.end <= m.end for m in latin)]
    return sorted([*kept, *latin], key=lambda n: n.start)


def _describe(names: list[Name]) -> str:
    return ", ".join(f"“{n.text}”" for n in names)


@register("name", label=N_("Name"), messages=("name_changed", "name_alone"))
def detect(pair: PairView) -> list[Finding]:
    if not pair.text_a.strip() or not pair.text_b.strip():
        return []
    lost_a, short_a = _lost(pair.text_a, pair.lang_a, pair.text_b, pair.lang_b)
    lost_b, short_b = _lost(pair.text_b, pair.lang_b, pair.text_a, pair.lang_a)
    lost_a, lost_b = drop_sound_pairs(lost_a, lost_b)
    lost_a = [n for n in lost_a if not _descriptive(n, pair.lang_a)
              and not _glossed(n, pair.lang_a, pair.text_b, pair.lang_b)]
    lost_b = [n for n in lost_b if not _descriptive(n, pair.lang_b)
              and not _glossed(n, pair.lang_b, pair.text_a, pair.lang_a)]
    # Latin-letter names of a zh / ru source are copied as they are: no spelling, no drop
    latin = dropped_latin_names(pair.text_a, pair.lang_a, pair.text_b, pair.lang_b)
    if not (lost_a or lost_b or latin):
        return []
    words = word_vectors(pair)
    if words is not None and (lost_a or lost_b):
        lost_a, lost_b = unmatched(pair, lost_a, lost_b, words, also_a=short_a, also_b=short_b,
                                   sure=_droppable)
    if lost_b and (lost_a or latin):
        lost_a = _with_latin(lost_a, latin)
        detail = message("name_changed", a=pair.a, found_a=_describe(lost_a), b=pair.b,
                         found_b=_describe(lost_b))
    elif (words is not None and lost_a) or latin:
        # One side only: a name of the source that the translation dropped. Names a
        # translation adds are mostly explicitation ("Wang ducked", "Old Hai"), and
        # a capitalised common word ("the Victory") or a two-character Chinese word
        # tagged as a person's name (安宁, 熊猫) is no name at all.
        lost_a = _with_latin([n for n in lost_a if _droppable(n, pair.lang_a)], latin)
        lost_b = []
        if not lost_a:
            return []
        detail = message("name_alone", side=pair.a, found=_describe(lost_a), other=pair.b)
    else:
        return []
    spans = {label: [[n.start, n.end] for n in names]
             for label, names in ((pair.a, lost_a), (pair.b, lost_b)) if names}
    keys = {label: frozenset(n.skeleton for n in names)
            for label, names in ((pair.a, lost_a), (pair.b, lost_b)) if names}
    return [Finding("name", detail, spans, "major", keys)]
