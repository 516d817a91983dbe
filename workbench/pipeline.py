"""The pipeline: versions in, an aligned and scored comparison out.

This is the only place that chains the NLP layers together (segment -> embed
-> align -> drift). The CLI, the background jobs and the review operations all
call it, so a comparison made on the command line and one made in the browser
are the same thing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence

from workbench.aligned import AlignedComparison, VersionInput
from workbench.comparison import ComparisonRecord, RowRecord, VersionInfo
from workbench.config import corpora_dir
from workbench.errors import UserError
from workbench.ingest.versions import VersionsError, check_versions
from workbench.ingest.versions import check_chain as check_version_chain
from workbench.nlp.align import align_versions, join_segments, row_similarities
from workbench.nlp.drift import analyse_rows
from workbench.nlp.drift.glossary import Glossary
from workbench.nlp.drift.pair_registers import Registers
from workbench.nlp.embed import get_encoder
from workbench.nlp.embed.memo import MemoEncoder
from workbench.nlp.langid import check_model_language, detect_language
from workbench.nlp.segment import segment_lines, segment_text
from workbench.nlp.types import Encoder, Row, Version

Progress = Callable[[str, float, str], None]
"""``(phase, fraction in [0, 1], message)``; phases: segmenting, embedding, aligning, checking."""


class PipelineError(UserError):
    """Input the pipeline cannot work with; the message says what is wrong."""


def _no_progress(phase: str, fraction: float, message: str) -> None:
    """Default progress sink: ignore."""


def _default_encoder(encoder: Encoder | None) -> Encoder:
    """The given encoder, or the configured model with its disk cache; memoised for one run."""
    if encoder is None:
        encoder = get_encoder()
    return encoder if isinstance(encoder, MemoEncoder) else MemoEncoder(encoder)


EMBED_BATCH = 128


def check_inputs(inputs: Sequence[VersionInput] | Sequence[Version],
                 chain: Sequence[str] | None = None) -> list[str] | None:
    """:func:`workbench.ingest.versions.check_versions` (the one check of versions) as the
    pipeline's refusal; the checked chain. Languages are checked when segmenting."""
    try:
        return check_versions(inputs, chain, from_file=True)
    except VersionsError as exc:
        raise PipelineError(str(exc)) from None


def prepare_versions(inputs: Sequence[VersionInput]) -> list[Version]:
    """Segment and identify the language of each version (fast: no embeddings).

    The preview's step: the versions as a whole are checked once, later, where they are
    stored (``jobs.enqueue_alignment``); a language the model does not know and a text
    without segments are refused here.
    """
    return _segmented(inputs)


def _segmented(inputs: Sequence[VersionInput]) -> list[Version]:
    versions: list[Version] = []
    for item in inputs:
        lang = check_model_language(item.lang) if item.lang else detect_language(item.text)
        if item.segments is not None:
            segments = list(item.segments)
        elif item.segmented:
            segments = segment_lines(item.text)
        else:
            segments = segment_text(item.text, lang)
        if not segments:
            raise PipelineError(f"version {item.label!r} has no text to align")
        versions.append(Version(label=item.label, lang=lang, text=item.text, segments=segments))
    return versions


def check_chain(labels: Sequence[str], chain: Sequence[str] | None) -> list[str] | None:
    """The chain as a list, after checking it names known, distinct versions (the one
    chain check, :func:`workbench.ingest.versions.check_chain`, as the pipeline's refusal)."""
    try:
        return check_version_chain(labels, chain)
    except VersionsError as exc:
        raise PipelineError(str(exc)) from None


def _ordered(versions: list[Version], chain: list[str] | None) -> list[Version]:
    """Versions in chain order first (the aligner aligns neighbours), the rest after."""
    if not chain:
        return versions
    by_label = {v.label: v for v in versions}
    rest = [v for v in versions if v.label not in chain]
    return [by_label[c] for c in chain] + rest


def check_rows(
    versions: Sequence[Version],
    rows: Sequence[Row],
    encoder: Encoder,
    *,
    chain: Sequence[str] | None = None,
    row_indices: Sequence[int] | None = None,
    glossary: Glossary | None = None,
    registers: Registers | None = None,
) -> tuple[list[RowRecord], Registers]:
    """Similarity, calibrated score and drift flags for ``rows`` (or only ``row_indices``),
    and the document registers they were checked with (the ``registers`` given, the
    others read from the rows)."""
    wanted = list(range(len(rows))) if row_indices is None else list(row_indices)
    texts = {v.label: [s.text for s in v.segments] for v in versions}
    langs = {v.label: v.lang for v in versions}
    subset = [rows[i] for i in wanted]
    similarity = row_similarities(texts, subset, encoder, langs)
    # all rows, so that a row rescored alone still finds the other half of a move
    drift = analyse_rows(list(versions), list(rows), encoder, row_indices=wanted, chain=chain,
                         similarity=similarity, glossary=glossary, registers=registers)
    records: list[RowRecord] = []
    for k, (i, row) in enumerate(zip(wanted, subset, strict=True)):
        text = {
            label: join_segments([texts[label][j] for j in idx], langs[label])
            for label, idx in row.cells.items()
        }
        records.append(
            RowRecord(
                index=i,
                segments={label: list(idx) for label, idx in row.cells.items()},
                text=text,
                similarity=similarity[k],
                score=drift.rows[k].score,
                flags=list(drift.rows[k].flags),
            )
        )
    return records, drift.registers


