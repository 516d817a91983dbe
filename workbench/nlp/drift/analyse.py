"""Drift analysis of an aligned grid: calibrated scores, detector flags, highlights, hops."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from workbench.comparison import FlagRecord
from workbench.nlp.align import join_segments
from workbench.nlp.drift.base import DriftError, Finding, PairView
from workbench.nlp.drift.chain import Pair, PairPlan, attribute, plan_pairs
from workbench.nlp.drift.consistency import consistency_findings
from workbench.nlp.drift.glossary import Glossary, term_findings
from workbench.nlp.drift.highlights import add_highlights
from workbench.nlp.drift.moves import Move, find_moves, moved_findings
from workbench.nlp.drift.pair_registers import Registers, pair_registers
from workbench.nlp.drift.registry import get_detectors
from workbench.nlp.drift.scoring import (
    NEIGHBOURS,
    Scorer,
    calibration_section,
    knn_mean,
    margin_ratio,
)
from workbench.nlp.drift.segments import leave_one_out_texts, lone_segments
from workbench.nlp.drift.wordvec import WordVectors, gives_tokens
from workbench.nlp.types import Encoder, FloatArray, Row, Version, pair_key


@dataclass
class RowDrift:
    """One row's calibrated scores (per pair key) and drift flags."""

    score: dict[str, float] = field(default_factory=dict)
    flags: list[FlagRecord] = field(default_factory=list)


@dataclass
class DriftResult:
    """Per-row drift, in the order of the rows analysed, and how it was computed."""

    rows: list[RowDrift]
    pairs: list[str]
    hops: list[str]
    method: str
    registers: Registers = field(default_factory=dict)
    """Each cross-language pair's document register (:mod:`pair_registers`): keep it with
    the comparison and give it back to a rescore."""


@lru_cache(maxsize=1)
def _length_table() -> dict[str, tuple[float, float]]:
    return {k: (float(v["mean"]), float(v["std"]))
            for k, v in calibration_section("length_log_ratio").items()}


SAME_LANGUAGE_STD = 0.115
"""Spread of ``log(len_b / len_a)`` (mean 0) for two versions in one language: measured on two
independent good English translations of one source (DEMETR fold A ``mt_sent`` / ``eng_sent``,
mean -0.024; ``python -m bench.wording_demetr``). A one-word edit stays far inside it."""


def expected_length(lang_a: str, lang_b: str) -> tuple[float, float] | None:
    """``(mean, std)`` of ``log(len_b / len_a)`` for the language pair, if known."""
    a, b = lang_a[:2].lower(), lang_b[:2].lower()
    if a == b:
        return 0.0, SAME_LANGUAGE_STD
    table = _length_table()
    if f"{a}|{b}" in table:
        return table[f"{a}|{b}"]
    if f"{b}|{a}" in table:
        mean, std = table[f"{b}|{a}"]
        return -mean, std
    return None


def _row_parts(versions: dict[str, Version], row: Row) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {}
    for label, version in versions.items():
        indices = row.cells.get(label, ())
        for i in indices:
            if not 0 <= i < len(version.segments):
                raise DriftError(f"row names segment {i} of version {label}, "
                                 f"which has {len(version.segments)} segments")
        parts[label] = [version.segments[i].text for i in indices]
    return parts


def _joiner(lang: str) -> Callable[[list[str]], str]:
    return lambda parts: join_segments(parts, lang)


def _inside(spans: list[list[int]], lone: tuple[tuple[int, int], ...]) -> bool:
    return bool(spans) and all(any(s <= a and b <= e for s, e in lone) for a, b in spans)


def _explained_by_lone(f: Finding, view: PairView) -> bool:
    """A number or negation inside a segment already reported as omitted / added."""
    if f.type in ("omission", "addition") or not (view.lone_a or view.lone_b):
        return False
    sides = [(label, spans) for label, spans in f.spans.items() if spans]
    lone = {view.a: view.lone_a, view.b: view.lone_b}
    return bool(sides) and all(_inside(spans, lone.get(label, ())) for label, spans in sides)


