"""Moved sentences: one lone row on each side that translate each other are one move."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.nlp.drift import analyse
from workbench.nlp.drift.moves import MOVE_WINDOW, find_moves
from workbench.nlp.types import Encoder, Row, Segment, Version

EN = ["The committee met in Geneva on Monday.",
      "It approved the budget for next year.",
      "The chairman thanked the interpreters.",
      "Two members voted against the plan.",
      "The next session will open in March."]
RU = ["Комитет собрался в Женеве в понедельник.",
      "Он утвердил бюджет на следующий год.",
      "Два члена проголосовали против плана.",
      "Следующая сессия откроется в марте.",
      "Председатель поблагодарил переводчиков."]


def _version(label: str, sentences: list[str]) -> Version:
    return Version(label, label, " ".join(sentences),
                   [Segment(i, s, 0, len(s)) for i, s in enumerate(sentences)])


# The aligner keeps both texts in order, so the moved sentence leaves two lone rows.
ROWS = [Row({"en": (0,), "ru": (0,)}), Row({"en": (1,), "ru": (1,)}),
        Row({"en": (2,), "ru": ()}), Row({"en": (3,), "ru": (2,)}),
        Row({"en": (4,), "ru": (3,)}), Row({"en": (), "ru": (4,)})]


def _types(result: object, row: int) -> list[str]:
    return [f.type for f in result.rows[row].flags]  # type: ignore[attr-defined]


@pytest.mark.model
def test_a_moved_sentence_is_one_move_not_an_omission_and_an_addition(encoder: Encoder) -> None:
    versions = [_version("en", EN), _version("ru", RU)]
    result = analyse(versions, ROWS, encoder, chain=["en", "ru"])
    assert "moved" in _types(result, 2) and "moved" in _types(result, 5)
    for row in (2, 5):
        assert not {"omission", "addition"} & set(_types(result, row))
    assert "date" not in _types(result, 4)  # «в марте» is March, as "in March" says
    (flag,) = [f for f in result.rows[2].flags if f.type == "moved"]
    assert flag.severity == "minor" and "row 6" in flag.detail
    assert flag.spans == {"en": [[0, len(EN[2])]]}


@pytest.mark.model
def test_a_real_omission_stays_an_omission(encoder: Encoder) -> None:
    unrelated = [*RU[:4], "Погода в горах была хорошей."]
    versions = [_version("en", EN), _version("ru", unrelated)]
    result = analyse(versions, ROWS, encoder, chain=["en", "ru"])
    assert "omission" in _types(result, 2) and "addition" in _types(result, 5)
    assert "moved" not in _types(result, 2) + _types(result, 5)


def test_moves_pair_mutual_best_matches_within_the_window() -> None:
    basis = np.eye(4, dtype=np.float32)
    vectors = {"a1": basis[0], "a2": basis[1], "b1": basis[0],
               "b2": basis[1] * 0.9 + basis[2] * 0.1, "far": basis[3]}
    texts = {0: {"en": "a1"}, 3: {"en": "a2"}, 5: {"ru": "b2"}, 7: {"ru": "b1"},
             MOVE_WINDOW + 20: {"ru": "far"}, 1: {"en": "x", "ru": "y"}}
    moves = find_moves(texts, "en", "ru", lambda t: vectors[t],
                       lambda x, y: float(vectors[x] @ vectors[y]))
    assert {row: move.row for row, move in moves.items()} == {0: 7, 7: 0, 3: 5, 5: 3}
    weak = find_moves(texts, "en", "ru", lambda t: vectors[t], lambda x, y: 0.2)
    assert weak == {}
