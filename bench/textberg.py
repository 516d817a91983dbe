"""Text+Berg de-fr: the workbench and the peer (Bertalign's algorithm) on the same documents.

Run ``python -m bench.textberg``. Protocol: the workbench's settings were
chosen on documents 001-003 (and MAC-dev); 004-007 are held out. For each part
it prints strict/lax P/R/F1, the ratio workbench / peer, the time split
(embedding vs alignment) and the error analysis per bead type. By default both
methods share the normal embedding cache (after a first run the embedding
time is mostly cache reads); ``--cold`` gives each method an empty cache of
its own, so that the end-to-end times are real and comparable.
"""

from __future__ import annotations

import argparse

from bench.align_eval import compare, load_docs, report
from bench.peer_bertalign import align_peer
from workbench.config import shared_dir
from workbench.nlp.align import align_pair

TUNED = ["001", "002", "003"]
HELD_OUT = ["004", "005", "006", "007"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true",
                        help="an empty embedding cache per method (real end-to-end times)")
    parser.add_argument("--brief", action="store_true", help="no error analysis")
    parser.add_argument("--docs", nargs="*", help="only these documents (quick checks)")
    args = parser.parse_args(argv)
    docs = load_docs(shared_dir() / "data" / "textberg", "de", "fr", args.docs)
    if not docs:
        print("skipped: Text+Berg data not found")
        return 0
    results = compare({"workbench": align_pair, "peer": align_peer}, docs, cold=args.cold)
    present = {d.name for d in docs}
    tuned = [n for n in TUNED if n in present]
    held = [n for n in HELD_OUT if n in present]
    parts = {"Text+Berg " + ", ".join(tuned): (tuned, "tuned on"),
             "Text+Berg " + ", ".join(held): (held, "held out")}
    if tuned and held:
        parts[f"Text+Berg all {len(docs)}"] = (tuned + held, "001-003 tuned on, the rest held out")
    report(results, {k: v for k, v in parts.items() if v[0]}, details=not args.brief)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
