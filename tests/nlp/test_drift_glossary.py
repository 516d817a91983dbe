"""Glossary terms, term consistency and quoted / marked terms (zh, ru, en, en|en)."""

from __future__ import annotations

from typing import Any

import pytest

from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.consistency import candidate_terms, consistency_findings
from workbench.nlp.drift.detectors import terms as quoted_detector
from workbench.nlp.drift.glossary import Glossary, Term, find_form, term_findings
from workbench.nlp.drift.quoted import marked_terms

SCO = Term(renderings={"zh": ("上海合作组织",), "ru": ("Шанхайская организация сотрудничества",),
                       "en": ("Shanghai Cooperation Organisation", "SCO")},
           forbidden={"en": ("Shanghai Cooperation Organization",)})
WEB = Term(renderings={"ru": ("Паутина",), "en": ("Web",)}, forbidden={"en": ("Spider Web",)})
GLOSSARY = Glossary([SCO, WEB])


def view(lang_a: str, text_a: str, lang_b: str, text_b: str, encoder: Any = None) -> PairView:
    b = lang_b if lang_b != lang_a else lang_b + "2"
    return PairView(0, lang_a, b, lang_a, lang_b, text_a, text_b, encoder=encoder)


@pytest.mark.parametrize(("text", "form", "found"), [
    ("в рамках Шанхайской организации сотрудничества", "Шанхайская организация сотрудничества",
     "Шанхайской организации сотрудничества"),
    ("операции «Паутиной»", "Паутина", "Паутиной"),
    ("the SHANGHAI cooperation organisations", "Shanghai Cooperation Organisation",
     "SHANGHAI cooperation organisations"),
    ("上海合作组织成员国", "上海合作组织", "上海合作组织"),
])
def test_find_form_tolerates_case_and_inflection(text: str, form: str, found: str) -> None:
    spans = find_form(text, form)
    assert [text[s:e] for s, e in spans] == [found]


@pytest.mark.parametrize(("text", "form"), [
    ("Паутинообразный узор", "Паутина"),  # a longer word, not an inflection
    ("the Webster dictionary", "Web"),
    ("上海合作", "上海合作组织"),
])
def test_find_form_needs_the_whole_word(text: str, form: str) -> None:
    assert find_form(text, form) == []


def test_missing_rendering_zh_en_is_a_major_term_signal() -> None:
    pair = view("zh", "上海合作组织峰会在青岛举行。", "en",
                "The summit of the bloc was held in Qingdao.")
    [finding] = term_findings(pair, GLOSSARY)
    assert finding.type == "term" and finding.severity == "major"
    assert "“Shanghai Cooperation Organisation”" in finding.detail
    assert "“上海合作组织”" in finding.detail
    assert finding.spans["zh"] == [[0, 6]]


def test_forbidden_variant_ru_en_has_spans_on_both_sides() -> None:
    text_b = "The Shanghai Cooperation Organization met in Qingdao."
    pair = view("ru", "Шанхайская организация сотрудничества собралась в Циндао.", "en", text_b)
    [finding] = term_findings(pair, GLOSSARY)
    assert "forbidden" in finding.detail
    start, end = finding.spans["en"][0]
    assert text_b[start:end] == "Shanghai Cooperation Organization"
    assert finding.spans["ru"] == [[0, 37]]


@pytest.mark.parametrize(("lang_a", "text_a", "lang_b", "text_b"), [
    ("zh", "上海合作组织峰会在青岛举行。", "en", "The SCO summit was held in Qingdao."),
    ("ru", "Саммит Шанхайской организации сотрудничества прошёл в Циндао.", "en",
     "The summit of the Shanghai Cooperation Organisation took place in Qingdao."),
    ("zh", "上海合作组织峰会在青岛举行。", "ru",
     "Саммит Шанхайской организации сотрудничества прошёл в Циндао."),
    ("en", "Operation Web began.", "en", "Operation Web started."),
    ("en", "The weather was fine.", "en", "The weather was good."),
])
def test_required_rendering_present_gives_no_signal(lang_a: str, text_a: str, lang_b: str,
                                                   text_b: str) -> None:
    assert term_findings(view(lang_a, text_a, lang_b, text_b), GLOSSARY) == []


