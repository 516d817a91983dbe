"""Text+Berg scoring (as Vecalign/Bertalign score) and the ``workbench eval textberg`` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.eval_cmd import eval_group
from workbench.nlp.align import AlignError
from workbench.nlp.align.textberg import Scores, read_gold


def test_strict_and_lax_scores() -> None:
    gold = [((0,), (0,)), ((1,), (1, 2)), ((), (3,)), ((2,), (4,))]
    test = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,)), ((2,), (4,))]
    scores = Scores()
    scores.add(gold, test)
    figures = scores.figures()
    # precision over all 5 test beads: exact 0-0, 0-3 (insertion), 2-4; lax adds 1-1
    assert figures["strict_p"] == pytest.approx(3 / 5)
    assert figures["lax_p"] == pytest.approx(4 / 5)
    # recall over the 3 gold beads with both sides: 0-0 and 2-4 exact; 1-(1,2) overlaps 1-1
    assert figures["strict_r"] == pytest.approx(2 / 3)
    assert figures["lax_r"] == pytest.approx(1.0)


def test_perfect_alignment_scores_one() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    scores = Scores()
    scores.add(gold, list(gold))
    assert set(scores.figures().values()) == {1.0}


def test_read_gold(tmp_path: Path) -> None:
    path = tmp_path / "001"
    path.write_text("[0]:[0, 1]\n[]:[2]\n[1, 2]:[]\n", encoding="utf-8")
    assert read_gold(path) == [((0,), (0, 1)), ((), (2,)), ((1, 2), ())]
    path.write_text("[0]-[1]\n", encoding="utf-8")
    with pytest.raises(AlignError, match="not a bead"):
        read_gold(path)


def test_eval_command_skips_without_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_group, ["textberg", "--data", str(tmp_path)])
    assert result.exit_code == 0
    assert "skipped" in result.output
