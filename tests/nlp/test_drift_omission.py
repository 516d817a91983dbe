"""``omission`` / ``addition``, ``length`` and ``low_score`` detectors, and the registry."""

from __future__ import annotations

import pytest

from workbench.nlp.drift import get_detectors, register
from workbench.nlp.drift.analyse import expected_length
from workbench.nlp.drift.base import PairView
from workbench.nlp.drift.detectors import length, low_score, omission
from workbench.nlp.drift.segments import segment_offsets

ZH = "中国陆地边界长2.2万多公里，与14个国家接壤。"
RU = "Сухопутная граница Китая протяжённостью более 22 тысяч км проходит с 14 странами."


def _pair(text_a: str, text_b: str, score: float | None = None,
          lone_a: tuple[tuple[int, int], ...] = ()) -> PairView:
    return PairView(3, "zh", "ru", "zh", "ru", text_a, text_b, None, score,
                    expected_length("zh", "ru"), lone_a)


def test_missing_translation_is_an_omission_spanning_the_source() -> None:
    (finding,) = omission.detect(_pair(ZH, ""))
    assert finding.type == "omission" and finding.severity == "critical"
    assert finding.spans == {"zh": [[0, len(ZH)]]}


def test_text_only_in_translation_is_an_addition() -> None:
    (finding,) = omission.detect(_pair("", RU))
    assert finding.type == "addition" and finding.spans == {"ru": [[0, len(RU)]]}


def test_full_pair_is_neither() -> None:
    assert omission.detect(_pair(ZH, RU, score=0.9)) == []
    assert length.detect(_pair(ZH, RU, score=0.9)) == []


def test_lone_segment_of_a_merged_cell_is_an_omission_with_its_span() -> None:
    second = "这将是中国第五次主办上合组织峰会。"
    text = ZH + second
    (finding,) = omission.detect(_pair(text, RU, 0.9, ((len(ZH), len(text)),)))
    assert finding.type == "omission"
    assert text[slice(*finding.spans["zh"][0])] == second


def test_much_shorter_translation_is_flagged_by_length() -> None:
    long_zh = ZH * 4
    assert [f.type for f in length.detect(_pair(long_zh, "Граница Китая.", 0.95))] == ["length"]
    assert [f.type for f in omission.detect(_pair(long_zh, "Граница Китая.", 0.5))] == ["omission"]


def test_low_score_threshold() -> None:
    assert low_score.detect(_pair(ZH, RU, 0.1))[0].type == "low_score"
    assert low_score.detect(_pair(ZH, RU, 0.8)) == []


def test_expected_length_is_symmetric() -> None:
    zh_en, en_zh = expected_length("zh", "en"), expected_length("en", "zh")
    assert zh_en is not None and en_zh is not None
    assert zh_en[0] == pytest.approx(-en_zh[0]) and zh_en[0] > 0.5
    assert expected_length("ru", "ru") == (0.0, pytest.approx(0.115, abs=0.05))


def test_segment_offsets_follow_the_join() -> None:
    assert segment_offsets(["Раз. ", " Два."], "Раз. Два.") == [(0, 4), (5, 9)]


def test_registry_has_every_builtin_and_refuses_duplicates() -> None:
    assert set(get_detectors()) >= {"omission", "length", "number", "date", "name", "negation",
                                "low_score"}
    with pytest.raises(ValueError, match="registered twice"):
        register("number")(omission.detect)
    with pytest.raises(KeyError, match="unknown drift detector"):
        get_detectors(["nope"])
