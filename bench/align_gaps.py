"""Harder variants of the tuning documents: the workbench against the peer where texts differ.

Run ``python -m bench.align_gaps [--kinds omit-src-8 ...] [--details]``. Only the
documents tuned on are used (Text+Berg 001-003, MAC-dev 001-006): each is edited
with a fixed seed the way real versions differ, the gold beads edited to match:

- ``omit-src-k`` / ``omit-tgt-k``: the sentences of about ``k`` consecutive gold
  beads removed from one side (an omitted passage); their partners become 1-0 /
  0-1 beads;
- ``insert-src-k`` / ``insert-tgt-k``: ``k`` consecutive sentences of another
  document of the same corpus inserted on one side (0-1 / 1-0 in the gold);
- ``move-src-k``: about ``k`` sentences of the source moved 30 or more beads on
  (a monotone alignment can keep only one of the two orders: the moved
  sentences and their partners count as lone in the gold);
- ``short-k``: the ``k`` shortest 1-1 gold pairs of the document copied in as one
  block on both sides, in their order (a run of headings or list items);
- ``replace-both-k``: ``k`` source sentences and their partners replaced by unrelated
  sentences on each side (a passage each version tells differently);
- ``omit2-both-k``: ``k`` sentences left out of the source and, a few sentences on,
  ``k`` out of the target (a shifted stretch between two gaps);
- ``swap-tgt-k``: ``k`` pairs of neighbouring target sentences swapped (crossing gold);
- ``split-src-k`` / ``split-tgt-k``: ``k`` sentences of one side each cut in two at the
  comma nearest their middle (a run of 2-1 / 1-2 beads: verse, list items).

Each kind is also applied to the corpus's documents joined into one ("long ..."): a
pair that large is searched on a coarse grid first.

For every kind it prints strict/lax F1 of both methods (same encoder and cache,
same process), the ratio workbench / peer, and the time; ``--details`` adds one
line per edited document. The variants are where settings may be chosen: the
held-out Text+Berg documents 004-007 are never read here.
"""

from __future__ import annotations

import argparse
import os
import random
import time
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from bench.align_eval import Aligner, Doc, Outcome, combine, load_docs, run
from bench.peer_bertalign import align_peer
from workbench.config import shared_dir
from workbench.nlp.align import align_pair

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]
TEXTBERG_TUNED = ["001", "002", "003"]
KINDS = ["none", "omit-src-3", "omit-src-8", "omit-src-20", "omit-tgt-3", "omit-tgt-8",
         "omit-tgt-20", "insert-src-8", "insert-tgt-8", "insert-src-20", "insert-tgt-20",
         "move-src-10", "short-12", "replace-both-5", "replace-both-15", "swap-tgt-6",
         "split-src-15", "split-tgt-15", "omit2-both-4", "omit2-both-10", "omit-src-50",
         "omit-tgt-50", "insert-src-50", "insert-tgt-50"]
SEED = 13


@dataclass
class Corpus:
    label: str
    docs: list[Doc]


def reordered(doc: Doc, side: int, order: Sequence[int | str], cut: Collection[int] = ()) -> Doc:
    """``doc`` with one side rebuilt from ``order`` (old indices or new texts), the gold to match.

    Old segments left out of ``order`` or in ``cut`` lose their gold partners:
    a bead left with one side becomes lone beads; new texts and ``cut`` segments
    are lone in the gold.
    """
    texts = (doc.src, doc.tgt)[side]
    new_index = {old: k for k, old in enumerate(order) if isinstance(old, int)}
    lone_here = [k for k, old in enumerate(order) if isinstance(old, str) or old in cut]
    gold: Pairs = []
    for bead in doc.gold:
        mine = tuple(new_index[i] for i in bead[side] if i in new_index and i not in cut)
        other = bead[1 - side]
        if bead[side] and not mine:
            gold += [_one(side=1 - side, index=j) for j in other]
        elif mine or other:
            gold.append((mine, other) if side == 0 else (other, mine))
    gold += [_one(side, k) for k in lone_here]
    new_texts = [old if isinstance(old, str) else texts[old] for old in order]
    src, tgt = (new_texts, doc.tgt) if side == 0 else (doc.src, new_texts)
    return Doc(doc.name, src, tgt, gold)


