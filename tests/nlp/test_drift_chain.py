"""Chain attribution and the analysis contract, on pure algorithms (FakeEncoder)."""

from __future__ import annotations

import pytest

from workbench.nlp.drift import DriftError, analyse, analyse_rows
from workbench.nlp.drift.base import Finding
from workbench.nlp.drift.chain import attribute, plan_pairs
from workbench.nlp.drift.messages import message
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import Row, Segment, Version


def test_plan_without_chain_compares_every_pair() -> None:
    plan = plan_pairs(["zh", "ru", "en"], None)
    assert plan.all_pairs == [("zh", "ru"), ("zh", "en"), ("ru", "en")] and plan.hops == []


def test_plan_with_chain_has_hops_direct_and_carry_checks() -> None:
    plan = plan_pairs(["en", "ru", "zh"], ["zh", "ru", "en"])
    assert plan.hops == [("zh", "ru"), ("ru", "en")]
    assert plan.direct == ("zh", "en") and plan.carry_checks == {("zh", "ru"): ("zh", "en")}


@pytest.mark.parametrize("chain", [["zh", "de"], ["zh"], ["zh", "zh"]])
def test_bad_chain_is_a_clear_error(chain: list[str]) -> None:
    with pytest.raises(DriftError):
        plan_pairs(["zh", "ru", "en"], chain)


def _number(keys: dict[str, str]) -> Finding:
    return Finding("number", "n", {}, "major", {k: frozenset({v}) for k, v in keys.items()})


def test_drift_at_first_hop_that_reaches_the_end_is_carried() -> None:
    plan = plan_pairs(["zh", "ru", "en"], ["zh", "ru", "en"])
    findings = {("zh", "ru"): [_number({"zh": "3000", "ru": "2000"})],
                ("zh", "en"): [_number({"zh": "3000", "en": "2000"})]}
    (flag,) = attribute(plan, findings)
    assert (flag.hop, flag.carried) == ("zh|ru", True)


def test_drift_repaired_at_the_next_hop_is_not_carried() -> None:
    plan = plan_pairs(["zh", "ru", "en"], ["zh", "ru", "en"])
    findings = {("zh", "ru"): [_number({"zh": "3000", "ru": "2000"})],
                ("ru", "en"): [_number({"ru": "2000", "en": "3000"})]}
    flags = attribute(plan, findings)
    assert [(f.hop, f.carried) for f in flags] == [("zh|ru", False), ("ru|en", False)]


def test_direct_only_drift_is_lost_in_relay_but_names_and_scores_are_not() -> None:
    plan = plan_pairs(["zh", "ru", "en"], ["zh", "ru", "en"])
    findings = {("zh", "en"): [Finding("date", "d"), Finding("name", "n"),
                               Finding("low_score", "s")]}
    (flag,) = attribute(plan, findings)
    assert flag.hop == "zh|en" and flag.type == "date" and flag.detail.startswith("lost in relay")


def _versions() -> list[Version]:
    texts = {
        "zh": ["已有3000多名学员接受培训。", "中国并不谋求主导地位。", "这将是第五次峰会。"],
        "ru": ["Более 2000 слушателей прошли обучение.", "Китай не претендует на главенство."],
        "en": ["More than 2,000 trainees were trained.", "China seeks a leading position."],
    }
    return [Version(label, label, " ".join(t),
                    [Segment(i, s, 0, len(s)) for i, s in enumerate(t)])
            for label, t in texts.items()]


ROWS = [Row({"zh": (0,), "ru": (0,), "en": (0,)}), Row({"zh": (1,), "ru": (1,), "en": (1,)}),
        Row({"zh": (2,), "ru": (), "en": ()})]


def test_analyse_on_a_three_version_chain(fake_encoder: FakeEncoder) -> None:
    result = analyse(_versions(), ROWS, fake_encoder, chain=["zh", "ru", "en"])
    assert result.hops == ["zh|ru", "ru|en"] and result.pairs == ["zh|ru", "ru|en", "zh|en"]
    number = [f for f in result.rows[0].flags if f.type == "number"]
    assert [(f.hop, f.carried) for f in number] == [("zh|ru", True)]
    negation = [f for f in result.rows[1].flags if f.type == "negation"]
    assert [(f.hop, f.carried) for f in negation] == [("ru|en", False)]
    omission = [f for f in result.rows[2].flags if f.type == "omission"]
    assert [(f.hop, f.carried) for f in omission] == [("zh|ru", True)]
    assert result.rows[2].score == {}
    assert all(0.0 <= s <= 1.0 for r in result.rows for s in r.score.values())


def test_one_row_rescored_alone_matches_the_full_run(fake_encoder: FakeEncoder) -> None:
    full = analyse(_versions(), ROWS, fake_encoder, chain=["zh", "ru", "en"])
    one = analyse_rows(_versions(), ROWS, fake_encoder, chain=["zh", "ru", "en"],
                       row_indices=[1])
    assert one.rows[0].score == full.rows[1].score
    assert [f.to_json() for f in one.rows[0].flags] == [f.to_json() for f in full.rows[1].flags]


@pytest.mark.parametrize(
    ("rows", "kwargs", "message"),
    [
        ([Row({"zh": (7,)})], {}, "segment 7"),
        ([Row({"de": (0,)})], {}, "unknown version"),
        (ROWS, {"row_indices": [5]}, "row 5"),
        (ROWS, {"similarity": [{}]}, "similarity"),
    ],
)
def test_bad_input_is_a_clear_error(fake_encoder: FakeEncoder, rows: list[Row],
                                    kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(DriftError, match=message):
        analyse_rows(_versions(), rows, fake_encoder, **kwargs)  # type: ignore[arg-type]


def test_word_level_differences_end_to_end_are_not_lost_in_relay() -> None:
    plan = plan_pairs(["zh", "ru", "en"], ["zh", "ru", "en"])
    words = Finding("addition", message("words_added", a="zh", b="en", words="“severe”"),
                    {"en": [[0, 6]]}, "major")
    whole = Finding("omission", message("no_counterpart", side="zh", text="“…”", other="en"),
                    {"zh": [[0, 3]]}, "major")
    flags = attribute(plan, {("zh", "en"): [words, whole]})
    assert [(f.type, f.hop) for f in flags] == [("omission", "zh|en")]
    assert flags[0].detail.startswith("lost in relay")
