"""Drift reasons are shown in the UI language, with their labels, quotes and numbers intact."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from workbench.nlp.drift.messages import MESSAGES, message
from workbench.web.drift_text import localise_detail

ARGS = {"side": "zh", "other": "ru", "a": "zh", "b": "ru", "text": "“他来了。”",
        "texts": "“第二句。”", "z": "+3.1", "score": "0.21", "limit": "0.3", "cue": "не",
        "found": "“3000”", "match": "“Он пришёл.”", "row": 12,
        "found_a": "“7月16日”", "found_b": "“15 июля”",
        "detail": message("number_alone", side="ru", found="“2000”", other="en")}


def _in(app: Flask, lang: str, text: str) -> str:
    with app.test_request_context(headers={"Accept-Language": lang}):
        return localise_detail(text)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_reason_is_translated_with_its_arguments(app: Flask, key: str) -> None:
    names = re.findall(r"%\((\w+)\)s", MESSAGES[key])
    english = message(key, **{n: ARGS[n] for n in names})
    assert _in(app, "en", english) == english
    for lang in ("ru", "zh"):
        shown = _in(app, lang, english)
        assert shown != english, (lang, key)
        for name in names:
            if name != "detail":
                assert str(ARGS[name]) in shown, (lang, key, name)


def test_relay_reason_translates_the_inner_reason(app: Flask) -> None:
    english = message("relay", detail=message("date_changed", a="zh", found_a="“4月”",
                                                     b="en", found_b="“May”"))
    shown = _in(app, "ru", english)
    assert shown.startswith("потеряно при переводе через посредника: дата изменилась")
    assert "“4月”" in shown and "“May”" in shown


def test_unknown_text_is_shown_as_it_is(app: Flask) -> None:
    assert _in(app, "zh", "a reviewer's own words") == "a reviewer's own words"