def _one_sided_texts(versions: dict[str, Version], rows: Sequence[Row],
                     joiners: dict[str, Callable[[list[str]], str]]) -> dict[int, dict[str, str]]:
    """Joined texts of every row where some version has no segment (moves start there)."""
    texts: dict[int, dict[str, str]] = {}
    for k, row in enumerate(rows):
        if any(not row.cells.get(label) for label in versions):
            parts = _row_parts(versions, row)
            texts[k] = {label: joiners[label](p) for label, p in parts.items() if p}
    return texts


class _Vectors:
    """Embeddings of segments and row texts, encoded in one call (so a cache answers at once)."""

    def __init__(self, encoder: Encoder, versions: dict[str, Version],
                 row_texts: list[dict[str, str]], extra: list[str]) -> None:
        wanted = [s.text for v in versions.values() for s in v.segments]
        wanted += [t for texts in row_texts for t in texts.values() if t.strip()]
        wanted += [t for t in extra if t.strip()]
        unique = list(dict.fromkeys(wanted))
        matrix = encoder.encode(unique) if unique else np.zeros((0, 1), dtype=np.float32)
        self.index = {t: i for i, t in enumerate(unique)}
        self.matrix: FloatArray = matrix
        self.pools = {label: matrix[[self.index[s.text] for s in v.segments]]
                      for label, v in versions.items()}

    def of(self, text: str) -> FloatArray:
        return self.matrix[self.index[text]]


def _pair_score(vectors: _Vectors, scorer: Scorer, a: str, b: str, text_a: str, text_b: str,
                given_cos: float | None) -> tuple[float, float]:
    x, y = vectors.of(text_a), vectors.of(text_b)
    cos = float(x @ y) if given_cos is None else given_cos
    pool_a, pool_b = vectors.pools[a], vectors.pools[b]
    if min(len(pool_a), len(pool_b)) < NEIGHBOURS:
        return cos, scorer.score(cos, None)
    knn_x = float(knn_mean(x[None, :], np.vstack([pool_b, y[None, :]]))[0])
    knn_y = float(knn_mean(y[None, :], np.vstack([pool_a, x[None, :]]))[0])
    return cos, scorer.score(cos, margin_ratio(float(x @ y), knn_x, knn_y))


def _scoring(vectors: _Vectors, scorer: Scorer, a: str, b: str) -> Callable[[str, str], float]:
    """The calibrated score of an ``a`` text against a ``b`` text."""
    def score(text_a: str, text_b: str) -> float:
        return _pair_score(vectors, scorer, a, b, text_a, text_b, None)[1]
    return score


def _word_vectors(encoder: Encoder, row_texts: list[dict[str, str]]) -> WordVectors | None:
    """A shared word-vector memo over every row text, when the encoder gives token vectors."""
    if not gives_tokens(encoder):
        return None
    return WordVectors(encoder, [t for texts in row_texts for t in texts.values()])


