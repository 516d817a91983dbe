"""What each side of a pair says about time: the tenses it asserts and those it allows.

A side *asserts* a tense where its grammar marks one (an English “will go”, a
Russian past «сказал», a Chinese 将 or 了). It *allows* the tenses its wording
can be translated into: a Russian participle or gerund, a zero copula (“X — Y”)
or a modal leaves more than one reading open, and Chinese allows the present
everywhere (it has no present marker that a translation needs). A tense asserted
on one side that the other side does not allow, while that other side does mark
a tense of its own, is a changed tense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.nlp.drift.grammar import chinese, english, russian, wordset

TENSES = ("past", "pres", "fut")
_RU_PRESENT_CUES = re.compile(
    r"(?<!\w)(?:нет|есть|можно|нужно|надо|необходимо|нельзя|должн\w*|следует|возможно|"
    r"известно|видно|жаль|пора)(?!\w)|\s[—–]\s", re.IGNORECASE)
_RU_FUTURE_CUES = re.compile(
    r"(?<!\w)(?:завтра|послезавтра|в будущем|будущ\w+|следующ\w+|грядущ\w+|предстоящ\w+|"
    r"скоро|вскоре|ближайш\w+|планиру\w+|намерен\w*|собира\w+|готов\w*|ожида\w+|"
    r"прогноз\w*|до конца)(?!\w)", re.IGNORECASE)


_EN_INFINITIVE = re.compile(r"\bto\s+(?!the\b|a\b|an\b|\d)[a-z]+", re.IGNORECASE)
_REPORTING = wordset("say tell report announce state note add claim write explain stress "
                       "emphasize emphasise confirm inform declare")
_RU_REPORTING = re.compile(
    r"(?:сообщ|заяв|сказ|говор|отмет|подчеркн|подчерк|добав|рассказ|пиш|написа|информир|"
    r"уточн|объясн|констатир|передаёт|передает|передал)", re.IGNORECASE)


_ZH_FUTURE_CHARS = "会會要将將再想"
"""Characters that may carry a future inside a word jieba does not split (我会, 再来)."""
_RU_CLAUSE = wordset("что чтобы ли как где куда откуда когда кто почему зачем сколько "
                     "который которая которое которые которого которой которому которым "
                     "котором которую которых которыми")
"""Words that open a reported clause, whose present English puts into the past."""
_RU_WHEN = wordset("если когда пока прежде")
"""Words that open a clause whose perfective future English renders as a present."""


@dataclass
class TenseProfile:
    """Asserted tenses with their spans, the tenses allowed, and whether any tense is marked."""

    asserted: dict[str, list[list[int]]] = field(default_factory=dict)
    allowed: set[str] = field(default_factory=set)
    marked: bool = False

    @property
    def informative(self) -> bool:
        """Whether the side marks any tense, so that a tense it does not allow means something."""
        return self.marked or bool(self.asserted)

    def add(self, tense: str, span: list[int]) -> None:
        self.asserted.setdefault(tense, []).append(span)
        self.allowed.add(tense)


def _english(text: str) -> TenseProfile:
    profile = TenseProfile()
    if _EN_INFINITIVE.search(text):  # “is set to make”, “plans to run”: a future may hide here
        profile.allowed.add("fut")
    if english.has_participle(text):  # “the project, launched last year,”: a past event
        profile.allowed.add("past")
    for group in english.verb_groups(text):
        span = [group.start, group.end]
        if group.tense is None:  # a modal: may / could / would leave the time open
            profile.allowed.update(TENSES)
        elif group.lemma in _REPORTING or (group.tense == "pres" and group.perfect):
            # “X reports” is rendered “X said” and back; “has done” is a past seen from now
            profile.allowed.update({"past", "pres"})
        else:
            profile.add(group.tense, span)
            if group.tense == "fut" and text[group.start:group.end].lower().find("going") >= 0:
                profile.allowed.add("pres")  # “is going to”: a present intention
    return profile


def _russian(text: str) -> TenseProfile:
    profile = TenseProfile()
    ws = russian.words(text)
    seen_past = False
    for i, word in enumerate(ws):
        tense = word.tense
        before = [w.text.lower() for w in ws[max(0, i - 6):i]]
        if word.form == "short":  # «принято»: a state now, a past event, or «будет принято»
            profile.allowed.update({"past", "pres"})
            if set(before[-2:]) & {"будет", "будут", "будем", "буду"}:
                profile.allowed.add("fut")
        elif word.finite and tense == "past" and set(before) & {"чтобы", "бы", "б"}:
            profile.allowed.update(TENSES)  # «чтобы Том был»: a subjunctive, not a past
        elif word.finite and tense and tense != "fut" and _RU_REPORTING.match(word.text):
            profile.allowed.update({"past", "pres"})
            seen_past = seen_past or tense == "past"
        elif word.finite and tense == "pres" and seen_past and set(before) & _RU_CLAUSE:
            profile.allowed.update({"past", "pres"})  # «знал, что он ищет»: “was looking”
        elif word.finite and tense == "fut" and set(before) & _RU_WHEN:
            profile.allowed.update({"fut", "pres"})  # «когда он придёт»: “when he comes”
        elif word.finite and tense:
            profile.add(tense, [word.start, word.end])
            seen_past = seen_past or tense == "past"
        elif word.feats.get("Mood") == "Cnd" or word.text.lower() == "бы":
            profile.allowed.update(TENSES)
        elif word.form == "part" and tense:
            profile.allowed.add(tense)
        elif word.form == "conv":
            profile.allowed.add("past" if word.aspect == "perf" else "pres")
        elif word.pos == "ADJ" and word.feats.get("Variant") == "Short":
            profile.allowed.add("pres")
    if _RU_PRESENT_CUES.search(text):
        profile.allowed.add("pres")
    if _RU_FUTURE_CUES.search(text):
        profile.allowed.add("fut")
    return profile


def _chinese(text: str) -> TenseProfile:
    profile = TenseProfile(marked=True)  # a Chinese future nearly always has a word for it
    for span in chinese.markers(text, chinese.PAST, strict=True):
        profile.add("past", span)
    for tense, table in (("fut", chinese.FUTURE), ("pres", chinese.PRESENT)):
        for span in chinese.markers(text, table):
            profile.add(tense, span)
    if chinese.markers(text, chinese.MAYBE_FUTURE) or any(ch in text for ch in _ZH_FUTURE_CHARS):
        profile.allowed.add("fut")
    profile.allowed.add("pres")  # no marker is needed for a present
    if chinese.markers(text, chinese.MAYBE_PAST) or "fut" not in profile.asserted:
        profile.allowed.add("past")  # unmarked pasts are the rule in Chinese
    return profile


_PROFILES = {"en": _english, "ru": _russian, "zh": _chinese}


def tense_profile(text: str, lang: str) -> TenseProfile | None:
    """The tense profile of ``text``, or ``None`` for a language without rules here."""
    build = _PROFILES.get(lang[:2].lower())
    return build(text) if build else None
