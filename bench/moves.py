"""Moved sentences on Text+Berg: how many one-sided rows the ``moved`` flag explains, and how well.

Run ``python -m bench.moves``. Each document is aligned by the workbench
(monotone, so a reordered sentence leaves one lone row on each side) and
analysed for drift; a ``moved`` flag is right when the gold alignment pairs a
segment of its row with a segment of the row it names. Skips when the data
in ``../shared/data/textberg`` is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.config import shared_dir
from workbench.nlp.align import align_versions
from workbench.nlp.align.textberg import documents, read_gold
from workbench.nlp.drift import analyse
from workbench.nlp.embed import get_encoder
from workbench.nlp.types import Row, Segment, Version

ROW = re.compile(r"in row (\d+)")


def _version(label: str, lines: list[str]) -> Version:
    return Version(label, label, " ".join(lines),
                   [Segment(i, s, 0, len(s)) for i, s in enumerate(lines)])


def _moves(rows: list[Row], versions: list[Version]) -> list[tuple[int, int, str]]:
    """(row, other row, reason) of each moved flag on a de row."""
    result = analyse(versions, rows, get_encoder(), chain=["de", "fr"])
    found = []
    for k, (row, drift) in enumerate(zip(rows, result.rows, strict=True)):
        for flag in drift.flags:
            match = ROW.search(flag.detail)
            if flag.type == "moved" and row.cells.get("de") and match:
                found.append((k, int(match.group(1)) - 1, flag.detail))
    return found


def main() -> int:
    folder = shared_dir() / "data" / "textberg"
    names = documents(folder)
    if not names:
        print(f"skipped: Text+Berg data not found under {folder}")
        return 0
    right = wrong = lone = 0
    for name in names:
        de = _read(folder / "de" / name)
        fr = _read(folder / "fr" / name)
        rows = align_versions({"de": de, "fr": fr}, get_encoder())
        gold = {(i, j) for s, t in read_gold(folder / "gold" / name) for i in s for j in t}
        lone += sum(1 for r in rows if not (r.cells.get("de") and r.cells.get("fr")))
        for k, other, detail in _moves(rows, [_version("de", de), _version("fr", fr)]):
            good = any((i, j) in gold for i in rows[k].cells["de"] for j in rows[other].cells["fr"])
            right, wrong = right + good, wrong + (not good)
            print(f"{name} row {k + 1} <-> row {other + 1}: {'right' if good else 'WRONG'}: "
                  f"{detail[-22:]}")
    print(f"one-sided rows {lone}; moves found {right + wrong}: right {right}, wrong {wrong} "
          f"(each move explains two one-sided rows)")
    return 0


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


if __name__ == "__main__":
    raise SystemExit(main())
