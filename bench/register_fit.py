"""Choose how the ``words`` detector's added limit follows a document's register.

``python -m bench.register_fit [--write]`` reads the register
(:mod:`workbench.nlp.drift.register`) of tuning documents only:

* DEMETR's tuning folds A and B1, one document per error type and language,
  half clean and half perturbed, as :mod:`bench.demetr` builds them (news);
* Tatoeba's even lines, one document per language (conversation; the odd lines
  are the report half of :mod:`bench.demetr_clean`);
* MAC-dev's odd chapters 001, 003, 005, one document per chapter, every gold
  bead with text on both sides (literary zh-en).

Per language pair, ``floor`` is the lowest register of the news and
conversation documents, so that they keep the fixed limit; ``scale`` is the
smallest step of :data:`SCALES` at which MAC-dev's odd chapters, pooled, trip
the added check on at most :data:`CLEAN_RATE` of their rows (zh-en; a pair
with no literary corpus here takes the zh-en scale). It prints every
document's register and trip rate at the fixed and at the moved limit, MAC-dev's
even chapters (never fitted on) included. ``--write`` stores both under
``added_register`` in ``workbench/nlp/drift/calibration.json``. The held-out
DEMETR fold B2 is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from bench.demetr_data import MEANING_TYPES, TUNING_FOLDS, data_path, load_items, mixed_documents
from bench.demetr_fit import CLEAN_RATE, _tatoeba
from bench.tatoeba_auc import OUT
from workbench.config import shared_dir
from workbench.nlp.drift.detectors.words import limits_for, unpaired_bests
from workbench.nlp.drift.register import document_register, sample_rows, shifted_limit
from workbench.nlp.drift.wordvec import WordVectors
from workbench.nlp.embed import get_encoder

SCALES = tuple(k / 4 for k in range(0, 25))
"""Scales tried, smallest first (0 keeps the fixed limit everywhere)."""

Document = tuple[str, str, str, list[tuple[str, str]]]
"""A document: its name, its kind (news, conversation, literary, held out), the source
language and its ``(source, English)`` rows."""


def _mac_chapters() -> list[Document]:
    folder = shared_dir() / "data" / "mac-dev"
    docs: list[Document] = []
    for gold in sorted((folder / "gold").glob("*")):
        zh = (folder / "zh" / gold.name).read_text(encoding="utf-8").splitlines()
        en = (folder / "en" / gold.name).read_text(encoding="utf-8").splitlines()
        rows: list[tuple[str, str]] = []
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, right = (json.loads(side) for side in line.split(":"))
            src = "".join(zh[i].strip() for i in left)
            tgt = " ".join(en[j].strip() for j in right)
            if src and tgt:
                rows.append((src, tgt))
        kind = "literary" if int(gold.name) % 2 == 1 else "held out"
        docs.append((f"MAC-dev {gold.name}", kind, "zh", rows))
    return docs


def documents() -> list[Document]:
    items = [item for fold in TUNING_FOLDS for item in load_items(fold)]
    docs: list[Document] = [
        (f"DEMETR {name}", "news", rows[0].item.lang,
         [(r.item.src, r.english) for r in rows])
        for name, rows in mixed_documents([it for it in items if it.type_id in MEANING_TYPES])]
    tatoeba = sorted(_tatoeba())
    for lang in ("zh", "ru"):
        docs.append((f"Tatoeba {lang} even", "conversation", lang,
                     [(src, en) for src, lg, en in tatoeba if lg == lang]))
    return docs + _mac_chapters()


Read = dict[str, tuple[float | None, list[list[float] | None]]]
"""Per document: its register and each row's unpaired-word matches."""


def _trips(rows: list[list[float] | None], limit: float) -> tuple[int, int]:
    """Rows read word by word, and those with an unpaired English word below ``limit``."""
    read = [r for r in rows if r is not None]
    return len(read), sum(min(r, default=1.0) < limit for r in read)


def fit(docs: Sequence[Document], words: WordVectors,
        rate: float) -> dict[str, dict[str, float]]:
    read: Read = {}
    for name, _, lang, rows in docs:
        def unpaired(a: str, b: str, lang: str = lang) -> list[float] | None:
            return unpaired_bests(a, lang, b, "en", words)
        read[name] = (document_register(rows, unpaired), [unpaired(a, b) for a, b in rows])
    settings: dict[str, dict[str, float]] = {}
    for lang in sorted({lang for _, _, lang, _ in docs}):
        limits = limits_for(lang, "en")
        if limits is None:
            continue
        fixed = limits["added_below"]
        floor = min(r for name, kind, lg, _ in docs if lg == lang
                    and kind in ("news", "conversation") and (r := read[name][0]) is not None)
        literary = [name for name, kind, lg, _ in docs if lg == lang and kind == "literary"]
        scale = None
        for k in SCALES if literary else ():
            counts = [_trips(read[n][1], shifted_limit(fixed, read[n][0],
                                                       {"floor": floor, "scale": k}))
                      for n in literary]
            if sum(t for _, t in counts) <= rate * sum(r for r, _ in counts):
                scale = k
                break
        settings[f"{lang}|en"] = {"floor": round(floor, 4),
                                  "scale": SCALES[-1] if literary and scale is None
                                  else (scale if scale is not None else -1.0)}
    borrowed = next((s["scale"] for s in settings.values() if s["scale"] >= 0), 0.0)
    for setting in settings.values():
        if setting["scale"] < 0:
            setting["scale"] = borrowed
    settings["*"] = {"floor": min(s["floor"] for s in settings.values()), "scale": borrowed}
    _report(docs, read, settings)
    return settings


def _report(docs: Sequence[Document], read: Read,
            settings: dict[str, dict[str, float]]) -> None:
    for name, kind, lang, _ in docs:
        register, rows = read[name]
        limits = limits_for(lang, "en")
        if limits is None:
            continue
        setting = settings[f"{lang}|en"]
        moved = shifted_limit(limits["added_below"], register, setting)
        n, fixed_trips = _trips(rows, limits["added_below"])
        _, moved_trips = _trips(rows, moved)
        shown = "none" if register is None else f"{register:.3f}"
        print(f"  {name:<26}{kind:<13}{n:>5} rows  register {shown}  limit {moved:.4f}  "
              f"trips {fixed_trips / max(n, 1):.3f} -> {moved_trips / max(n, 1):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the setting")
    parser.add_argument("--rate", type=float, default=CLEAN_RATE,
                        help=f"share of literary rows the added check may trip ({CLEAN_RATE})")
    args = parser.parse_args(argv)
    if not data_path().is_file():
        print(f"skipped: {data_path()} not found")
        return 0
    docs = documents()
    texts = [t for _, _, _, rows in docs for k in sample_rows(len(rows)) for t in rows[k]]
    texts += [t for _, _, _, rows in docs for row in rows for t in row]
    settings = fit(docs, WordVectors(get_encoder(), texts), args.rate)
    print("fitted on DEMETR folds A+B1, Tatoeba even lines, MAC-dev 001/003/005; "
          f"MAC-dev 002/004/006 never fitted: {settings}")
    if args.write:
        data = json.loads(OUT.read_text(encoding="utf-8"))
        data["added_register"] = {
            "about": "written by python -m bench.register_fit --write (floor: lowest register "
                     "of DEMETR A+B1 and Tatoeba even documents; scale: MAC-dev 001/003/005 "
                     f"trip the added check on at most {args.rate} of rows)", **settings}
        OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
