"""N-way grids with a partial version, and publisher lines, on the demo with the real model."""

from __future__ import annotations

import json

import pytest

from workbench.config import corpora_dir
from workbench.nlp.align import align_pair, align_versions
from workbench.nlp.align.boilerplate import is_boilerplate
from workbench.nlp.types import Encoder

GOLD = "gold/sco-neighbors.alignment.jsonl"
LABELS = ("zh", "ru", "en")


def gold_rows() -> list[dict[str, list[str]]]:
    path = corpora_dir() / GOLD
    if not path.is_file():
        pytest.skip("demo corpora not present")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def partner_rows(rows: list[dict[str, list[str]]],
                 keep_en: set[int]) -> tuple[dict[str, list[str]], dict[tuple[str, int], int]]:
    """The versions (English only from the gold rows ``keep_en``) and each segment's gold row."""
    texts: dict[str, list[str]] = {label: [] for label in LABELS}
    gold_row: dict[tuple[str, int], int] = {}
    for number, row in enumerate(rows):
        for label in LABELS:
            if label == "en" and number not in keep_en:
                continue
            for sentence in row.get(label, []):
                gold_row[(label, len(texts[label]))] = number
                texts[label].append(sentence)
    return texts, gold_row


@pytest.mark.model
def test_partial_third_version_does_not_cross_rows(encoder: Encoder) -> None:
    """English covers only part of the text (two long gaps): its sentences stay with their
    Chinese and Russian partners instead of sliding dozens of rows away."""
    rows = gold_rows()
    keep = {k for k in range(len(rows)) if not 12 <= k < 40 and not 55 <= k < 70}
    texts, gold_row = partner_rows(rows, keep)
    grid = align_versions(texts, encoder)
    misplaced = []
    for row in grid:
        gold_of = {label: {gold_row[(label, i)] for i in row.cells[label]} for label in LABELS}
        for i in row.cells["en"]:
            mine = gold_row[("en", i)]
            partners = gold_of["zh"] | gold_of["ru"]
            if rows[mine].get("ru") and mine not in partners:
                misplaced.append((i, mine, sorted(partners)))
    assert not misplaced
    # the gaps stay empty for English: rows of the left-out part hold no English
    for row in grid:
        ru_rows = {gold_row[("ru", i)] for i in row.cells["ru"]}
        if ru_rows and ru_rows <= set(range(15, 38)):
            assert row.cells["en"] == ()


@pytest.mark.model
def test_publisher_lines_stay_rows_of_their_own(encoder: Encoder) -> None:
    rows = gold_rows()
    texts, _ = partner_rows(rows, set(range(len(rows))))
    grid = align_versions(texts, encoder)
    lines = [i for i, s in enumerate(texts["en"]) if is_boilerplate(s)]
    assert len(lines) >= 3  # "Source: ...", "Translation. Region: ...", the disclaimer notice
    for row in grid:
        english = row.cells["en"]
        if any(i in lines for i in english):
            assert len(english) == 1 and not row.cells["zh"] and not row.cells["ru"]
    # the first content row pairs the dateline sentence alone
    pair = align_pair(texts["ru"], texts["en"], encoder)
    first_content = next(b for b in pair if b.src == (1,))
    assert [texts["en"][j][:7] for j in first_content.tgt] == ["BEIJING"]
