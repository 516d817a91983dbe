"""Regressions of ``pipeline.check_rows`` / ``rescore``: what is scored is what is shown,
and a row rescored alone is judged against the whole comparison."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from tests.nlp.test_drift_moves import EN, RU  # the same moved-sentence text
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import Encoder, FloatArray, Row, Segment, Version
from workbench.pipeline import check_rows, rescore


def _version(label: str, lang: str, sentences: list[str]) -> Version:
    return Version(label, lang, "".join(sentences),
                   [Segment(i, s, 0, len(s)) for i, s in enumerate(sentences)])


class RecordingEncoder(FakeEncoder):
    """The fake encoder, remembering every text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def encode(self, texts: Sequence[str]) -> FloatArray:
        self.seen.update(texts)
        return super().encode(texts)


def test_similarity_is_computed_on_the_text_the_row_shows() -> None:
    # a Chinese cell of two segments whose junction is Latin: without the language the
    # segments would be joined with a space, with it (as the row shows them) without one
    zh = _version("zh", "zh", ["他买了一部iPhone", "价格很高。"])
    en = _version("en", "en", ["He bought an iPhone, and it was expensive."])
    encoder = RecordingEncoder()
    (record,) = check_rows([zh, en], [Row({"zh": (0, 1), "en": (0,)})], encoder)[0]
    assert record.text["zh"] == "他买了一部iPhone价格很高。"
    assert record.text["zh"] in encoder.seen
    vectors = FakeEncoder().encode([record.text["zh"], record.text["en"]])
    shown = float(np.clip(vectors[0] @ vectors[1], -1.0, 1.0))
    assert record.similarity["zh|en"] == pytest.approx(shown, abs=1e-6)


# the aligner keeps both texts in order, so the moved sentence leaves two lone rows (2 and 5)
MOVED_ROWS = [Row({"en": (0,), "ru": (0,)}), Row({"en": (1,), "ru": (1,)}),
              Row({"en": (2,), "ru": ()}), Row({"en": (3,), "ru": (2,)}),
              Row({"en": (4,), "ru": (3,)}), Row({"en": (), "ru": (4,)})]


@pytest.mark.model
def test_a_row_rescored_alone_keeps_its_move(encoder: Encoder) -> None:
    versions = [_version("en", "en", EN), _version("ru", "ru", RU)]
    full = check_rows(versions, MOVED_ROWS, encoder, chain=["en", "ru"])[0]
    assert "moved" in [f.type for f in full[2].flags]
    assert "moved" in [f.type for f in full[5].flags]
    for row in (2, 5):
        (again,) = rescore(versions, MOVED_ROWS, encoder, chain=["en", "ru"], row_indices=[row])
        assert [f.type for f in again.flags] == [f.type for f in full[row].flags]
        assert again.score == full[row].score


NEWS = (["莫斯科地区周日将有小雨和局部多云天气。", "市长呼吁居民保持冷静。",
         "警方在西雅图发射了震撼弹和催泪瓦斯。", "数千人在市中心举行了抗议活动。"],
        ["Light rain and partly cloudy weather are expected in the Moscow region on Sunday.",
         "The mayor called on residents to remain calm.",
         "Police in Seattle fired stun grenades and tear gas at sleeping children.",
         "Thousands of people held a protest in the city centre."])


@pytest.mark.model
def test_a_rescore_judges_words_by_the_register_it_is_given(encoder: Encoder) -> None:
    versions = [_version("zh", "zh", NEWS[0]), _version("en", "en", NEWS[1])]
    rows = [Row({"zh": (i,), "en": (i,)}) for i in range(4)]
    records, registers = check_rows(versions, rows, encoder)
    assert registers == {"zh|en": None}  # four rows: too few words for a register
    assert [f.type for f in records[2].flags] == ["addition"]  # "at sleeping children"
    # the register of a freely translated document, as the full analysis stored it
    free = rescore(versions, rows, encoder, row_indices=[2], registers={"zh|en": 0.6})
    assert "addition" not in [f.type for f in free[0].flags]
    fixed = rescore(versions, rows, encoder, row_indices=[2], registers={"zh|en": None})
    assert [f.type for f in fixed[0].flags] == ["addition"]
