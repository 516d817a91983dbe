"""DEMETR documents for the drift benchmark: folds, mixed clean/perturbed documents, changed spans.

DEMETR (Karpinska et al. 2022) pairs each zh or ru news sentence with a good
English translation (``mt_sent``) and the same translation with one controlled
change (``pert_sent``). The data lives in ``../shared/data/demetr`` (never in
this repository); only the development half (odd sentence ids) is there.

Folds split it by sentence id so a sentence never sits on both sides:
fold ``A`` (``id % 4 == 1``) is where thresholds and word lists were chosen,
fold ``B`` (``id % 4 == 3``) was held out. Each fold holds only 25 source
sentences per language (35 changed copies each), so one sentence flagged
wrongly moves the clean-row rate by about two points. After fold B had been
measured five times (totals only), it was split by id: ``B1`` (``id % 8 == 3``)
became a second tuning part whose rows were read, ``B2`` (``id % 8 == 7``) is
the held-out part the benchmark reports; its rows are never printed.
"""

from __future__ import annotations

import difflib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.config import shared_dir

MEANING_TYPES: dict[int, str] = {
    3: "hypernym", 4: "codemix", 5: "pp_removed", 6: "addition", 7: "antonym",
    8: "negation", 9: "ne_replaced", 10: "numbers_replaced", 11: "gender", 17: "tense",
    18: "aspect", 19: "question", 20: "shuffled", 21: "adj_adv_removed", 22: "verb_removed",
    23: "noun_removed", 24: "subj_removed", 25: "ne_removed",
}
"""The 18 meaning-changing error types (critical and major) and their short names."""

COSMETIC_TYPES: dict[int, str] = {28: "final_punc_removed", 31: "full_lower", 32: "first_lower"}
"""Edits that change no meaning: a row carrying one must not be flagged."""

REFERENCE_TYPE = 35
"""``pert_sent`` of type 35 is the human reference translation (clean, independent wording)."""

FOLDS: dict[str, tuple[int, int]] = {"A": (4, 1), "B": (4, 3), "B1": (8, 3), "B2": (8, 7)}
"""Fold name -> (modulus, remainder) of the sentence id."""
TUNING_FOLDS = ("A", "B1")
"""Folds whose rows were read while choosing thresholds and rules."""
SEED = 20221207


@dataclass(frozen=True)
class Item:
    """One DEMETR line: a source sentence, its good translation and one changed copy."""

    id: int
    lang: str
    type_id: int
    src: str
    clean: str
    changed: str


def data_path() -> Path:
    return shared_dir() / "data" / "demetr" / "zh-ru.dev.jsonl"


def load_items(fold: str) -> list[Item]:
    """The usable items of ``fold`` (a key of :data:`FOLDS`, or ``all``)."""
    items: list[Item] = []
    with data_path().open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            if not raw.get("pert_check"):
                continue
            if fold != "all" and raw["id"] % FOLDS[fold][0] != FOLDS[fold][1]:
                continue
            items.append(Item(int(raw["id"]), raw["lang"], int(raw["pert_id"]),
                              raw["src_sent"], raw["mt_sent"], raw["pert_sent"]))
    return items


@dataclass
class DocRow:
    """A row of a benchmark document: which item, and whether its English is the changed one."""

    item: Item
    perturbed: bool

    @property
    def english(self) -> str:
        return self.item.changed if self.perturbed else self.item.clean


def mixed_documents(items: list[Item]) -> Iterator[tuple[str, list[DocRow]]]:
    """Per (type, language): a document half clean, half perturbed (fixed seed), and its mirror.

    The mirror swaps clean and perturbed rows, so every item is seen once
    perturbed and once clean, each time in a document of the same make-up.
    """
    groups: dict[tuple[int, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.type_id, item.lang), []).append(item)
    for (type_id, lang), group in sorted(groups.items()):
        group.sort(key=lambda it: it.id)
        rng = random.Random(SEED + type_id * 10 + (lang == "ru"))
        flips = [k % 2 == 0 for k in range(len(group))]
        rng.shuffle(flips)
        for mirror in (False, True):
            rows = [DocRow(it, flip != mirror) for it, flip in zip(group, flips, strict=True)]
            yield f"{type_id}-{lang}-{'b' if mirror else 'a'}", rows


_WORD = re.compile(r"\S+")


def changed_spans(clean: str, changed: str) -> tuple[list[tuple[int, int]], bool]:
    """Character spans of ``changed`` that differ from ``clean``, and whether it is a pure deletion.

    A deleted word leaves a zero-width span at the place where it was.
    """
    # a question mark is a change ("violent." -> "violent?"); other punctuation is not
    a = [(m.start(), m.end(), m.group().lower().strip('.,;:!"')) for m in _WORD.finditer(clean)]
    b = [(m.start(), m.end(), m.group().lower().strip('.,;:!"')) for m in _WORD.finditer(changed)]
    matcher = difflib.SequenceMatcher(a=[w for *_, w in a], b=[w for *_, w in b], autojunk=False)
    spans: list[tuple[int, int]] = []
    pure_deletion = True
    for op, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            point = b[j1][0] if j1 < len(b) else len(changed)
            spans.append((max(point - 1, 0), point))
        else:
            pure_deletion = False
            spans.append((b[j1][0], b[j2 - 1][1]))
    if not spans:  # only case or punctuation changed inside a word
        pure_deletion = False
        spans.append((0, len(changed)))
    return spans, pure_deletion


def span_hit(flag_spans: dict[str, list[list[int]]], src_label: str, en_label: str,
             clean: str, changed: str) -> bool:
    """Do the flag's spans touch the words that were changed?

    English spans must overlap (or, for a deleted word, touch) the changed
    place. For a pure deletion the missing words are shown on the source side,
    which the data cannot check word by word, so a source-side span counts.
    """
    changed_at, deletion = changed_spans(clean, changed)
    for start, end in flag_spans.get(en_label, []):
        if any(start <= e and s <= end for s, e in changed_at):
            return True
    return deletion and bool(flag_spans.get(src_label))
