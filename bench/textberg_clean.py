"""False flags of the whole pipeline on Text+Berg's clean de-fr gold beads (a pair never fitted).

``python -m bench.textberg_clean`` runs the real pipeline (pairing kept, chain
de -> fr, every detector) on the paired gold beads of Text+Berg, one document
per file: 001-003 the tuning part (read while writing the de/fr clock times),
004-007 the report part (never read). German and French have no fitted limits,
so the checks that need them (the ``words`` check, the register) are off; this
bench shows what the others do on a pair of languages the rules were not
written for.
"""

from __future__ import annotations

from collections import Counter

from bench.align_eval import load_docs
from bench.demetr_clean import pipeline_flags, rates
from workbench.config import shared_dir
from workbench.nlp.embed import get_encoder

PARTS = {"tune": ["001", "002", "003"], "report": ["004", "005", "006", "007"]}


def main(argv: list[str] | None = None) -> int:
    docs = load_docs(shared_dir() / "data" / "textberg", "de", "fr")
    if not docs:
        print("skipped: Text+Berg data not found")
        return 0
    encoder = get_encoder()
    print("Text+Berg de-fr clean gold beads, whole pipeline (no fitted limits for de|fr)")
    for part, names in PARTS.items():
        rows = []
        for doc in (d for d in docs if d.name in names):
            beads = [(src, tgt) for src, tgt in doc.gold if src and tgt]
            pairs = [(" ".join(doc.src[i] for i in src), " ".join(doc.tgt[j] for j in tgt))
                     for src, tgt in beads]
            rows += pipeline_flags("de", pairs, encoder, target="fr")
        any_rate, per_type, _ = rates(rows)
        shares = ", ".join(f"{t} {c / len(rows):.3f}" for t, c in Counter(per_type).most_common())
        tuned = "tuned on" if part == "tune" else "not tuned on"
        print(f"  {part:<7} ({tuned}, {', '.join(names)}): {len(rows)} beads, any signal "
              f"{any_rate:.3f}; {shares or 'no signal'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
