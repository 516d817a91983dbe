"""Drift reasons are shown in the UI language, with their labels, quotes and numbers intact.

Signals carry their reason as message key plus arguments and are translated by key;
rows stored before that (English text only) are matched against the templates.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import build_comparison, save, soup
from workbench.comparison import FlagRecord
from workbench.nlp.drift.messages import MESSAGES, message, reason_args
from workbench.web.drift_text import localise_detail, localise_reason

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
    english = message(key, **{n: ARGS.get(n, f"“{n}”") for n in names})
    assert _in(app, "en", english) == english
    for lang in ("ru", "zh"):
        shown = _in(app, lang, english)
        assert shown != english, (lang, key)
        # by key (as stored) and by the English text (older rows) the same translation
        assert _shown(app, lang, _flag(english, key, reason_args(english))) == shown, (lang, key)
        for name in names:
            if name != "detail":
                assert str(ARGS.get(name, f"“{name}”")) in shown, (lang, key, name)


def test_relay_reason_translates_the_inner_reason(app: Flask) -> None:
    english = message("relay", detail=message("date_changed", a="zh", found_a="“4月”",
                                                     b="en", found_b="“May”"))
    shown = _in(app, "ru", english)
    assert shown.startswith("потеряно при переводе через посредника: дата изменилась")
    assert "“4月”" in shown and "“May”" in shown


def test_unknown_text_is_shown_as_it_is(app: Flask) -> None:
    assert _in(app, "zh", "a reviewer's own words") == "a reviewer's own words"


def _flag(detail: str, key: str = "", args: dict[str, object] | None = None) -> FlagRecord:
    return FlagRecord(type="number", hop="zh|ru", detail=detail, reason_key=key,
                      reason_args=dict(args or {}))


def _shown(app: Flask, lang: str, flag: FlagRecord) -> str:
    with app.test_request_context(headers={"Accept-Language": lang}):
        return localise_reason(flag)


NUMBER = message("number_changed", a="zh", found_a="300 (“三百”)", b="ru",
                 found_b="500 (“пятьсот”)")
EXPECTED = {"ru": "число изменилось: zh 300 (“三百”), а ru 500 (“пятьсот”)",
            "zh": "数字改变：zh 为 300 (“三百”)，ru 为 500 (“пятьсот”)"}


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_reason_is_translated_by_its_key_not_parsed_from_its_text(app: Flask, lang: str) -> None:
    # the stored English is not a template's wording: only the key can translate it
    flag = _flag("(older wording of the reason)", NUMBER.key, reason_args(NUMBER))
    assert _shown(app, lang, flag) == EXPECTED[lang]
    assert _shown(app, "en", flag) == "(older wording of the reason)"


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_relay_reason_is_translated_by_key_with_its_inner_reason(app: Flask, lang: str) -> None:
    relay = message("relay", detail=NUMBER)
    shown = _shown(app, lang, _flag("lost", relay.key, reason_args(relay)))
    prefix = {"ru": "потеряно при переводе через посредника: ", "zh": "在转译中丢失："}[lang]
    assert shown == prefix + EXPECTED[lang]


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_rows_stored_without_a_key_fall_back_to_the_english_text(app: Flask, lang: str) -> None:
    assert _shown(app, lang, _flag(str(NUMBER))) == EXPECTED[lang]
    # a key this version no longer knows, or arguments that no longer fit: the text again
    assert _shown(app, lang, _flag(str(NUMBER), "gone_key", {})) == EXPECTED[lang]
    assert _shown(app, lang, _flag(str(NUMBER), "number_changed", {"a": "zh"})) == EXPECTED[lang]


def test_review_row_leads_with_its_most_severe_signal_in_the_ui_language(
        app: Flask, client: FlaskClient) -> None:
    comparison = build_comparison()
    row = comparison.record.rows[1]
    minor = message("length_longer", a="zh", b="ru", z="+3.1")
    row.flags = [FlagRecord(type="length", hop="zh|ru", detail=minor, severity="minor",
                            reason_key=minor.key, reason_args=reason_args(minor)),
                 FlagRecord(type="number", hop="zh|ru", detail=NUMBER, severity="critical",
                            reason_key=NUMBER.key, reason_args=reason_args(NUMBER))]
    comparison_id = save(app, comparison)
    page = soup(client.get(f"/comparisons/{comparison_id}?lang=ru",
                           headers={"Accept-Language": "ru"}))
    flags = page.select(f"#row-{_row_id(page, 1)} .flags li")
    assert flags[0]["class"] == ["flag", "sev-critical", "src-auto", "top"]
    assert "sev-minor" in flags[1]["class"] and "top" not in flags[1]["class"]
    assert flags[0].select_one(".detail").get_text() == EXPECTED["ru"]


def _row_id(page: Any, position: int) -> str:
    return str(page.select("article.row")[position]["data-row-id"])


@pytest.mark.parametrize(("lang", "names"), [("ru", ("Число", "Перемещено")),
                                             ("zh", ("数字", "位置移动"))])
def test_signal_names_come_from_the_detectors_declarations(app: Flask, lang: str,
                                                           names: tuple[str, str]) -> None:
    from workbench.nlp.drift.registry import signal_types
    from workbench.web.ui_labels import FLAG_TYPE_NAMES, flag_name

    assert "number" not in FLAG_TYPE_NAMES and "number" in signal_types()
    with app.test_request_context(headers={"Accept-Language": lang}):
        assert (str(flag_name("number")), str(flag_name("moved"))) == names
        assert str(flag_name("some_new_type")) == "Some new type"
