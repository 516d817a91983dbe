"""The document sets of ``bench.batch``: slices of gold-aligned texts, cut at bead boundaries.

35 German/French sets from the Text+Berg documents in ``../shared/data/textberg``
(spread over its 7 documents) and 5 Chinese/Russian/English sets from
``corpora/`` (the ``sco-neighbors`` gold), each ``rows`` gold beads long.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbench.config import corpora_dir, shared_dir

CHAIN_SCO = ("zh", "ru", "en")
SCO_SETS = 5


def _starts(count: int, size: int, wanted: int) -> list[int]:
    """``wanted`` start offsets of non-overlapping ``size``-row slices spread over ``count``."""
    if count < size:
        return []
    last = count - size
    wanted = min(wanted, last // size + 1)
    return sorted({round(k * last / max(1, wanted - 1)) for k in range(wanted)})


def _textberg_sets(folder: Path, rows: int, per_document: int, out: Path) -> list[str]:
    names = []
    for gold in sorted((folder / "gold").iterdir()):
        pairs = []
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, _, right = line.partition(":")
            de, fr = json.loads(left), json.loads(right)
            if de and fr:
                pairs.append((de, fr))
        lines = {lang: (folder / lang / gold.name).read_text(encoding="utf-8").splitlines()
                 for lang in ("de", "fr")}
        for start in _starts(len(pairs), rows, per_document):
            chunk = pairs[start : start + rows]
            name = f"tb{gold.name}-{start:03d}"
            for lang, column in (("de", 0), ("fr", 1)):
                indices = [i for pair in chunk for i in pair[column]]
                text = "\n".join(lines[lang][min(indices) : max(indices) + 1])
                (out / f"{name}.{lang}.txt").write_text(text + "\n", "utf-8")
            names.append(name)
    return names


def _sco_sets(rows: int, wanted: int, out: Path) -> list[str]:
    gold = corpora_dir() / "gold" / "sco-neighbors.alignment.jsonl"
    entries = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    entries = [e for e in entries if all(e.get(lang) for lang in CHAIN_SCO)]
    names = []
    for start in _starts(len(entries), rows, wanted):
        name = f"sco-{start:03d}"
        for lang in CHAIN_SCO:
            text = "\n\n".join(" ".join(e[lang]) for e in entries[start : start + rows])
            (out / f"{name}.{lang}.txt").write_text(text + "\n", "utf-8")
        names.append(name)
    return names


def build_sets(out: Path, rows: int, sets: int) -> list[str]:
    """Write up to ``sets`` sets into ``out`` (5 from corpora/, the rest from Text+Berg); their
    names. Fewer when the texts are too short for that many slices of ``rows`` beads."""
    textberg = shared_dir() / "data" / "textberg"
    documents = len(list((textberg / "gold").iterdir()))
    names = _sco_sets(rows, min(SCO_SETS, sets), out)
    wanted = sets - len(names)
    names += _textberg_sets(textberg, rows, -(-wanted // documents), out)[:wanted]
    keep = set(names)
    for path in out.iterdir():
        if path.name.split(".")[0] not in keep:
            path.unlink()
    return sorted(names)


__all__ = ["build_sets"]
