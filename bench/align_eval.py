"""Shared harness of the alignment benchmarks: the workbench and the peer on the same documents.

Each method gets its own :class:`TimedEncoder` around the same cached encoder
(same model, same cache, same process), so the time split (embedding vs the
rest) is per method. With ``cold=True`` each method instead gets an empty
cache of its own, so both pay for every text they need: the end-to-end times
are then real and comparable.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.cli.eval_cmd import TimedEncoder
from workbench.nlp.align.textberg import Pairs, Scores, read_gold
from workbench.nlp.types import Bead, Encoder

Aligner = Callable[[list[str], list[str], Encoder], list[Bead]]
SHOWN_TYPES = ["1-1", "1-2", "2-1", "1-3", "3-1", "2-2", "1-0", "0-1"]


@dataclass
class Doc:
    name: str
    src: list[str]
    tgt: list[str]
    gold: Pairs


def load_docs(
    folder: Path, src_dir: str, tgt_dir: str, names: Sequence[str] | None = None
) -> list[Doc]:
    """Documents present in ``src_dir/``, ``tgt_dir/`` and ``gold/`` (all, or the ``names``)."""
    gold_dir = folder / "gold"
    if not gold_dir.is_dir():
        return []
    found = sorted(p.name for p in gold_dir.iterdir() if (folder / src_dir / p.name).is_file()
                   and (folder / tgt_dir / p.name).is_file())
    return [Doc(name, _lines(folder / src_dir / name), _lines(folder / tgt_dir / name),
                read_gold(gold_dir / name))
            for name in found if names is None or name in names]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def kind(bead: tuple[tuple[int, ...], tuple[int, ...]]) -> str:
    return f"{len(bead[0])}-{len(bead[1])}"


@dataclass
class Tally:
    """Error analysis per bead type: gold count, predicted count, exactly right."""

    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Pairs, test: Pairs) -> None:
        gold_set = set(gold)
        self.gold.update(kind(b) for b in gold)
        self.predicted.update(kind(b) for b in test)
        self.correct.update(kind(b) for b in test if b in gold_set)

    def lines(self) -> list[str]:
        types = SHOWN_TYPES + sorted(set(self.gold) | set(self.predicted) - set(SHOWN_TYPES),
                                     key=lambda t: (sum(map(int, t.split("-"))), t))
        seen = list(dict.fromkeys(t for t in types if self.gold[t] or self.predicted[t]))
        return [f"{t:>5}: gold {self.gold[t]:4d}  predicted {self.predicted[t]:4d}  "
                f"correct {self.correct[t]:4d}" for t in seen]


@dataclass
class Outcome:
    """One method on one part: scores, error analysis, time split."""

    scores: Scores = field(default_factory=Scores)
    tally: Tally = field(default_factory=Tally)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """Processor time of the process (all threads): fairer than wall time on a shared machine."""
    embed_seconds: float = 0.0
    texts: int = 0

    def figures(self) -> dict[str, float]:
        return self.scores.figures()


def run(aligner: Aligner, docs: Sequence[Doc], encoder: Encoder,
        label: str = "") -> dict[str, Outcome]:
    """Align every document; per-document outcomes keyed by name (progress on stderr)."""
    results: dict[str, Outcome] = {}
    for doc in docs:
        timed = TimedEncoder(encoder)
        started, cpu_started = time.perf_counter(), time.process_time()
        beads = aligner(doc.src, doc.tgt, timed)
        out = Outcome(seconds=time.perf_counter() - started,
                      cpu_seconds=time.process_time() - cpu_started,
                      embed_seconds=timed.seconds, texts=timed.texts)
        test = [(b.src, b.tgt) for b in beads]
        out.scores.add(doc.gold, test)
        out.tally.add(doc.gold, test)
        results[doc.name] = out
        if label:
            print(f"[{label} {doc.name}: {out.seconds:.1f} s, {out.texts} texts]", file=sys.stderr)
    return results


def combine(per_doc: dict[str, Outcome], names: Sequence[str]) -> Outcome:
    total = Outcome()
    for name in names:
        part = per_doc[name]
        total.scores.counts += part.scores.counts
        for mine, theirs in ((total.tally.gold, part.tally.gold),
                             (total.tally.predicted, part.tally.predicted),
                             (total.tally.correct, part.tally.correct)):
            mine.update(theirs)
        total.seconds += part.seconds
        total.cpu_seconds += part.cpu_seconds
        total.embed_seconds += part.embed_seconds
        total.texts += part.texts
    return total


def fresh_cached_encoder(folder: Path) -> Encoder:
    """The default model behind an empty cache in ``folder`` (cold timings)."""
    from workbench.nlp.embed import CachedEncoder, get_encoder

    return CachedEncoder(get_encoder(cache=False), folder / "cold.sqlite3")


def compare(
    methods: dict[str, Aligner], docs: Sequence[Doc], cold: bool = False
) -> dict[str, dict[str, Outcome]]:
    """Every method on every document: ``{method: {doc: outcome}}``."""
    from workbench.nlp.embed import get_encoder

    results: dict[str, dict[str, Outcome]] = {}
    shared = get_encoder(cache=True)
    shared.encode(["warm-up"])  # loading the model is not part of aligning
    for name, aligner in methods.items():
        if cold:
            with tempfile.TemporaryDirectory(prefix="workbench-bench-") as tmp:
                results[name] = run(aligner, docs, fresh_cached_encoder(Path(tmp)), name)
        else:
            results[name] = run(aligner, docs, shared, name)
    return results


def report(
    results: dict[str, dict[str, Outcome]],
    parts: dict[str, tuple[Sequence[str], str]],
    echo: Callable[[str], None] = print,
    details: bool = True,
) -> dict[str, dict[str, dict[str, float]]]:
    """Print per part (``{label: (doc names, "tuned on" / "held out")}``) each method's figures,
    the ratio workbench / peer, the time split and the error analysis; return the figures."""
    figures: dict[str, dict[str, dict[str, float]]] = {}
    methods = list(results)
    echo("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    for label, (names, role) in parts.items():
        echo(f"== {label} ({', '.join(names)}): {role}")
        figures[label] = {}
        outcomes = {m: combine(results[m], names) for m in methods}
        for method, out in outcomes.items():
            f = out.figures()
            figures[label][method] = {**f, "seconds": out.seconds, "cpu_seconds": out.cpu_seconds}
            rest = out.seconds - out.embed_seconds
            echo(f"  {method:9} strict P/R/F1 {f['strict_p']:.4f}/{f['strict_r']:.4f}/"
                 f"{f['strict_f1']:.4f}  lax {f['lax_p']:.4f}/{f['lax_r']:.4f}/{f['lax_f1']:.4f}"
                 f"  time {out.seconds:.1f} s (embedding {out.embed_seconds:.1f} s for "
                 f"{out.texts} texts, alignment {rest:.2f} s; processor {out.cpu_seconds:.1f} s)")
        if len(methods) == 2:
            mine, peer = (outcomes[m].figures() for m in methods)
            t_mine, t_peer = (outcomes[m].seconds for m in methods)
            c_mine, c_peer = (outcomes[m].cpu_seconds for m in methods)
            strict = mine["strict_f1"] / max(peer["strict_f1"], 1e-9)
            lax = mine["lax_f1"] / max(peer["lax_f1"], 1e-9)
            echo(f"  {methods[0]} / {methods[1]}: strict F1 x{strict:.4f}  lax F1 x{lax:.4f}"
                 f"  time x{t_mine / max(t_peer, 1e-9):.2f}"
                 f" (processor time x{c_mine / max(c_peer, 1e-9):.2f})")
        if details:
            for method, out in outcomes.items():
                echo(f"  error analysis per bead type, {method}:")
                for line in out.tally.lines():
                    echo(f"    {line}")
    return figures