def test_forbidden_en_en_variant_is_flagged() -> None:
    pair = view("en", 'Operation "Web" began.', "en", 'Operation "Spider Web" began.')
    [finding] = term_findings(pair, GLOSSARY)
    assert "forbidden" in finding.detail and "“Spider Web”" in finding.detail


# --- quoted and marked terms -----------------------------------------------------------


def test_quotes_of_every_script_are_found_but_quotations_are_not() -> None:
    text = ('«Паутина», “Web”, 《人民日报》, 「天网」, 『雪』, "Spider Web", ‘amity’ and '
            '“We will never give up this fight, whatever it costs.”')
    found = [t.text for t in marked_terms(text)]
    assert found == ["Паутина", "Web", "人民日报", "天网", "雪", "Spider Web", "amity"]
    assert [t.text for t in marked_terms("Operation Spider Web began; it isn’t over.")] == [
        "Spider Web"]


@pytest.mark.model
@pytest.mark.parametrize(("lang_a", "text_a", "lang_b", "text_b", "expected"), [
    ("en", 'Operation "Web" began on June 1.', "en", 'Operation "Spider Web" began on June 1.',
     "quoted term changed"),
    ("en", 'The "amity" principle holds.', "en", "The goodwill principle holds.",
     "with no counterpart"),
    ("ru", "Операция «Паутина» началась 1 июня.", "en", "The operation began on June 1.",
     "with no counterpart"),
    ("zh", "“一带一路”倡议取得进展。", "en", "The initiative made progress.",
     "with no counterpart"),
    ("zh", "《人民日报》发表了评论。", "en", "The newspaper published a commentary.",
     "with no counterpart"),
])
def test_quoted_term_drift_is_flagged(encoder: Any, lang_a: str, text_a: str, lang_b: str,
                                      text_b: str, expected: str) -> None:
    findings = quoted_detector.detect(view(lang_a, text_a, lang_b, text_b, encoder))
    assert [f.type for f in findings] == ["quote"]
    assert expected in findings[0].detail
    assert all(spans for spans in findings[0].spans.values())


@pytest.mark.model
@pytest.mark.parametrize(("lang_a", "text_a", "lang_b", "text_b"), [
    ("en", 'Operation "Web" began on June 1.', "en", "Operation Web began on June 1."),
    ("en", 'The "Russian Knights" flew.', "en", 'The “russian knights” flew.'),
    ("ru", "Операция «Паутина» началась 1 июня.", "en", "Operation Spider Web began on June 1."),
    ("ru", 'Пилоты группы "Русские витязи" выступили.', "en",
     "Pilots of the Russian Knights performed."),
    ("zh", "“一带一路”倡议取得进展。", "en", "The Belt and Road Initiative made progress."),
    ("zh", "《人民日报》发表了评论。", "en", "The People's Daily published a commentary."),
    ("zh", "“天网”行动开始了。", "ru", "Началась операция «Небесная сеть»."),
    ("ru", 'Здесь нет особо "дождливых" и "сухих" сезонов.', "en",
     'There are no particularly "rainy" and "dry" seasons.'),
])
def test_faithful_quoted_terms_are_not_flagged(encoder: Any, lang_a: str, text_a: str,
                                               lang_b: str, text_b: str) -> None:
    assert quoted_detector.detect(view(lang_a, text_a, lang_b, text_b, encoder)) == []


# --- consistency ---------------------------------------------------------------------


def test_candidate_terms_are_quoted_or_capitalised_phrases() -> None:
    text = "The Shanghai Cooperation Organisation and the «Паутина» plan met in Beijing."
    assert [t.text for t in candidate_terms(text)] == ["Shanghai Cooperation Organisation",
                                                       "Паутина"]


def _document(rows: list[tuple[str, str]], a: str = "a", b: str = "b") -> list[dict[str, str]]:
    return [{a: x, b: y} for x, y in rows]


