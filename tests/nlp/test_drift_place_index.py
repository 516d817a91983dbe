"""``place_of`` reads an index of the CLDR place names: it must answer as a scan of the whole
table in its order would (longest names first; exact, stem or prefix; then inflected forms)."""

from __future__ import annotations

import re

import pytest

from workbench.nlp.drift.extract import places


def _scan(text: str, lang: str) -> str | None:
    """The rule of :func:`places.place_of`, read straight off the ordered table."""
    word, low = places.stem(text, lang), text.lower()
    compact = re.sub(r"[.\s]", "", text)
    if lang == "en" and compact.isupper() and compact in places._initials():
        return places._initials()[compact]
    entries = places._places()[lang]
    for name, code in entries:
        if lang == "zh":
            if low == name or (low[:-1] == name and low[-1:] in set("市省县区州")):
                return code
        elif word == name or low == name or (len(name) >= 4 and low.startswith(name)):
            return code
    if lang != "zh":
        for name, code in entries:
            if len(name) >= 4 and not code.isdigit() and places._same_word(word, name):
                return code
    return None


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_the_index_answers_as_the_ordered_table_does(lang: str) -> None:
    names = [name for name, _ in places._places()[lang]][::7]
    texts = {"Chinese", "Kazakh", "American", "Американский", "Китая", "Екатеринбурге",
             "上海市", "北京", "UK", "U.S.", "Texas", "Mariehamn", "Parisian", "Москве"}
    for name in names:
        texts |= {name, name.title(), name + "s", name[:-1], name + "ского", name + "市"}
    for text in sorted(texts):
        assert places.place_of.__wrapped__(text, lang) == _scan(text, lang), text


def test_common_forms() -> None:
    assert places.place_of("China's", "en") == "CN"
    assert places.place_of("Китая", "ru") == "CN"
    assert places.place_of("中国", "zh") == "CN"
    assert places.place_of("Chinese", "en") == "CN"
    assert places.place_of("tomorrow", "en") is None