def compare(
    inputs: Sequence[VersionInput] | Sequence[Version],
    encoder: Encoder | None = None,
    *,
    chain: Sequence[str] | None = None,
    title: str = "",
    progress: Progress | None = None,
    rows: Sequence[Row] | None = None,
    glossary: Glossary | None = None,
    checked: bool = False,
) -> AlignedComparison:
    """Segment, embed, align and check two or more versions of a text.

    ``rows`` is an alignment given with the versions (imported aligned material):
    it is kept as it is (checked: every segment once, in order) instead of aligned.
    ``glossary`` adds ``term`` signals (required renderings, forbidden variants).
    ``checked``: the caller ran :func:`check_inputs` (``check_versions``) on these very
    versions and chain (``workbench align``; the job aligning versions that
    ``enqueue_alignment`` checked before storing them), so it is not run twice.
    """
    report = progress or _no_progress
    timings: dict[str, float] = {}
    started = time.perf_counter()
    report("segmenting", 0.0, "splitting versions into segments")
    checked_chain = (list(chain or []) or None) if checked else check_inputs(inputs, chain)
    if inputs and isinstance(inputs[0], Version):
        versions = [v for v in inputs if isinstance(v, Version)]
    else:
        versions = _segmented([v for v in inputs if isinstance(v, VersionInput)])
    versions = _ordered(versions, checked_chain)
    timings["segment"] = time.perf_counter() - started
    report("segmenting", 1.0, f"{sum(len(v.segments) for v in versions)} segments")

    model = _default_encoder(encoder)
    report("embedding", 0.0, "embedding segments")
    started = time.perf_counter()
    pending = [s.text for v in versions for s in v.segments]
    for start in range(0, len(pending), EMBED_BATCH):
        model.encode(pending[start : start + EMBED_BATCH])
        done = min(start + EMBED_BATCH, len(pending))
        report("embedding", done / len(pending), f"embedded {done} of {len(pending)} segments")
    timings["embed"] = time.perf_counter() - started

    report("aligning", 0.0, "aligning versions")
    started = time.perf_counter()
    texts = {v.label: [s.text for s in v.segments] for v in versions}
    paragraphs = {v.label: [s.paragraph for s in v.segments] for v in versions}
    if rows is None:
        grid = align_versions(texts, model, paragraphs=paragraphs,
                              progress=lambda f, message: report("aligning", 0.95 * f, message))
    else:  # every segment is in a given row: the aligner only checks and orders them
        grid = align_versions(texts, model, anchors=_given_rows(rows, texts))
    timings["align"] = time.perf_counter() - started
    report("aligning", 1.0, f"{len(grid)} rows")

    report("checking", 0.0, "scoring pairs and looking for drift")
    started = time.perf_counter()
    records, registers = check_rows(versions, grid, model, chain=checked_chain,
                                    glossary=glossary)
    timings["check"] = time.perf_counter() - started
    report("checking", 1.0, "done")

    record = ComparisonRecord(
        title=title or "Comparison",
        versions=[VersionInfo(label=v.label, lang=v.lang) for v in versions],
        rows=records,
        chain=checked_chain,
        model=model.model_id,
    )
    return AlignedComparison(versions=versions, rows=grid, record=record, chain=checked_chain,
                             timings=timings, registers=registers)


def _given_rows(rows: Sequence[Row], texts: dict[str, list[str]]) -> list[Row]:
    """``rows`` checked to hold every segment of every version exactly once."""
    for label, segments in texts.items():
        seen = sorted(i for row in rows for i in row.cells.get(label, ()))
        if seen != list(range(len(segments))):
            raise PipelineError(f"the given alignment does not hold each of the {len(segments)} "
                                f"segments of {label!r} exactly once")
    return list(rows)


def rescore(
    versions: list[Version],
    rows: list[Row],
    encoder: Encoder | None = None,
    *,
    chain: Sequence[str] | None = None,
    row_indices: Sequence[int] | None = None,
    glossary: Glossary | None = None,
    registers: Registers | None = None,
) -> list[RowRecord]:
    """Recompute similarity, score and flags of some rows after a correction.

    ``registers``: the ones the comparison was checked with (stored with it), so that
    a corrected row is judged by the same ``words`` limit as the rest of the document."""
    return check_rows(versions, rows, _default_encoder(encoder), chain=chain,
                      row_indices=row_indices, glossary=glossary, registers=registers)[0]


def realign(
    versions: list[Version],
    rows: list[Row],
    confirmed: Sequence[int],
    encoder: Encoder | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> list[Row]:
    """Keep the ``confirmed`` rows exactly and re-align everything else around them."""
    texts = {v.label: [s.text for s in v.segments] for v in versions}
    paragraphs = {v.label: [s.paragraph for s in v.segments] for v in versions}
    anchors = [rows[i] for i in sorted(set(confirmed))]
    return align_versions(texts, _default_encoder(encoder), paragraphs=paragraphs,
                          anchors=anchors, progress=progress)


def load_demo() -> tuple[str, list[VersionInput], list[str] | None]:
    """The demo in ``corpora/``: its title, its versions and its chain."""
    folder = corpora_dir()
    manifest_path = folder / "sco-neighbors.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PipelineError(f"cannot read the demo manifest {manifest_path}: {exc}") from exc
    inputs = [
        VersionInput(
            label=str(v["label"]),
            lang=str(v["lang"]),
            title=str(v.get("title", "")),
            text=(folder / str(v["file"])).read_text(encoding="utf-8"),
        )
        for v in manifest["versions"]
    ]
    chain = manifest.get("chain")
    return str(manifest.get("title", "Demo")), inputs, list(chain) if chain else None