@pytest.mark.model
@pytest.mark.parametrize(("rows", "odd_one"), [
    ([("Операция «Паутина» началась в июне.", 'Operation "Web" began in June.'),
      ("Итоги операции «Паутина» подвели в июле.", 'The results of "Web" came in July.'),
      ("О «Паутине» писали все газеты.", 'Every paper wrote about "Spider Web".')], 2),
    ([("“天网”行动开始了。", 'Operation "Sky Net" began.'),
      ("“天网”行动取得成果。", 'The "Sky Net" operation succeeded.'),
      ("“天网”行动结束了。", 'The "Heavenly Web" operation ended.')], 2),
    ([("The Shanghai Cooperation Organisation met.", "Собралась Шанхайская организация."),
      ("The Shanghai Cooperation Organisation grew.", "«ШОС» расширилась."),
      ("The Shanghai Cooperation Organisation voted.", "«ШОС» проголосовала.")], 0),
])
def test_a_term_rendered_two_ways_gets_a_minor_consistency_signal(
        encoder: Any, rows: list[tuple[str, str]], odd_one: int) -> None:
    found = consistency_findings(_document(rows), [("a", "b")], encoder)
    flagged = [k for k, per_pair in enumerate(found) if per_pair.get(("a", "b"))]
    assert flagged == [odd_one]
    [finding] = found[odd_one][("a", "b")]
    assert finding.type == "consistency" and finding.severity == "minor"
    assert finding.spans["a"] and finding.spans["b"]


@pytest.mark.model
def test_consistent_renderings_and_glossary_terms_get_no_consistency_signal(
        encoder: Any) -> None:
    same = [("Операция «Паутина» началась.", 'Operation "Web" began.'),
            ("Итоги «Паутины» подвели.", 'The results of "Web" are in.')]
    assert not any(consistency_findings(_document(same), [("a", "b")], encoder)[k]
                   for k in range(2))
    mixed = [("Операция «Паутина» началась.", 'Operation "Web" began.'),
             ("Итоги «Паутины» подвели.", 'The results of "Spider Web" are in.')]
    assert any(consistency_findings(_document(mixed), [("a", "b")], encoder))
    # the glossary covers «Паутина»: its renderings are the term signal's business
    assert not any(consistency_findings(_document(mixed), [("a", "b")], encoder, GLOSSARY))


@pytest.mark.model
def test_pipeline_reports_glossary_terms_with_their_hop(encoder: Any) -> None:
    from workbench.pipeline import VersionInput, compare

    inputs = [VersionInput("zh", "上海合作组织峰会在青岛举行。\n今天天气很好。", "zh",
                           segmented=True),
              VersionInput("en", "The summit of the bloc was held in Qingdao.\n"
                           "The weather is nice today.", "en", segmented=True)]
    result = compare(inputs, encoder, glossary=GLOSSARY)
    flags = [(row.index, f.type, f.hop) for row in result.record.rows for f in row.flags
             if f.type == "term"]
    assert flags == [(0, "term", "zh|en")]
    plain = compare(inputs, encoder)
    assert not [f for row in plain.record.rows for f in row.flags if f.type == "term"]


@pytest.mark.model
def test_a_row_rescored_alone_is_still_checked_against_the_document(encoder: Any) -> None:
    from workbench.pipeline import VersionInput, compare, rescore

    ru = ["Операция «Паутина» началась в июне.", "Итоги операции «Паутина» подвели в июле.",
          "Погода была хорошей.", "О «Паутине» писали все газеты."]
    en = ['Operation "Web" began in June.', 'The results of "Web" came in July.',
          "The weather was good.", 'Every paper wrote about "Spider Web".']
    inputs = [VersionInput("ru", "\n".join(ru), "ru", segmented=True),
              VersionInput("en", "\n".join(en), "en", segmented=True)]
    whole = compare(inputs, encoder)
    flagged = [r.index for r in whole.record.rows if any(f.type == "consistency" for f in r.flags)]
    assert flagged == [3]
    (alone,) = rescore(whole.versions, whole.rows, encoder, row_indices=[3])
    assert [f.type for f in alone.flags if f.type == "consistency"] == ["consistency"]
