"""Drift reasons carry their message key and arguments; a row's signals come most severe first."""

from __future__ import annotations

import json
import pickle

import pytest

from workbench.comparison import FlagRecord
from workbench.nlp.drift.base import Finding
from workbench.nlp.drift.chain import attribute, plan_pairs
from workbench.nlp.drift.messages import MESSAGES, Reason, message, reason_args, render
from workbench.nlp.drift.ranking import SEVERITY_ORDER, by_severity, most_severe, severity_rank
from workbench.nlp.drift.registry import declare, signal_types


def test_message_is_the_english_text_and_remembers_key_and_args() -> None:
    reason = message("number_alone", side="ru", found="“2000”", other="en")
    assert reason == "ru has “2000” with no matching number in en"
    assert isinstance(reason, str) and isinstance(reason, Reason)
    assert reason.to_json() == {"key": "number_alone",
                                "args": {"side": "ru", "found": "“2000”", "other": "en"}}
    assert render("number_alone", reason_args(reason)) == reason
    copy = pickle.loads(pickle.dumps(reason))
    assert copy == reason and copy.to_json() == reason.to_json()


def test_arguments_are_stored_as_strings() -> None:
    reason = message("moved", side="zh", text="“他来了。”", other="ru", match="“Он пришёл.”",
                     row=12, score="0.91")
    assert reason_args(reason)["row"] == "12"
    assert json.loads(json.dumps(reason.to_json())) == reason.to_json()


def test_plain_strings_have_no_key() -> None:
    edited = message("negation", side="zh", cue="不", other="ru") + " (edited)"
    assert not isinstance(edited, Reason) and reason_args(edited) == {}


def test_render_gives_none_for_what_it_cannot_rebuild() -> None:
    assert render("no_such_key", {}) is None
    assert render("negation", {"side": "zh"}) is None  # an argument missing
    assert render("relay", {"detail": {"key": "gone", "args": {}}}) is None


def _finding(kind: str, severity: str, label: str = "ru") -> Finding:
    reason = message("number_alone", side=label, found=f"“{kind}”", other="zh")
    return Finding(kind, reason, {label: [[0, 1]]}, severity)


def test_relay_keeps_the_inner_reason_as_structure() -> None:
    plan = plan_pairs(["zh", "ru", "en"], ["zh", "ru", "en"])
    inner = message("date_changed", a="zh", found_a="“4月”", b="en", found_b="“May”")
    flags = attribute(plan, {("zh", "en"): [Finding("date", inner, {}, "critical")]})
    assert [(f.type, f.hop, f.reason_key) for f in flags] == [("date", "zh|en", "relay")]
    assert flags[0].reason_args == {"detail": inner.to_json()}
    assert render(flags[0].reason_key, flags[0].reason_args) == flags[0].detail
    assert flags[0].detail == message("relay", detail=inner)


def test_each_row_lists_its_signals_most_severe_first() -> None:
    plan = plan_pairs(["zh", "ru", "en"], ["zh", "ru", "en"])
    findings = {("zh", "ru"): [_finding("length", "minor"), _finding("name", "major")],
                ("ru", "en"): [_finding("number", "critical", "en"),
                               _finding("moved", "minor", "en")]}
    flags = attribute(plan, findings)
    assert [f.severity for f in flags] == ["critical", "major", "minor", "minor"]
    # equal severities keep the order of the hops
    assert [(f.type, f.hop) for f in flags if f.severity == "minor"] == [
        ("length", "zh|ru"), ("moved", "ru|en")]


def test_severity_order() -> None:
    assert SEVERITY_ORDER == ("critical", "major", "minor")
    assert [severity_rank(s) for s in ("critical", "major", "minor", "bogus")] == [0, 1, 2, 3]
    flags = [FlagRecord("a", "", "", severity=s) for s in ("minor", "bogus", "critical", "major")]
    assert [f.severity for f in by_severity(flags)] == ["critical", "major", "minor", "bogus"]
    top = most_severe(flags)
    assert top is not None and top.severity == "critical"
    assert most_severe([]) is None


def test_every_detector_declares_its_signal_type_label_and_messages() -> None:
    signals = signal_types()
    for kind in ("omission", "addition", "moved", "number", "date", "name", "negation",
                 "length", "low_score"):
        assert kind in signals, kind
        assert signals[kind].label and signals[kind].messages, kind
        assert all(key in MESSAGES for key in signals[kind].messages), kind
    assert signals["number"].label == "Number"


def test_declaring_an_unknown_message_or_a_type_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown message"):
        declare("test_kind", "Test", ("no_such_message",))
    declare("test_kind_twice", "Test", ("negation",))
    with pytest.raises(ValueError, match="declared twice"):
        declare("test_kind_twice", "Other label", ("negation",))