def analyse_rows(
    versions: list[Version],
    rows: Sequence[Row],
    encoder: Encoder,
    *,
    row_indices: Sequence[int] | None = None,
    chain: Sequence[str] | None = None,
    similarity: Sequence[dict[str, float]] | None = None,
    detector_names: list[str] | None = None,
    glossary: Glossary | None = None,
    registers: Registers | None = None,
) -> DriftResult:
    """Drift for ``rows[i]`` for each ``i`` in ``row_indices`` (all rows when ``None``).

    ``similarity`` (raw cosine per pair key, as the aligner's ``row_similarities``
    gives) is aligned with the rows analysed; missing pairs are computed. The
    margin neighbourhood is each version's full segment list, so one row
    rescored alone gets the same score as in a full run; so do the document
    ``registers`` (per pair key) when the full run's are given back.
    """
    by_label = {v.label: v for v in versions}
    if len(by_label) != len(versions):
        raise DriftError("version labels must be distinct")
    wanted = list(range(len(rows))) if row_indices is None else list(row_indices)
    for i in wanted:
        if not 0 <= i < len(rows):
            raise DriftError(f"row {i} does not exist (there are {len(rows)} rows)")
    if similarity is not None and len(similarity) != len(wanted):
        raise DriftError(f"{len(similarity)} similarity entries for {len(wanted)} rows")
    for i in wanted:
        extra = set(rows[i].cells) - set(by_label)
        if extra:
            raise DriftError(f"row {i} names unknown version(s) {', '.join(sorted(extra))}")
    plan = plan_pairs([v.label for v in versions], chain)
    row_parts = [_row_parts(by_label, rows[i]) for i in wanted]
    joiners = {label: _joiner(v.lang) for label, v in by_label.items()}
    row_texts = [{label: joiners[label](p) for label, p in parts.items()} for parts in row_parts]
    loo = [t for parts in row_parts for label, p in parts.items()
           for t in leave_one_out_texts(p, joiners[label])]
    active = get_detectors(detector_names)
    # a move replaces an omission and an addition: only looked for when omissions are
    one_sided = _one_sided_texts(by_label, rows, joiners) if "omission" in active else {}
    loo += [t for texts in one_sided.values() for t in texts.values()]
    vectors = _Vectors(encoder, by_label, row_texts, loo)
    scorer = Scorer(encoder.model_id)
    moves = {(a, b): find_moves(one_sided, a, b, vectors.of, _scoring(vectors, scorer, a, b))
             for a, b in plan.all_pairs}
    # document-level checks over every row, so that a row rescored alone after a
    # correction is still compared with the rest (a glossary's terms go to ``term``)
    every_text = row_texts if row_indices is None else [
        {label: joiners[label](p) for label, p in _row_parts(by_label, row).items()}
        for row in rows]
    words = _word_vectors(encoder, row_texts)
    registers = pair_registers(plan.all_pairs, {v.label: v.lang for v in versions},
                               every_text, set(wanted), words if "words" in active else None,
                               known=registers)
    document = consistency_findings(every_text, plan.all_pairs, encoder, glossary)
    consistency = document if row_indices is None else [document[i] for i in wanted]
    result: list[RowDrift] = []
    for k, (i, texts, parts) in enumerate(zip(wanted, row_texts, row_parts, strict=True)):
        given = similarity[k] if similarity is not None else {}
        drift = RowDrift()
        findings: dict[Pair, list[Finding]] = {}
        for a, b in plan.all_pairs:
            key = pair_key(a, b)
            text_a, text_b = texts.get(a, ""), texts.get(b, "")
            cos = score = None
            if text_a.strip() and text_b.strip():
                cos, score = _pair_score(vectors, scorer, a, b, text_a, text_b, given.get(key))
                if (a, b) in plan.scored_pairs:
                    drift.score[key] = round(score, 4)
            lone_a = lone_segments(parts.get(a, []), text_a, vectors.of, text_b, joiners[a])
            lone_b = lone_segments(parts.get(b, []), text_b, vectors.of, text_a, joiners[b])
            view = PairView(i, a, b, by_label[a].lang, by_label[b].lang, text_a, text_b, cos,
                            score, expected_length(by_label[a].lang, by_label[b].lang),
                            lone_a, lone_b, encoder=encoder, words=words,
                            word_register=registers.get(key))
            found = [f for detect in active.values() for f in detect(view)
                     if not _explained_by_lone(f, view)]
            found += term_findings(view, glossary) if glossary is not None else []
            found += consistency[k].get((a, b), [])
            move: Move | None = moves[(a, b)].get(i)
            findings[(a, b)] = moved_findings(view, move, found) if move else found
        add_highlights(findings, texts, encoder, words)
        drift.flags = attribute(plan, findings)
        result.append(drift)
    return DriftResult(rows=result, pairs=[pair_key(*p) for p in plan.scored_pairs],
                       hops=[pair_key(*h) for h in plan.hops], method=scorer.method,
                       registers=registers)


def analyse(
    versions: list[Version],
    rows: list[Row],
    encoder: Encoder,
    *,
    chain: Sequence[str] | None = None,
    similarity: list[dict[str, float]] | None = None,
    glossary: Glossary | None = None,
) -> DriftResult:
    """Calibrated scores and drift flags for every row (see the package docstring)."""
    return analyse_rows(versions, rows, encoder, chain=chain, similarity=similarity,
                        glossary=glossary)


__all__ = ["DriftResult", "PairPlan", "RowDrift", "analyse", "analyse_rows", "expected_length"]
