"""Drift detection on the demo corpora: recall / precision per hop and type, clean-pair flag rates.

``python -m bench.drift_corpora [--align]`` reads every ``corpora/*.json``
manifest with a gold drift file. By default the rows are the gold alignment
(so the figures measure drift detection alone); with ``--align`` the texts
are segmented and aligned by the real pipeline pieces first (``segment_text``
+ ``align_versions``), which measures the whole chain.

A gold drift is found when a flag of the same type and hop sits on the row
that contains its anchor text. A flag is correct when it matches a gold drift;
``low_score`` and ``length`` flags (generic signals, not drift types of the
gold) on a row with a gold drift at that hop count as neither right nor wrong.
The clean-pair rate of a signal type is the share of (row, compared pair) with
no gold drift in that row that got a signal of that type. Every figure counts
the pipeline's own signals (``check_rows``, as a comparison stores them);
gold rows are the rows holding the gold anchor text, never grown from what was
predicted. The demo's texts, its gold and the detectors come from the same
hands, so these figures prove little on their own: ``bench.demetr`` measures
the detectors on data this project did not write.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.config import corpora_dir
from workbench.nlp.align import join_segments
from workbench.nlp.drift.chain import plan_pairs
from workbench.nlp.drift.registry import signal_types
from workbench.nlp.embed import get_encoder
from workbench.nlp.types import Row, Segment, Version
from workbench.pipeline import check_rows

GENERIC = {"low_score", "length"}


@dataclass
class Corpus:
    name: str
    chain: list[str]
    versions: list[Version]
    rows: list[Row]
    gold: list[dict[str, Any]]


def gold_grid(manifest: dict[str, Any], base: Path) -> tuple[list[Version], list[Row]]:
    langs = {v["label"]: v["lang"] for v in manifest["versions"]}
    segments: dict[str, list[str]] = {label: [] for label in langs}
    rows: list[Row] = []
    for line in (base / manifest["gold"]["alignment"]).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold_row = json.loads(line)
        cells: dict[str, tuple[int, ...]] = {}
        for label in langs:
            sentences = gold_row.get(label, [])
            start = len(segments[label])
            segments[label].extend(sentences)
            cells[label] = tuple(range(start, start + len(sentences)))
        rows.append(Row(cells))
    versions = []
    for label, lang in langs.items():
        text = "\n".join(segments[label])
        segs, pos = [], 0
        for i, sentence in enumerate(segments[label]):
            segs.append(Segment(i, sentence, pos, pos + len(sentence)))
            pos += len(sentence) + 1
        versions.append(Version(label, lang, text, segs))
    return versions, rows


def _aligned_grid(manifest: dict[str, Any], base: Path,
                  encoder: Any) -> tuple[list[Version], list[Row]] | None:
    try:
        from workbench.nlp.align import align_versions
        from workbench.nlp.segment import segment_text
    except ImportError:
        return None
    versions = []
    for v in manifest["versions"]:
        text = (base / v["file"]).read_text(encoding="utf-8")
        versions.append(Version(v["label"], v["lang"], text, segment_text(text, v["lang"])))
    texts = {v.label: [s.text for s in v.segments] for v in versions}
    rows = align_versions(texts, encoder)
    return versions, rows


def load_corpora(align: bool, encoder: Any) -> list[Corpus]:
    corpora: list[Corpus] = []
    for path in sorted(corpora_dir().glob("*.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        gold_info = manifest.get("gold") or {}
        if "drift" not in gold_info or "alignment" not in gold_info:
            continue
        grid = _aligned_grid(manifest, path.parent, encoder) if align else None
        if align and grid is None:
            print("note: segment_text / align_versions not available; using the gold alignment")
        versions, rows = grid or gold_grid(manifest, path.parent)
        gold = [json.loads(line) for line in (path.parent / gold_info["drift"])
                .read_text(encoding="utf-8").splitlines() if line.strip()]
        corpora.append(Corpus(path.stem, list(manifest.get("chain") or []), versions, rows, gold))
    return corpora


def _rows_of(anchor: dict[str, str], texts: list[dict[str, str]]) -> set[int]:
    """Rows holding the anchor; when segmentation split it, rows holding its sentences."""
    for label, needle in anchor.items():
        rows = {i for i, row in enumerate(texts) if needle in row.get(label, "")}
        if rows:
            return rows
    pieces = [p for label, needle in anchor.items()
              for p in re.split(r"(?<=[.!?。])\s*", needle) if len(p) >= 8]
    return {i for i, row in enumerate(texts) for label, needle in anchor.items()
            for p in pieces if p in row.get(label, "")}


def evaluate(corpus: Corpus, encoder: Any) -> dict[str, Any]:
    records = check_rows(corpus.versions, corpus.rows, encoder, chain=corpus.chain or None)[0]
    by_label = {v.label: v for v in corpus.versions}
    texts = [{label: join_segments([by_label[label].segments[i].text for i in idx],
                                   by_label[label].lang)
              for label, idx in row.cells.items()} for row in corpus.rows]
    predicted = [(i, f) for i, r in enumerate(records) for f in r.flags]
    gold_rows = [(_rows_of(g["anchor"], texts), g) for g in corpus.gold]
    for rows, g in gold_rows:
        if not rows:
            print(f"  warning: gold anchor not found: {g['anchor']}")
    found: Counter[tuple[str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    missed: list[str] = []
    for rows, g in gold_rows:
        totals[(g["hop"], g["type"])] += 1
        if any(i in rows and f.type == g["type"] and f.hop == g["hop"] for i, f in predicted):
            found[(g["hop"], g["type"])] += 1
        else:
            flags = [f"{f.hop} {f.type}" for i, f in predicted if i in rows]
            missed.append(f"rows {sorted(rows)} {g['hop']} {g['type']} {g['anchor']} "
                          f"(flags: {flags})")
    right: Counter[tuple[str, str]] = Counter()
    made: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    gold_at = {(row, g["hop"]) for rows, g in gold_rows for row in rows}
    for i, f in predicted:
        match = any(i in rows and g["type"] == f.type and g["hop"] == f.hop
                    for rows, g in gold_rows)
        if not match and f.type in GENERIC and (i, f.hop) in gold_at:
            continue
        made[(f.hop, f.type)] += 1
        if match:
            right[(f.hop, f.type)] += 1
        else:
            wrong.append(f"row {i} {f.hop} {f.type}: {f.detail[:110]}")
    return {"found": found, "totals": totals, "right": right, "made": made, "wrong": wrong,
            "missed": missed,
            "clean": clean_rates(corpus, {r for rows, _ in gold_rows for r in rows}, predicted)}


def clean_rates(corpus: Corpus, gold_rows: set[int],
                predicted: list[tuple[int, Any]]) -> dict[str, tuple[int, int]]:
    """Per signal type: (clean pairs flagged, clean pairs), from the pipeline's own flags.

    A clean pair is a compared pair of versions (both sides non-empty) in a row
    that holds no gold drift at all.
    """
    plan = plan_pairs([v.label for v in corpus.versions], corpus.chain or None)
    clean_pairs = {(i, f"{a}|{b}") for i, row in enumerate(corpus.rows) if i not in gold_rows
                   for a, b in plan.all_pairs if row.cells.get(a) and row.cells.get(b)}
    flagged: dict[str, set[tuple[int, str]]] = {}
    for i, f in predicted:
        if (i, f.hop) in clean_pairs:
            flagged.setdefault(f.type, set()).add((i, f.hop))
    names = set(signal_types()) | set(flagged)
    return {name: (len(flagged.get(name, ())), len(clean_pairs)) for name in sorted(names)}


def _recall_precision(ev: dict[str, Any], part: int, value: str) -> str:
    """Recall and precision over the (hop, type) counts whose ``part`` equals ``value``."""
    def total(name: str) -> int:
        return sum(v for key, v in ev[name].items() if key[part] == value)

    return (f"recall {_ratio(total('found'), total('totals')):14} "
            f"precision {_ratio(total('right'), total('made'))}")


def _ratio(n: int, d: int) -> str:
    return f"{n / d:.2f} ({n}/{d})" if d else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--align", action="store_true", help="align with the real pipeline first")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong flags")
    args = parser.parse_args(argv)
    encoder = get_encoder()
    corpora = load_corpora(args.align, encoder)
    if not corpora:
        print(f"skipped: no corpus with gold drift under {corpora_dir()}")
        return 0
    for corpus in corpora:
        print(f"== {corpus.name}: {len(corpus.rows)} rows, chain {corpus.chain}, "
              f"{len(corpus.gold)} gold drifts, model {encoder.model_id}")
        ev = evaluate(corpus, encoder)
        for hop in sorted({h for h, _ in ev["totals"]} | {h for h, _ in ev["made"]}):
            print(f"hop {hop:6} {_recall_precision(ev, 0, hop)}")
        for kind in sorted({k for _, k in ev["totals"]} | {k for _, k in ev["made"]}):
            print(f"  type {kind:10} {_recall_precision(ev, 1, kind)}")
        print("clean-pair flag rate per signal type (goal <= 0.05):")
        for name, (n, d) in ev["clean"].items():
            print(f"  {name:10} {_ratio(n, d)}")
        if args.verbose:
            for line in ev["wrong"]:
                print("  wrong:", line)
            for line in ev["missed"]:
                print("  missed:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
