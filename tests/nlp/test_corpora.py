"""Format checks for the ``corpora/`` demo and its gold files.

The drift benchmark treats the gold files as ground truth, so these tests make
sure they describe the texts exactly: every sentence once and in order, every
drift anchored in a single gold row, every structural gap documented.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest

from workbench.config import corpora_dir, shared_dir

MANIFEST = "sco-neighbors.json"
DRIFT_TYPES = {"omission", "addition", "number", "date", "name", "negation"}
WHITESPACE = re.compile(r"\s+")


def _manifest() -> dict[str, Any]:
    loaded = json.loads((corpora_dir() / MANIFEST).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _labels() -> list[str]:
    return [str(v["label"]) for v in _manifest()["versions"]]


def _texts() -> dict[str, str]:
    folder = corpora_dir()
    return {
        str(v["label"]): (folder / str(v["file"])).read_bytes().decode("utf-8")
        for v in _manifest()["versions"]
    }


def _jsonl(relative: str) -> list[dict[str, Any]]:
    lines = (corpora_dir() / relative).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _gold_rows() -> list[dict[str, list[str]]]:
    return _jsonl(str(_manifest()["gold"]["alignment"]))


def _gold_drifts() -> list[dict[str, Any]]:
    return _jsonl(str(_manifest()["gold"]["drift"]))


def _normalise(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def _hops(chain: list[str]) -> list[str]:
    return [f"{a}|{b}" for a, b in itertools.pairwise(chain)]


def test_manifest_lists_existing_utf8_files_and_a_chain_of_its_labels() -> None:
    manifest = _manifest()
    assert manifest["title"].strip()
    labels = _labels()
    assert labels == ["zh", "ru", "en"]
    assert manifest["chain"] == labels
    for version in manifest["versions"]:
        assert version["lang"] in {"zh", "ru", "en"}
        assert str(version["title"]).strip()
    texts = _texts()
    for label, text in texts.items():
        assert text.strip(), label
        assert "\ufffd" not in text, label
    for relative in manifest["gold"].values():
        assert (corpora_dir() / str(relative)).is_file()


def test_english_is_the_published_text_byte_for_byte() -> None:
    published = shared_dir() / "corpora" / "sco-neighbors.en.txt"
    if not published.is_file():
        pytest.skip(f"shared corpora not present: {published}")
    ours = corpora_dir() / "sco-neighbors.en.txt"
    assert ours.read_bytes() == published.read_bytes()


def test_paragraph_structure_is_shared_apart_from_documented_gaps() -> None:
    texts = _texts()
    counts = {label: len([p for p in re.split(r"\n\s*\n", t) if p.strip()])
              for label, t in texts.items()}
    # en has 6 publisher-only paragraphs; zh lacks the one-sentence Silk Road
    # paragraph that ru adds (both documented in the drift file).
    assert counts["en"] - counts["ru"] == 6
    assert counts["ru"] - counts["zh"] == 1


@pytest.mark.parametrize("label", ["zh", "ru", "en"])
def test_gold_alignment_covers_every_sentence_once_in_order(label: str) -> None:
    rows = _gold_rows()
    text = _normalise(_texts()[label])
    cursor = 0
    for number, row in enumerate(rows, start=1):
        assert set(row) == set(_labels()), f"row {number} has labels {sorted(row)}"
        for sentence in row[label]:
            assert sentence == sentence.strip() and sentence, f"row {number}: untrimmed sentence"
            assert "\n" not in sentence, f"row {number}: sentence crosses a line break"
            wanted = _normalise(sentence)
            if text.startswith(" ", cursor):
                cursor += 1
            found = text[cursor:cursor + len(wanted)]
            assert found == wanted, (
                f"{label} row {number}: expected {wanted[:40]!r}, file has {found[:40]!r}"
            )
            cursor += len(wanted)
    assert text[cursor:].strip() == "", f"{label}: text left after the last gold row"


def test_every_gold_row_has_some_text() -> None:
    for number, row in enumerate(_gold_rows(), start=1):
        assert any(row[label] for label in _labels()), f"row {number} is empty"


def test_drift_entries_are_well_formed() -> None:
    chain = list(_manifest()["chain"])
    hops = _hops(chain)
    drifts = _gold_drifts()
    for drift in drifts:
        assert set(drift) == {"type", "hop", "carried", "anchor", "detail"}, drift
        assert drift["type"] in DRIFT_TYPES
        assert drift["hop"] in hops
        assert isinstance(drift["carried"], bool)
        if drift["hop"] == hops[-1]:
            assert drift["carried"] is False, "nothing follows the last hop"
        assert drift["anchor"] and set(drift["anchor"]) <= set(chain)
        assert len(str(drift["detail"])) > 20
    for drift_type in DRIFT_TYPES:
        of_type = [d for d in drifts if d["type"] == drift_type]
        assert 2 <= len(of_type) <= 4, drift_type
    assert {d["hop"] for d in drifts} == set(hops)


def test_each_drift_anchor_is_unique_and_in_exactly_one_gold_row() -> None:
    rows = _gold_rows()
    texts = _texts()
    used_rows: set[int] = set()
    for drift in _gold_drifts():
        matched: set[int] = set()
        for label, anchor in drift["anchor"].items():
            assert texts[label].count(anchor) == 1, f"{label} anchor {anchor!r} not unique"
            in_rows = {i for i, row in enumerate(rows) if any(anchor in s for s in row[label])}
            assert len(in_rows) == 1, f"{label} anchor {anchor!r} is in rows {sorted(in_rows)}"
            matched |= in_rows
        assert len(matched) == 1, f"anchors of {drift['detail'][:40]!r}: rows {sorted(matched)}"
        assert not matched & used_rows, "two deliberate drifts share a row"
        used_rows |= matched


def _drift_row(drift: dict[str, Any], rows: list[dict[str, list[str]]]) -> int:
    label, anchor = next(iter(drift["anchor"].items()))
    return next(i for i, row in enumerate(rows) if any(anchor in s for s in row[label]))


def test_gaps_in_the_gold_match_the_omissions_and_additions() -> None:
    """A row where a version is empty must be a documented omission/addition at the right hop."""
    chain = list(_manifest()["chain"])
    rows = _gold_rows()
    structural: dict[int, dict[str, Any]] = {}
    for drift in _gold_drifts():
        index = _drift_row(drift, rows)
        if drift["type"] in {"omission", "addition"}:
            structural[index] = drift
        else:
            assert all(rows[index][label] for label in chain), f"{drift['type']} on a gap row"
    for index, row in enumerate(rows):
        if all(row[label] for label in chain):
            assert index not in structural, f"row {index + 1}: gap drift on a complete row"
            continue
        assert index in structural, f"row {index + 1} has a gap but no omission/addition drift"
        drift = structural[index]
        first, second = drift["hop"].split("|")
        if drift["type"] == "omission":
            assert row[first] and not row[second]
        else:
            assert not row[first] and row[second]
        later = chain[chain.index(second) + 1:]
        carried = bool(later) and all(bool(row[x]) == bool(row[second]) for x in later)
        assert drift["carried"] == carried
