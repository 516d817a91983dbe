"""A statement turned into a question, or a question into a statement.

A question mark keeps the cosine where it was (0.99 measured), so the marks
themselves are compared: ``?`` / ``？`` on one side and none on the other. Where
the side without a mark still asks (Chinese 吗 / 呢 / 没 at the end of a clause, a
question word 什么 / 怎么 / 谁 or a rhetorical 难道 / 岂 / 何必; Russian «ли» right
after the first word of a clause), it is not flagged; an indirect question
(«спросил, придёт ли он», “asked whether”) carries no mark on either side and is
never flagged, nor is a question that the English reports in its own words
(问：“是那位？” / "asked who it was": an English side with a verb of asking). A
source's rhetorical question rendered as a negated statement (谁叫你去打劫呢？
"No one's asking you to rob") is neither a question turned into a statement nor
a negation added: when the translation states it with more negation, neither
this detector nor the negation detector flags the pair.
"""

from __future__ import annotations

import re

from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.extract.negcues import find_cues
from workbench.nlp.drift.messages import N_, message
from workbench.nlp.drift.registry import register

_MARK = re.compile(r"[?？¿]")
_ASKS: dict[str, re.Pattern[str]] = {
    "zh": re.compile(r"(?:[吗嗎呢吧么麼嘛]|没有?|沒有?)[」”\"』）)]*\s*(?:[。！!，,；;…]|$)|"
                     r"什么|什麼|什麽|怎么|怎麼|为什么|為什麼|怎样|怎樣|多少|哪里|哪裡|哪儿|谁|誰|"
                     r"难道|難道|岂|豈|哪能|怎能|何必|何苦|何尝|何嘗"),
    "ru": re.compile(r"(?:^|[.!:;—«\"“(]\s*)[\w-]+\s+ли\b", re.IGNORECASE),
}

_EN_REPORTED = re.compile(r"\b(?:ask(?:s|ed|ing)?|inquir\w*|enquir\w*|wonder(?:s|ed|ing)?)\b",
                          re.IGNORECASE)
"""An English verb of asking: the side that has one reports a question in its own words."""


def question_spans(text: str, lang: str) -> list[list[int]]:
    """Spans of what makes ``text`` a direct question: question marks, else particles."""
    marks = [[m.start(), m.end()] for m in _MARK.finditer(text)]
    if marks:
        return marks
    pattern = _ASKS.get(lang[:2].lower())
    return [[m.start(), m.end()] for m in pattern.finditer(text)] if pattern else []


def asking_side(pair: PairView) -> tuple[str, str] | None:
    """``(asks, states)``: the labels of the side that asks and of the side that does not,
    when only one side is a direct question."""
    if not pair.text_a.strip() or not pair.text_b.strip():
        return None
    marks_a = bool(_MARK.search(pair.text_a))
    marks_b = bool(_MARK.search(pair.text_b))
    if marks_a == marks_b:
        return None
    asks, states = (pair.a, pair.b) if marks_a else (pair.b, pair.a)
    other_text, other_lang = pair.side(states)
    return None if question_spans(other_text, other_lang) else (asks, states)


def both_ask(pair: PairView) -> bool:
    """Are both sides direct questions (a question mark each)?"""
    return bool(_MARK.search(pair.text_a)) and bool(_MARK.search(pair.text_b))


_END = re.compile(r"[.!?。！？¿…]")


def in_question(text: str, at: int) -> bool:
    """Does the sentence holding ``text[at]`` end with a question mark?"""
    end = _END.search(text, at)
    return end is not None and end.group() in "?？"


def negates_more(pair: PairView, label: str) -> bool:
    """Does the side ``label`` have more negations than the other, explicit and in all?"""
    text, lang = pair.side(label)
    other_text, other_lang = pair.side(pair.b if label == pair.a else pair.a)
    more, fewer = find_cues(text, lang), find_cues(other_text, other_lang)
    return more.strength > fewer.strength and more.total > fewer.total


def is_rhetorical(pair: PairView) -> bool:
    """A source question rendered as a negated statement: 谁叫你去打劫呢？ "No one's asking
    you to rob", 怎么叫你空回去呢? "we can't let you go back". Only that way round: a
    negated statement turned into a question ("had not had" -> "did ... have?") is a
    change of meaning."""
    sides = asking_side(pair)
    return sides is not None and sides[0] == pair.a and negates_more(pair, pair.b)


@register("question", label=N_("Question"), messages=("question",))
def detect(pair: PairView) -> list[Finding]:
    sides = asking_side(pair)
    if sides is None or is_rhetorical(pair):
        return []
    asks, states = sides
    text, lang = pair.side(states)
    if lang[:2].lower() == "en" and _EN_REPORTED.search(text):
        return []  # 问：“是那位？” / "asked who it was": the question, reported
    text, lang = pair.side(asks)
    spans = question_spans(text, lang)
    return [Finding("question", message("question", side=asks, other=states), {asks: spans},
                    "major", {asks: frozenset({"question"}), states: frozenset({"statement"})})]
