"""The pipeline glue: plumbing with the fake encoder, behaviour with the real model."""

from __future__ import annotations

import pytest

from workbench.nlp.embed.fake import FakeEncoder
from workbench.pipeline import (
    PipelineError,
    VersionInput,
    compare,
    load_demo,
    prepare_versions,
    realign,
    rescore,
)

EN = "The cat sat on the mat. It was warm.\n\nThen it slept for three hours."
EN2 = "The cat sat on the mat! It was warm.\n\nThen it slept for three hours."


def _inputs() -> list[VersionInput]:
    return [VersionInput("a", EN, "en"), VersionInput("b", EN2, "en")]


def test_prepare_versions_segments_and_keeps_offsets() -> None:
    versions = prepare_versions(_inputs())
    assert [len(v.segments) for v in versions] == [3, 3]
    for version in versions:
        for seg in version.segments:
            assert version.text[seg.start : seg.end] == seg.text
    assert versions[0].segments[2].paragraph == 1


def test_compare_plumbing_reports_progress_and_covers_everything() -> None:
    phases: list[str] = []
    result = compare(_inputs(), FakeEncoder(),
                     progress=lambda phase, fraction, message: phases.append(phase))
    assert {"segmenting", "embedding", "aligning", "checking"} <= set(phases)
    for label in ("a", "b"):
        seen = [i for row in result.record.rows for i in row.segments.get(label, [])]
        assert seen == [0, 1, 2]
    assert all("a|b" in row.similarity for row in result.record.rows)
    assert result.record.model == "fake-trigram-256"


def test_compare_embeds_each_text_once_per_run() -> None:
    fake = FakeEncoder()
    compare(_inputs(), fake)
    distinct = {s for text in (EN, EN2) for s in text.replace("\n\n", " ").split(". ")}
    assert fake.texts_encoded < 4 * len(distinct) + 20  # no re-embedding of the same sentence


def test_rescore_and_realign_keep_the_grid() -> None:
    fake = FakeEncoder()
    result = compare(_inputs(), fake)
    records = rescore(result.versions, result.rows, fake, row_indices=[0])
    assert [r.index for r in records] == [0]
    rows = realign(result.versions, result.rows, confirmed=[0], encoder=fake)
    assert rows[0].cells == result.rows[0].cells


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ([VersionInput("a", EN, "en")], "at least two"),
        ([VersionInput("a", EN, "en"), VersionInput("a", EN2, "en")], "distinct"),
        ([VersionInput("a", EN, "en"), VersionInput("b", "  \n", "en")], "empty"),
    ],
)
def test_bad_inputs(inputs: list[VersionInput], message: str) -> None:
    with pytest.raises(PipelineError, match=message):
        compare(inputs, FakeEncoder())


def test_chain_must_name_versions() -> None:
    with pytest.raises(PipelineError, match="chain"):
        compare(_inputs(), FakeEncoder(), chain=["a", "zz"])


def test_load_demo() -> None:
    title, inputs, chain = load_demo()
    assert title
    assert [v.label for v in inputs] == ["zh", "ru", "en"]
    assert chain == ["zh", "ru", "en"]
    assert all(v.text.strip() for v in inputs)


def test_aligning_reports_the_embedding_of_joined_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    import functools

    from workbench.nlp.align import nway, spans
    from workbench.nlp.align.config import AlignConfig

    monkeypatch.setattr(spans, "FILL_BATCH", 2)  # several batches even for a short text
    # every overlap embedded: which ones the selective plan picks depends on the encoder's
    # geometry (a fake one here), and this test is about reporting their progress
    monkeypatch.setattr(nway, "AlignConfig", functools.partial(AlignConfig, overlaps="all"))
    events: list[tuple[str, float, str]] = []
    src = " ".join(f"Sentence {i} is about rivers and hills number {i}." for i in range(12))
    tgt = " ".join(f"Sentence {i} is about rivers" + ("" if i % 3 else f" and hills {i}")
                   + "." for i in range(12))
    compare([VersionInput("a", src, "en"), VersionInput("b", tgt, "en")], FakeEncoder(),
            progress=lambda phase, fraction, message: events.append((phase, fraction, message)))
    joined = [(f, m) for phase, f, m in events if phase == "aligning" and "joined" in m]
    assert len(joined) >= 2, events
    fractions = [f for f, _ in joined]
    assert fractions == sorted(fractions) and fractions[0] > 0 and fractions[-1] <= 1
