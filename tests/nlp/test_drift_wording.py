"""The ``wording`` detector: content words added, dropped or replaced between same-language
versions, and the same-language length expectation."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.analyse import SAME_LANGUAGE_STD, analyse, expected_length
from workbench.nlp.drift.base import Finding, PairView
from workbench.nlp.drift.detectors.wording import detect, is_rewording
from workbench.nlp.drift.registry import get_detectors, signal_types


def _pair(a: str, b: str, lang: str = "en", lang_b: str | None = None) -> PairView:
    return PairView(0, "v1", "v2", lang, lang_b or lang, a, b)


def _one(a: str, b: str, lang: str = "en") -> Finding:
    found = detect(_pair(a, b, lang))
    assert len(found) == 1, found
    return found[0]


def _marked(f: Finding, label: str, text: str) -> list[str]:
    return [text[s:e] for s, e in f.spans.get(label, [])]


# The six drifts read by hand between two published English versions of one feature.
def test_dropped_adjective_is_a_minor_omission() -> None:
    a = "Kazakhstan keeps close ties with its landlocked neighbours in Central Asia."
    b = "Kazakhstan keeps close ties with its neighbours in Central Asia."
    f = _one(a, b)
    assert (f.type, f.severity) == ("omission", "minor")
    assert _marked(f, "v1", a) == ["landlocked"] and "landlocked" in f.detail


def test_changed_codename_is_a_major_addition() -> None:
    a = "Operation Web destroyed dozens of aircraft on the ground."
    b = "Operation Spider Web destroyed dozens of aircraft on the ground."
    f = _one(a, b)
    assert (f.type, f.severity) == ("addition", "major")
    assert _marked(f, "v2", b) == ["Spider"]


@pytest.mark.parametrize(("old", "new"), [("amity", "goodwill"), ("meeting", "summit")])
def test_replaced_term_is_a_substitution_marked_on_both_sides(old: str, new: str) -> None:
    a = f"The {old} of the member states was praised in the declaration."
    b = f"The {new} of the member states was praised in the declaration."
    f = _one(a, b)
    assert f.type == "substitution" and f.severity == "major"
    assert _marked(f, "v1", a) == [old] and _marked(f, "v2", b) == [new]
    assert old in f.detail and new in f.detail


def test_added_clause_is_an_addition() -> None:
    a = "The leaders met in Astana on Monday."
    b = "The leaders met in Astana on Monday, where they also signed an energy agreement."
    f = _one(a, b)
    assert f.type == "addition"
    assert _marked(f, "v2", b) == ["signed an energy agreement"]


def test_narrowed_claim_drops_its_verbs() -> None:
    a = "The organisation does not engage in alliances or target others."
    b = "The organisation is not an alliance against others."
    f = _one(a, b)
    assert f.type == "omission" and f.severity == "major"
    assert _marked(f, "v1", a) == ["engage in alliances or target"]


# Paraphrases and cosmetic edits: not a drift.
@pytest.mark.parametrize(("a", "b", "lang"), [
    ("On Monday the leaders met in Astana.", "The leaders met in Astana on Monday.", "en"),
    ("The leaders met in Astana on Monday.", "the leaders met in astana on monday", "en"),
    ("The alliance was praised by the ministers.", "The ministers praised the alliances.", "en"),
    ("It was a meeting of the two presidents.", "This is the meeting of two presidents.", "en"),
    ("Он приехал в Москву в марте.", "В марте он приехал в Москву.", "ru"),
    ("Министры обсудили вопросы торговли.", "Вопросы торговли обсудили министры", "ru"),
    ("Это была встреча двух президентов.", "Встреча двух президентов была.", "ru"),
    ("两国元首在北京举行了会谈。", "两国元首在北京举行会谈", "zh"),
    ("中方和俄方签署了协议。", "俄方与中方签署了协议", "zh"),
])
def test_paraphrase_with_the_same_content_words_is_not_flagged(a: str, b: str, lang: str) -> None:
    assert detect(_pair(a, b, lang)) == []


# Russian and Chinese drifts.
def test_russian_dropped_adjective_and_replaced_noun() -> None:
    a = "Казахстан поддерживает тесные связи с соседними странами."
    b = "Казахстан поддерживает связи с соседними странами."
    f = _one(a, b, "ru")
    assert (f.type, f.severity) == ("omission", "minor") and _marked(f, "v1", a) == ["тесные"]
    a, b = "Встреча прошла в Астане.", "Саммит прошёл в Астане."
    f = _one(a, b, "ru")
    assert f.type == "substitution" and _marked(f, "v2", b) == ["Саммит прошёл"]


def test_russian_case_forms_of_the_same_words_are_not_a_change() -> None:
    assert detect(_pair("Делегация прибыла в Москву.", "Делегация прибыла в Москве.", "ru")) == []


def test_chinese_replaced_and_dropped_words() -> None:
    a, b = "会议在北京举行。", "峰会在北京举行。"
    f = _one(a, b, "zh")
    assert f.type == "substitution"
    assert _marked(f, "v1", a) == ["会议"] and _marked(f, "v2", b) == ["峰会"]
    a, b = "哈萨克斯坦与内陆邻国关系密切。", "哈萨克斯坦与邻国关系密切。"
    f = _one(a, b, "zh")
    assert f.type == "omission" and _marked(f, "v1", a) == ["内陆"]


def test_chinese_name_change_is_major() -> None:
    f = _one("普京出席了会议。", "拜登出席了会议。", "zh")
    assert f.type == "substitution" and f.severity == "major"


# Severity and interplay with the other detectors.
def test_number_word_change_is_critical() -> None:
    f = _one("Five ministers attended the talks.", "Seven ministers attended the talks.")
    assert f.severity == "critical"


def test_changed_pronoun_gender_is_major() -> None:
    f = _one("He said the plan would work.", "She said the plan would work.")
    assert f.type == "substitution" and f.severity == "major"


def test_negation_and_digit_changes_are_left_to_their_own_detectors() -> None:
    everything = get_detectors()
    for a, b in [("They will not sign the treaty.", "They will sign the treaty."),
                 ("It cost 350 million dollars.", "It cost 360 million dollars.")]:
        view = _pair(a, b)
        assert detect(view) == []
        assert any(d(view) for name, d in everything.items() if name != "wording")


def test_a_negation_swapped_for_another_is_critical() -> None:
    # both sides negate, so the negation detector is silent: the word diff tells
    f = _one("The army never left the city.", "The army nowhere left the city.")
    assert f.type == "substitution" and f.severity == "critical"


def test_runs_only_on_same_language_pairs() -> None:
    assert detect(_pair("The meeting opened.", "Саммит открылся.", "en", "ru")) == []
    assert detect(_pair("", "The summit opened.")) == []


def test_independent_rewording_gives_no_signal() -> None:
    a = "The Moscow region can expect light rain and partly cloudy weather on Sunday."
    b = "In the Moscow region on Sunday, light showers and variable clouds are forecast."
    assert is_rewording(a, b, "en")
    assert detect(_pair(a, b)) == []
    # ...but one replaced phrase, even of two words, is an edit
    assert not is_rewording("Vladimir Putin met the delegation.", "Joe Biden met the delegation.",
                            "en")


def test_substitution_type_is_declared() -> None:
    assert signal_types()["substitution"].messages == ("words_replaced",)


def test_same_language_length_expectation() -> None:
    assert expected_length("en", "en") == (0.0, SAME_LANGUAGE_STD)
    assert expected_length("ru-RU", "ru") == (0.0, SAME_LANGUAGE_STD)
    assert 0.05 < SAME_LANGUAGE_STD < 0.3


@pytest.mark.model
def test_pipeline_flags_same_language_drift_with_the_real_model(encoder: object) -> None:
    from workbench.nlp.segment import segment_lines
    from workbench.nlp.types import Encoder, Row, Version

    v1 = ["Kazakhstan keeps close ties with its landlocked neighbours.",
          "The meeting will open in Astana on Monday.",
          "On Monday the ministers met in Astana."]
    v2 = ["Kazakhstan keeps close ties with its neighbours.",
          "The summit will open in Astana on Monday.",
          "The ministers met in Astana on Monday."]
    versions = [Version(label=label, lang="en", text="\n".join(lines),
                        segments=segment_lines("\n".join(lines)))
                for label, lines in (("agency", v1), ("relay", v2))]
    rows = [Row(cells={"agency": (i,), "relay": (i,)}) for i in range(3)]
    assert isinstance(encoder, Encoder)
    result = analyse(versions, rows, encoder)
    types = [{(f.type, f.severity) for f in r.flags} for r in result.rows]
    assert ("omission", "minor") in types[0]
    assert ("substitution", "major") in types[1]
    assert not any(t in ("omission", "addition", "substitution") for t, _ in types[2])
    # the calibrated score does not tell the drifted rows from the clean paraphrase
    assert all(r.score["agency|relay"] > 0.8 for r in result.rows)
