"""The aligner with the real default model on a small Chinese -> Russian -> English chain."""

from __future__ import annotations

import pytest

from workbench.nlp.align import align_pair, align_versions, row_similarities
from workbench.nlp.types import Bead, Encoder

ZH = [
    "那年冬天，港口很早就结冰了。",
    "渔民们把船拖上岸，孩子们在停泊的船只之间滑冰。",
    "市长下令在广场上点燃篝火。",
    "没有人记得如此寒冷的十二月。",
    "到了三月，冰终于裂开了。",
    "第一艘轮船在四月抵达。",
]
RU = [
    "В ту зиму гавань замёрзла рано.",
    "Рыбаки вытащили лодки на берег.",
    "Дети катались на коньках между стоявшими на якоре судами.",
    "Мэр приказал разжечь костёр на площади.",
    "Никто не помнил такого холодного декабря.",
    "К марту лёд наконец треснул.",
    "Первый пароход прибыл в апреле.",
]
EN = [
    "That winter the harbour froze early.",
    "The fishermen dragged their boats onto the shore.",
    "Children skated between the ships at anchor.",
    "The mayor ordered a bonfire to be lit in the square.",
    "By March the ice had finally cracked.",
    "The first steamer arrived in April.",
]


@pytest.mark.model
def test_zh_ru_en_merge_and_omission(encoder: Encoder) -> None:
    rows = align_versions({"zh": ZH, "ru": RU, "en": EN}, encoder)
    assert [r.cells for r in rows] == [
        {"zh": (0,), "ru": (0,), "en": (0,)},
        {"zh": (1,), "ru": (1, 2), "en": (1, 2)},  # one Chinese sentence, two Russian ones
        {"zh": (2,), "ru": (3,), "en": (3,)},
        {"zh": (3,), "ru": (4,), "en": ()},  # the English translator left this one out
        {"zh": (4,), "ru": (5,), "en": (4,)},
        {"zh": (5,), "ru": (6,), "en": (5,)},
    ]
    scores = row_similarities({"zh": ZH, "ru": RU, "en": EN}, rows, encoder)
    assert set(scores[3]) == {"zh|ru"}
    assert min(s for row in scores for s in row.values()) > 0.75


@pytest.mark.model
def test_pair_zh_en_one_to_two(encoder: Encoder) -> None:
    beads = align_pair(ZH, EN, encoder)
    assert Bead((1,), (1, 2)) in beads
    assert Bead((3,), ()) in beads
    assert [b for b in beads if b.kind == "1-1"] == [
        Bead((0,), (0,)), Bead((2,), (3,)), Bead((4,), (4,)), Bead((5,), (5,))
    ]


STORY_RU = [
    "Сегодня хорошая погода.",
    "Мы пошли гулять в парк.",
    "Мы увидели много цветов.",
    "В парке было триста посетителей.",
    "Вечером мы вернулись домой.",
]
STORY_ZH = [
    "今天天气很好。", "我们去公园散步，看到了很多花。", "公园里有三百名游客。", "晚上我们回家了。"
]
STORY_EN = [
    "The weather is nice today.",
    "We went for a walk in the park and saw many flowers.",
    "In the evening we went home.",
]


@pytest.mark.model
def test_pair_merge_then_omission_is_not_absorbed(encoder: Encoder) -> None:
    """A sentence the translation leaves out stays alone instead of joining its neighbour's bead."""
    assert align_pair(STORY_RU, STORY_EN, encoder) == [
        Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), ()), Bead((4,), (2,))
    ]
    assert align_pair(STORY_ZH, STORY_EN, encoder) == [
        Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((3,), (2,))
    ]
    # the same from the other side: the omission becomes an insertion
    assert align_pair(STORY_EN, STORY_RU, encoder) == [
        Bead((0,), (0,)), Bead((1,), (1, 2)), Bead((), (3,)), Bead((2,), (4,))
    ]
