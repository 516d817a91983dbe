"""Segmentation against the hand-checked segments of the demo corpus (corpora/gold)."""

from __future__ import annotations

import json

import pytest

from workbench.config import corpora_dir
from workbench.nlp.segment import segment_text


def gold_and_text(lang: str) -> tuple[list[str], str]:
    gold_path = corpora_dir() / "gold" / "sco-neighbors.alignment.jsonl"
    text_path = corpora_dir() / f"sco-neighbors.{lang}.txt"
    if not gold_path.is_file() or not text_path.is_file():
        pytest.skip(f"demo corpus not present in {corpora_dir()}")
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [s for row in rows for s in row.get(lang, [])], text_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "least"), [("zh", 0.97), ("ru", 0.95), ("en", 0.95)])
def test_segments_match_gold(lang: str, least: float) -> None:
    gold, text = gold_and_text(lang)
    mine = [s.text for s in segment_text(text, lang)]
    same = set(gold) & set(mine)
    recall, precision = len(same) / len(set(gold)), len(same) / len(set(mine))
    assert recall >= least and precision >= least, (
        f"{lang}: recall {recall:.3f}, precision {precision:.3f}; "
        f"first differences: {[s for s in mine if s not in set(gold)][:3]}")
