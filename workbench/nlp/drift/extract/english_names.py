"""English names found by capitals: runs of capitalised words, without openers and offices.

English has no name tagger here (natasha is Russian, jieba Chinese), so a name is
a run of capitalised words, less a capitalised sentence opener, the leading
function words and titles ("According to", "President"), and the office words
before a person ("Russian President Vladimir Putin" -> "Vladimir Putin").
"""

from __future__ import annotations

import re

from workbench.nlp.drift.extract.name_kinds import INSTITUTIONS, TITLE_WORDS, is_title_run

_EN_SKIP_WORDS = (
    "the a an in on at this that these those it he she they we i but and as for with by from "
    "after before during when while since if although however meanwhile according over under "
    "today yesterday last next both all many some such its his her their our there here what "
    "which who how why not no more most one two speaking asked said despite among president then "
    "so now yet still thus "
    "chairman minister prime general secretary mr mrs ms dr premier foreign vice state deputy "
    "ambassador leader head chief monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
EN_SKIP = frozenset(_EN_SKIP_WORDS.split())
_EN_OFFICES_WORDS = (
    "president minister secretary chairman chairwoman premier chancellor ambassador spokesman "
    "spokeswoman spokesperson governor mayor director general commander chief envoy leader head "
    "senator representative judge justice")
_EN_OFFICES = frozenset(_EN_OFFICES_WORDS.split())


def _is_office(word: str) -> bool:
    """Is ``word`` an office or title ("President", "Commander-in-Chief", "Navy")?"""
    low = re.sub(r"['’]s$", "", word.lower().strip(",.;:"))
    parts = low.split("-")
    return any(p in _EN_OFFICES or p in TITLE_WORDS or p in INSTITUTIONS for p in parts)


_EN_RUN = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:(?:of|the|de|al|bin)\s+)*[A-Z][\w'’\-]*)*")


def english_runs(text: str) -> list[tuple[int, int, str]]:
    """Spans of the capitalised runs of ``text`` that can be names (kind "")."""
    spans: list[tuple[int, int, str]] = []
    for m in _EN_RUN.finditer(text):
        words = list(re.finditer(r"\S+", m.group(0)))
        opening = re.search(r"(?:^|[.!?:;]\s*|[“\"‘(«—–-]\s*)$", text[: m.start()])
        if opening and len(words) == 1:
            continue  # a capitalised sentence opener, not evidence of a name
        while words and words[0].group(0).lower().strip("'’") in EN_SKIP:
            words.pop(0)
        # "Russian President Vladimir Putin", "Commander-in-Chief of the Navy Nikolai
        # Evmenov": the person is what follows the last office word (two words at
        # least: "General Motors" and "State Department" stay whole).
        offices = [k for k, w in enumerate(words[:-2]) if _is_office(w.group(0))]
        if offices:
            words = words[offices[-1] + 1 :]
        while words and words[0].group(0).lower() in ("of", "the"):
            words.pop(0)
        if words and not is_title_run([w.group(0) for w in words]):
            spans.append((m.start() + words[0].start(), m.start() + words[-1].end(), ""))
    return spans
