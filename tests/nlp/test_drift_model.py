"""Drift analysis with the real default model: scores, chain hops, highlights, rescoring from
cached embeddings (counted encodes; the speed is bench.review_ops's to print)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from workbench.nlp.drift import analyse, analyse_rows, unaligned_spans
from workbench.nlp.embed.memo import MemoEncoder
from workbench.nlp.types import Encoder, FloatArray, Row, Segment, TokenEncoder, Version

pytestmark = pytest.mark.model

ZH = ["7月16日，国家主席习近平在北京会见了上合组织成员国外长。",
      "已有3000多名学员在示范基地接受培训。",
      "中国并不谋求在中亚的主导地位。",
      "中国陆地边界长2.2万多公里，与14个国家接壤。",
      "上合组织已发展成为世界上人口最多的综合性区域组织。",
      "今年是世界反法西斯战争胜利80周年。"]
RU = ["16 июля Председатель КНР Си Цзиньпин встретился в Пекине с министрами иностранных дел "
      "стран ШОС.",
      "Более 2000 слушателей прошли обучение на демонстрационной базе.",
      "Китай не претендует на главенствующее положение в Центральной Азии.",
      "ШОС стала крупнейшей в мире комплексной региональной организацией по численности "
      "населения.",
      "В этом году отмечается 80-летие Победы в мировой антифашистской войне."]
EN = ["On July 16, Chinese President Xi Jinping met the SCO foreign ministers in Beijing.",
      "More than 2,000 trainees have been trained at the demonstration base.",
      "China seeks a leading position in Central Asia.",
      "The SCO has become the world's largest comprehensive regional organization by population.",
      "This year marks the 80th anniversary of the Victory in the World Anti-Fascist War."]
CHAIN = ["zh", "ru", "en"]


def _version(label: str, sentences: list[str]) -> Version:
    return Version(label, label, " ".join(sentences),
                   [Segment(i, s, 0, len(s)) for i, s in enumerate(sentences)])


VERSIONS = [_version("zh", ZH), _version("ru", RU), _version("en", EN)]
ROWS = [Row({"zh": (i,), "ru": (i,), "en": (i,)}) for i in range(3)]
ROWS.append(Row({"zh": (3,), "ru": (), "en": ()}))
ROWS += [Row({"zh": (i + 1,), "ru": (i,), "en": (i,)}) for i in (3, 4)]


def _flags(result: object, row: int, kind: str) -> list[tuple[str, bool | None]]:
    flags = result.rows[row].flags  # type: ignore[attr-defined]
    return [(f.hop, f.carried) for f in flags if f.type == kind]


def test_chain_attribution_on_real_text(encoder: Encoder) -> None:
    result = analyse(VERSIONS, ROWS, encoder, chain=CHAIN)
    assert result.rows[0].flags == []
    assert _flags(result, 1, "number") == [("zh|ru", True)]
    assert _flags(result, 2, "negation") == [("ru|en", False)]
    assert _flags(result, 3, "omission") == [("zh|ru", True)]
    for row in (0, 4, 5):
        assert result.rows[row].flags == []
        assert all(score > 0.5 for score in result.rows[row].score.values())


def test_wrong_pairs_score_low_and_are_flagged(encoder: Encoder) -> None:
    shuffled = [Row({"zh": (0,), "ru": (3,), "en": (4,)}),
                Row({"zh": (4,), "ru": (0,), "en": (1,)})]
    result = analyse(VERSIONS, shuffled, encoder, chain=CHAIN)
    for row in result.rows:
        assert all(score < 0.3 for score in row.score.values())
        assert {f.type for f in row.flags} >= {"low_score"}


def test_six_hundred_vs_six_thousand_scores_high_but_is_flagged(encoder: Encoder) -> None:
    ru = _version("ru", ["Встречу посетили около шестисот читателей.", *RU[1:]])
    en = _version("en", ["The meeting was attended by about six thousand readers.", *EN[1:]])
    rows = [Row({"ru": (i,), "en": (i,)}) for i in range(5)]
    result = analyse([ru, en], rows, encoder)
    assert result.rows[0].score["ru|en"] > 0.5
    assert [f.type for f in result.rows[0].flags] == ["number"]


def test_a_corrected_row_is_rescored_from_cached_embeddings(encoder: Encoder) -> None:
    cached = MemoEncoder(encoder)
    full = analyse(VERSIONS, ROWS, cached, chain=CHAIN)
    assert analyse_rows(VERSIONS, ROWS, cached, chain=CHAIN, row_indices=[1]).rows[0].score \
        == full.rows[1].score
    # The reviewer merges the last two rows; the pipeline has embedded the new cell
    # texts (the embedding cache), so rescoring embeds no sentence again (its speed
    # is measured by bench.review_ops, not asserted here).
    corrected = [*ROWS[:4], Row({"zh": (4, 5), "ru": (3, 4), "en": (3, 4)})]
    cached.encode(["".join(ZH[4:6]), " ".join(RU[3:5]), " ".join(EN[3:5])])
    embedded: list[str] = []
    inner_encode = cached.inner.encode

    def counting(texts: Sequence[str]) -> FloatArray:
        embedded.extend(texts)
        return inner_encode(texts)

    cached.inner.encode = counting  # type: ignore[method-assign]
    try:
        one = analyse_rows(VERSIONS, corrected, cached, chain=CHAIN, row_indices=[4])
    finally:
        del cached.inner.encode
    assert set(one.rows[0].score) == {"zh|ru", "ru|en", "zh|en"}
    assert embedded == []


def test_highlights_point_at_the_added_clause(encoder: Encoder) -> None:
    assert isinstance(encoder, TokenEncoder)
    ru = "Си Цзиньпин встретился в Пекине с президентом Белоруссии Александром Лукашенко."
    en = ("Xi Jinping met Belarusian President Alexander Lukashenko in Beijing, "
          "and they signed a new trade agreement worth billions.")
    spans_ru, spans_en = unaligned_spans(ru, en, encoder)
    assert spans_ru == []
    highlighted = " ".join(en[s:e] for s, e in spans_en)
    assert "signed a new trade agreement" in highlighted
    assert "Lukashenko" not in highlighted
