"""Settings of the aligner (the defaults are the ones benchmarked in ``bench/``)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.nlp.align.errors import AlignError


@dataclass(frozen=True)
class AlignConfig:
    """Tuning knobs of the two-pass aligner.

    Costs are normalised cosine distances: ``1 - cos(x, y)`` divided by the mean
    distance of ``x`` and ``y`` to the other side's segments, so that about 1.0
    means "as unrelated as a random pair" whatever the model's cosine range.
    """

    max_src: int = 4
    """Most source segments in one bead."""
    max_tgt: int = 4
    """Most target segments in one bead."""
    max_total: int = 5
    """Most segments in one bead, both sides together (5 allows 1-4, 4-1, 2-3 and 3-2)."""
    max_square: int = 3
    """n-n beads are allowed up to this size even beyond ``max_total`` (3 allows 3-3)."""
    skip_cost: float = 0.7
    """Cost of leaving one segment unaligned (a 1-0 or 0-1 bead) in the final pass."""
    gate_reference: float = 0.48
    """Median normalised cost of first-pass 1-1 pairs at which ``gain_gate`` applies as set
    (the median on Text+Berg 001-003, where it was tuned); see ``gate_scale``."""
    gate_scale: float = 1.0
    """How much the gain check's gate follows a document's median first-pass 1-1 cost: it
    moves by ``gate_scale * (median - gate_reference)``, up or down, on every document, so
    that in a freely translated text (costly true pairs: a median near 0.78 in zh-en
    literary chapters) the parts of a split sentence are not taken for intruders. Only the
    gate moves: the skip costs and the uncertainty cut stay fixed, since raising them where
    the 1-1 pairs are costly (insertions in the text push the median up too) pairs
    unrelated segments instead of leaving them alone. 0 keeps the gate fixed."""
    merge_cost: float = 0.15
    """Extra cost per segment beyond the first on each side of a bead (prefers 1-1 on ties)."""
    margin_weight: float = 0.25
    """Weight of Bertalign's margin in pass 2 (see :func:`cost.bead_costs`): a bead costs more
    where its sides are about as close to the sentences around the other side."""
    length_cost: float = 0.3
    """Weight of the length cue: ``|log|`` of a bead's length ratio over the texts' ratio."""
    gain_cost: float = 1.0
    """Weight of the gain check: a merged bead pays by how much (plus ``gain_margin``) its
    normalised cost exceeds that of its best sub-bead (one end segment dropped), so that a
    sentence left out of a translation is not absorbed into its neighbour's bead."""
    gain_margin: float = 0.1
    """How much better than its best sub-bead a merged bead must be to pay no gain penalty."""
    gain_gate: float = 0.75
    """The gain check only drops a segment that costs more than this paired alone with the
    bead's other side (a segment that matches well on its own is part of the bead)."""
    overlaps: str = "selective"
    """Which overlaps to embed: "all", "selective" (only near uncertain beads) or "none"."""
    uncertain_cost: float = 0.8
    """A 1-1 bead costing more than this (before weights) counts as uncertain."""
    uncertain_length: float = 0.3
    """A 1-1 bead whose length ratio is off by more than this (``|log|``) counts as uncertain."""
    run_skips: int = 1
    """Skips of one side, close together in the first pass, that make a run of 3 doubtful."""
    uncertain_margin: int = 1
    """Segments around an uncertain bead whose overlaps get embedded."""
    first_pass_skip: float = 0.6
    """Skip cost of the 1-1 first pass that finds the search band."""
    first_pass_candidates: int = 3
    """The 1-1 first pass only pairs a segment with one of the ``first_pass_candidates``
    nearest of the other text (or is one of theirs), on the grid it searches whole
    (:func:`band.candidates_only`); 0 allows every pair."""
    candidate_cells: int = 4_000_000
    """Largest ``n * m`` whose first pass goes through the candidates on the whole grid
    (above ``full_cells`` and up to this, the candidates are worth a bigger first pass:
    on a coarse grid the gaps are not found)."""
    first_pass_refine: int = 2
    """Half-width of the band around the candidates' path where the first pass is searched
    again with every pair (0: the candidates' path is the first pass)."""
    gap_run: int = 10
    """Steps without a pair, in a row, that make a run of the candidates' path a gap (an
    omission or an insertion): its segments are cheap to leave alone in the final pass."""
    gap_edge: int = 0
    """Segments at each end of a gap, on each side, that keep the normal skip cost."""
    gap_skip_cost: float = 0.3
    """Skip cost of a segment inside a gap (``skip_cost`` elsewhere)."""
    band: int = 6
    """Half-width of the search band around the first-pass path, in segments."""
    full_cells: int = 1_000_000
    """Largest ``n * m`` searched exhaustively in the first pass; above it, downsample."""
    paragraph_cost: float = 0.15
    """Cost of a bead boundary on a paragraph break of one side only (soft anchors)."""
    absorb: bool = True
    """Run the third pass (:mod:`absorb`): a lone segment joins a neighbouring bead when the
    joined bead, embedded as one text, costs no more than the neighbour (plus the margin)."""
    absorb_margin: float = 0.07
    """How much dearer (normalised cost) the joined bead may be than the neighbour alone.
    Chosen on Text+Berg 001-003 and MAC-dev (0 to 0.3 tried; 0.1 and above gave a little
    more strict F1 on Text+Berg but joined a short story's real omission, see
    ``tests/nlp/test_align_model.py``: 0.07 is the largest tried that keeps it alone)."""
    absorb_rounds: int = 1
    """Rounds of the third pass (each joins at most one segment to a bead; runs need more)."""
    absorb_max_total: int = 5
    """Most segments, both sides together, in a bead made by the third pass."""

    def __post_init__(self) -> None:
        if min(self.max_src, self.max_tgt) < 1 or self.max_total < 2:
            raise AlignError("bead sizes must allow at least 1-1 beads")
        if self.band < 1 or self.full_cells < 4:
            raise AlignError("band and full_cells must be positive")
        if self.overlaps not in ("all", "selective", "none"):
            raise AlignError(f"overlaps must be all, selective or none, not {self.overlaps!r}")
        if min(self.skip_cost, self.first_pass_skip, self.merge_cost, self.paragraph_cost,
               self.gain_cost, self.uncertain_length) < 0 or self.run_skips < 1:
            raise AlignError("aligner costs cannot be negative")

    def bead_types(self) -> list[tuple[int, int]]:
        """Bead shapes ``(a, b)`` of the final pass, except 0-1 (handled along each row)."""
        shapes = [(1, 0)]
        for a in range(1, self.max_src + 1):
            for b in range(1, self.max_tgt + 1):
                if a + b <= self.max_total or a == b <= self.max_square:
                    shapes.append((a, b))
        return shapes

    def overlap_sizes(self, side: int) -> range:
        """Sizes of the multi-segment spans the beads use on one side (0 source, 1 target)."""
        return range(2, max(shape[side] for shape in self.bead_types()) + 1)
