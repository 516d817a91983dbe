"""N-way grid: invariants as property tests (FakeEncoder), anchors, similarities, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.nlp.align import AlignConfig, AlignError, align_versions, row_similarities
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import Row, pair_key

WORDS = ["river", "stone", "lamp", "winter", "copper", "violin", "harbour", "meadow", "glass"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
versions = st.lists(st.lists(sentence, min_size=0, max_size=12), min_size=2, max_size=4)


def check_grid(texts: dict[str, list[str]], rows: list[Row]) -> None:
    for label, segments in texts.items():
        seen = [i for row in rows for i in row.cells.get(label, ())]
        assert seen == list(range(len(segments))), label  # every segment once, in order
    assert all(any(row.cells.values()) for row in rows)
    total = sum(len(s) for s in texts.values())
    assert (total > 0) <= len(rows) <= total
    if len(texts) == 2:  # one hop: a bead holds at most max_src / max_tgt segments of a side
        most = max(AlignConfig().max_src, AlignConfig().max_tgt)
        assert len(rows) >= -(-max(len(s) for s in texts.values()) // most)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions)
def test_grid_invariants(segment_lists: list[list[str]]) -> None:
    texts = {f"v{k}": segs for k, segs in enumerate(segment_lists)}
    check_grid(texts, align_versions(texts, FakeEncoder()))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions, st.data())
def test_anchor_rows_are_kept(segment_lists: list[list[str]], data: st.DataObject) -> None:
    texts = {f"v{k}": segs for k, segs in enumerate(segment_lists)}
    rows = align_versions(texts, FakeEncoder())
    confirmed = data.draw(st.lists(st.sampled_from(rows), unique_by=id, max_size=3)) if rows else []
    again = align_versions(texts, FakeEncoder(), anchors=confirmed)
    check_grid(texts, again)
    for row in confirmed:
        assert row.cells in [r.cells for r in again]


def test_merge_in_one_hop_and_omission_in_the_next() -> None:
    texts = {
        "zh": ["Alpha bravo charlie delta echo foxtrot.", "Golf hotel india.", "Juliet kilo lima."],
        "ru": ["Alpha bravo charlie", "delta echo foxtrot.", "Golf hotel india.",
               "Juliet kilo lima."],
        "en": ["Alpha bravo charlie", "delta echo foxtrot.", "Juliet kilo lima."],
    }
    rows = align_versions(texts, FakeEncoder())
    assert [r.cells for r in rows] == [
        {"zh": (0,), "ru": (0, 1), "en": (0, 1)},
        {"zh": (1,), "ru": (2,), "en": ()},
        {"zh": (2,), "ru": (3,), "en": (2,)},
    ]


def test_anchor_contradicting_the_aligner_is_kept() -> None:
    texts = {"a": ["river stone", "lamp winter", "copper violin"],
             "b": ["river stone", "lamp winter", "copper violin"]}
    anchor = Row({"a": (0, 1), "b": (0,)})
    rows = align_versions(texts, FakeEncoder(), anchors=[anchor])
    assert rows[0].cells == {"a": (0, 1), "b": (0,)}
    check_grid(texts, rows)


def test_row_similarities_reuse_embeddings() -> None:
    texts = {"a": ["river stone", "lamp winter", "copper"], "b": ["river stone", "lamp", "winter"]}
    rows = [Row({"a": (0,), "b": (0,)}), Row({"a": (1,), "b": (1, 2)}), Row({"a": (2,), "b": ()})]
    encoder = FakeEncoder()
    scores = row_similarities(texts, rows, encoder)
    assert encoder.calls == 1 and encoder.texts_encoded == 5  # 4 single segments + 1 joined
    assert scores[0][pair_key("a", "b")] == pytest.approx(1.0, abs=1e-5)
    expected = float(np.dot(*FakeEncoder().encode(["lamp winter", "lamp winter"])))
    assert scores[1]["a|b"] == pytest.approx(expected, abs=1e-5)
    assert scores[2] == {}


def test_bad_input() -> None:
    with pytest.raises(AlignError, match="at least two"):
        align_versions({"a": ["x"]}, FakeEncoder())
    with pytest.raises(AlignError, match="unknown version"):
        align_versions({"a": ["x"], "b": ["y"]}, FakeEncoder(), anchors=[Row({"c": (0,)})])
    with pytest.raises(AlignError, match="segment 3"):
        align_versions({"a": ["x"], "b": ["y"]}, FakeEncoder(), anchors=[Row({"a": (3,)})])
    with pytest.raises(AlignError, match="outside"):
        row_similarities({"a": ["x"]}, [Row({"a": (1,)})], FakeEncoder())


def test_a_one_sided_anchor_is_not_swallowed_by_a_merge_in_another_hop() -> None:
    """Found by hypothesis: v2's one segment matched v1[2:5], which linked v0[2] and v0[4]
    around the anchored v0[3]; the anchor row must still come back as it was."""
    texts = {"v0": ["river", "river", "river river", "stone", "river", "river river"],
             "v1": ["river", "stone", "river", "river", "river", "river", "river"],
             "v2": ["river river"]}
    anchor = Row({"v0": (3,), "v1": (), "v2": ()})
    rows = align_versions(texts, FakeEncoder(), anchors=[anchor])
    check_grid(texts, rows)
    assert anchor.cells in [r.cells for r in rows]
