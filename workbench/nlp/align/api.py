"""The aligner's public functions for a pair of texts."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.pair import PairJob
from workbench.nlp.align.spans import SpanBank, encode_checked, fill_banks
from workbench.nlp.types import Bead, Encoder


def check_segments(segments: Sequence[str], name: str) -> list[str]:
    """The segments as a list of strings, or an :class:`AlignError` saying what is wrong."""
    if isinstance(segments, str):
        raise AlignError(f"{name} must be a list of segments, not one string")
    values = list(segments)
    for k, value in enumerate(values):
        if not isinstance(value, str):
            raise AlignError(f"{name} segment {k} is {type(value).__name__}, not text")
    return values


def make_banks(texts: Sequence[Sequence[str]], encoder: Encoder) -> list[SpanBank]:
    """Sentence embeddings of every text, in one encoder call."""
    flat = [segment for text in texts for segment in text]
    vectors = encode_checked(encoder, flat)
    banks, offset = [], 0
    for text in texts:
        banks.append(SpanBank(text, vectors[offset : offset + len(text)]))
        offset += len(text)
    return banks


def align_pair(
    src: Sequence[str],
    tgt: Sequence[str],
    encoder: Encoder,
    *,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    anchors: Sequence[Bead] | None = None,
    config: AlignConfig | None = None,
) -> list[Bead]:
    """Align two texts given as segments: monotone beads covering every index once, in order.

    ``anchors`` (beads a reviewer confirmed) come back unchanged and the rest is
    aligned around them; paragraph numbers, when both sides have comparable
    paragraphs, make beads prefer to end where both texts break a paragraph.
    """
    src_list, tgt_list = check_segments(src, "source"), check_segments(tgt, "target")
    cfg = config or AlignConfig()
    fixed = list(anchors or [])
    if not src_list or not tgt_list:
        if fixed and any(b.src and b.tgt for b in fixed):
            raise AlignError("an anchor pairs segments but one side has no segments")
        return [Bead((i,), ()) for i in range(len(src_list))] + [
            Bead((), (j,)) for j in range(len(tgt_list))
        ]
    src_bank, tgt_bank = make_banks([src_list, tgt_list], encoder)
    job = PairJob(src_bank, tgt_bank, src_paragraphs=src_paragraphs,
                  tgt_paragraphs=tgt_paragraphs, anchors=fixed, config=cfg)
    fill_banks([src_bank, tgt_bank], encoder)
    while job.absorb_step():
        fill_banks([src_bank, tgt_bank], encoder)
    return job.beads