def _one(side: int, index: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return ((index,), ()) if side == 0 else ((), (index,))


def middle(rng: random.Random, doc: Doc, room: int) -> tuple[int, int]:
    """The first source and target index of a gold 1-1 bead in the middle 70 % of the
    document, with about ``room`` segments after it."""
    size = min(len(doc.src), len(doc.tgt))
    starts = [(b[0][0], b[1][0]) for b in doc.gold if len(b[0]) == len(b[1]) == 1
              and 0.15 * size <= b[0][0] <= max(0.15 * size, 0.85 * size - room)]
    return rng.choice(starts) if starts else (len(doc.src) // 2, len(doc.tgt) // 2)


def edited(doc: Doc, kind: str, rng: random.Random, foreign: tuple[list[str], list[str]]) -> Doc:
    """``doc`` after the edit ``kind`` (see the module's list), its gold to match."""
    if kind == "none":
        return doc
    action, *rest = kind.split("-")
    count = int(rest[-1])
    side = 1 if rest[0] == "tgt" else 0
    length = len((doc.src, doc.tgt)[side])
    at = middle(rng, doc, 3 * count + (40 if action == "move" else 0))[side]
    old: list[int | str] = list(range(length))
    if action == "omit":
        return reordered(doc, side, old[:at] + old[at + count :])
    if action == "insert":
        pool = foreign[side]
        first = rng.randint(0, max(0, len(pool) - count))
        return reordered(doc, side, old[:at] + list(pool[first : first + count]) + old[at:])
    if action == "move":
        to = rng.randint(min(at + count + 30, length), length)
        order = old[:at] + old[at + count : to] + old[at : at + count] + old[to:]
        return reordered(doc, side, order, cut=set(range(at, at + count)))
    if action == "replace":
        src_first = rng.randint(0, max(0, len(foreign[0]) - count))
        tgt_first = rng.randint(0, max(0, len(foreign[1]) - count))
        if abs(tgt_first - src_first) < 3 * count:  # not each other's translation
            tgt_first = (src_first + len(foreign[1]) // 2) % max(1, len(foreign[1]) - count)
        src_at, _ = middle(rng, doc, 3 * count)
        partners = sorted(j for b in doc.gold if set(b[0]) & set(range(src_at, src_at + count))
                          for j in b[1])
        one_side = edited_side(doc, 0, src_at, count, foreign[0][src_first : src_first + count])
        if not partners:
            return one_side
        tgt_at, tgt_count = partners[0], partners[-1] + 1 - partners[0]
        return edited_side(one_side, 1, tgt_at, tgt_count,
                           foreign[1][tgt_first : tgt_first + tgt_count])
    if action == "omit2":  # one side, then the other a few segments on: a shifted stretch
        src_at, tgt_at = middle(rng, doc, 3 * count + 20)
        one_side = edited_side(doc, 0, src_at, count, [])
        return edited_side(one_side, 1, tgt_at + count + rng.randint(3, 12), count, [])
    if action == "swap":
        ones = {b[0][0]: b[1][0] for b in doc.gold if len(b[0]) == len(b[1]) == 1}
        spots = [j for i, j in ones.items() if ones.get(i + 1) == j + 1]
        order = list(range(len(doc.tgt)))
        for j in sorted(rng.sample(spots, min(count, len(spots)))):
            if order[j] == j and order[j + 1] == j + 1:
                order[j], order[j + 1] = j + 1, j
        return reordered(doc, 1, order)
    if action == "split":
        return split(doc, side, middle(rng, doc, 3 * count)[side], count)
    if action == "short":
        pairs = sorted((b for b in doc.gold if len(b[0]) == len(b[1]) == 1),
                       key=lambda b: len(doc.src[b[0][0]]) + len(doc.tgt[b[1][0]]))[:count]
        pairs.sort()
        src_at, tgt_at = middle(rng, doc, 1)
        src = doc.src[:src_at] + [doc.src[b[0][0]] for b in pairs] + doc.src[src_at:]
        tgt = doc.tgt[:tgt_at] + [doc.tgt[b[1][0]] for b in pairs] + doc.tgt[tgt_at:]
        shift = len(pairs)
        gold: Pairs = [(tuple(i + shift * (i >= src_at) for i in s),
                        tuple(j + shift * (j >= tgt_at) for j in t)) for s, t in doc.gold]
        gold += [((src_at + k,), (tgt_at + k,)) for k in range(shift)]
        return Doc(doc.name, src, tgt, gold)
    raise ValueError(f"unknown variant {kind!r}")


def joined(docs: Sequence[Doc]) -> Doc:
    """The documents one after the other, as one long document (a book of chapters)."""
    src: list[str] = []
    tgt: list[str] = []
    gold: Pairs = []
    for doc in docs:
        gold += [(tuple(i + len(src) for i in s), tuple(j + len(tgt) for j in t))
                 for s, t in doc.gold]
        src += doc.src
        tgt += doc.tgt
    return Doc("all", src, tgt, gold)


def edited_side(doc: Doc, side: int, at: int, count: int, texts: Sequence[str]) -> Doc:
    """``doc`` with ``count`` segments of one side from ``at`` replaced by ``texts``."""
    order: list[int | str] = list(range(len((doc.src, doc.tgt)[side])))
    return reordered(doc, side, order[:at] + list(texts) + order[at + count :])


def halves(text: str) -> list[str]:
    """A sentence cut in two at the comma (or else the space) nearest its middle."""
    cuts = [k + 1 for k, c in enumerate(text) if c in ",;，；、"] or [
        k for k, c in enumerate(text) if c == " "]
    cuts = [k for k in cuts if 0 < k < len(text) - 1]
    if not cuts:
        return [text]
    cut = min(cuts, key=lambda k: abs(2 * k - len(text)))
    return [text[:cut].strip(), text[cut:].strip()]


def split(doc: Doc, side: int, at: int, count: int) -> Doc:
    """Each of the ``count`` segments of one side from ``at`` cut in two (a run of 1-2 beads:
    verse, list items or a translation that splits every sentence)."""
    texts = (doc.src, doc.tgt)[side]
    new_texts: list[str] = []
    new_index: dict[int, list[int]] = {}
    for k, text in enumerate(texts):
        parts = halves(text) if at <= k < at + count else [text]
        new_index[k] = list(range(len(new_texts), len(new_texts) + len(parts)))
        new_texts += parts
    gold: Pairs = []
    for bead in doc.gold:
        mine = tuple(n for i in bead[side] for n in new_index[i])
        gold.append((mine, bead[1]) if side == 0 else (bead[0], mine))
    src, tgt = (new_texts, doc.tgt) if side == 0 else (doc.src, new_texts)
    return Doc(doc.name, src, tgt, gold)


def variants(corpus: Corpus, kinds: Sequence[str], long: bool = True) -> list[Doc]:
    """Every kind of edit of every document (and, with ``long``, of their concatenation:
    the first pass then searches a coarse grid first where the grid is large)."""
    out = []
    docs = corpus.docs + ([joined(corpus.docs)] if long and len(corpus.docs) > 1 else [])
    for number, doc in enumerate(docs):
        other = docs[(number + 1) % len(docs)]
        for kind in kinds:
            rng = random.Random(SEED + zlib.crc32(f"{corpus.label}{doc.name}{kind}".encode()))
            variant = edited(doc, kind, rng, (other.src, other.tgt))
            out.append(replace(variant, name=f"{corpus.label}{doc.name}:{kind}"))
    return out


def corpora() -> list[Corpus]:
    data = shared_dir() / "data"
    found = [Corpus("tb", load_docs(data / "textberg", "de", "fr", TEXTBERG_TUNED)),
             Corpus("mac", load_docs(data / "mac-dev", "zh", "en"))]
    return [c for c in found if c.docs]


def line(label: str, outcomes: dict[str, Outcome]) -> str:
    mine, peer = (outcomes[m].figures() for m in ("workbench", "peer"))
    t_mine, t_peer = (outcomes[m].seconds for m in ("workbench", "peer"))
    return (f"  {label:22} wb {mine['strict_f1']:.4f}/{mine['lax_f1']:.4f}  "
            f"peer {peer['strict_f1']:.4f}/{peer['lax_f1']:.4f}  "
            f"ratio x{mine['strict_f1'] / max(peer['strict_f1'], 1e-9):.4f}/"
            f"x{mine['lax_f1'] / max(peer['lax_f1'], 1e-9):.4f}  "
            f"time {t_mine:.1f}/{t_peer:.1f} s")


def evaluate(kinds: Sequence[str], methods: dict[str, Aligner] | None = None,
             details: bool = False, echo: Callable[[str], None] = print) -> dict[str, Outcome]:
    """Run both methods on every variant; print per corpus and kind; return the wb totals."""
    from workbench.nlp.embed import get_encoder

    encoder = get_encoder(cache=True)
    encoder.encode(["warm-up"])
    methods = methods or {"workbench": align_pair, "peer": align_peer}
    echo("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    echo("strict/lax F1, workbench (wb) and peer, ratio wb / peer, time wb/peer")
    totals: dict[str, dict[str, Outcome]] = {}
    started = time.perf_counter()
    for corpus in corpora():
        docs = variants(corpus, kinds)
        results = {name: run(aligner, docs, encoder) for name, aligner in methods.items()}
        echo(f"== {corpus.label}: {', '.join(d.name for d in corpus.docs)} (tuned on), edited")
        for prefix, whole in (("", False), ("long ", True)):
            for kind in kinds:
                names = [d.name for d in docs if d.name.endswith(f":{kind}")
                         and d.name.startswith(f"{corpus.label}all") == whole]
                if not names:
                    continue
                echo(line(prefix + kind, {m: combine(r, names) for m, r in results.items()}))
                if details and not whole:
                    for name in names:
                        echo("    " + line(name, {m: combine(r, [name])
                                                  for m, r in results.items()}))
        edited_names = [d.name for d in docs if not d.name.endswith(":none")]
        echo(line("all edited", {m: combine(r, edited_names) for m, r in results.items()}))
        for method, per_doc in results.items():
            totals.setdefault(method, {}).update(per_doc)
    every = [n for n in totals["workbench"] if not n.endswith(":none")]
    echo("== both corpora")
    echo(line("all edited", {m: combine(r, every) for m, r in totals.items()}))
    echo(f"wall time {time.perf_counter() - started:.1f} s")
    return {m: combine(r, every) for m, r in totals.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="*", default=KINDS, help=f"variants (of {KINDS})")
    parser.add_argument("--details", action="store_true", help="one line per edited document")
    args = parser.parse_args(argv)
    if not corpora():
        print("skipped: no tuning documents found")
        return 0
    evaluate(args.kinds, details=args.details)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
