"""Text+Berg de-fr: strict/lax P/R/F1 per document and overall, and the time split.

Run ``python -m bench.textberg`` (same as ``workbench eval textberg``). By
default the embedding cache is a fresh temporary directory, so embedding time
is real (a cold-cache, end-to-end figure). ``--reuse-cache`` uses the normal
cache (``$WORKBENCH_CACHE``) instead: after a first run, re-aligning costs no
embedding time, which is what tuning runs want; their timings are not cold.
"""

from __future__ import annotations

import argparse

from workbench.cli.eval_cmd import run_textberg
from workbench.config import shared_dir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-cache", action="store_true",
                        help="use the normal embedding cache instead of a fresh one")
    args = parser.parse_args(argv)
    run_textberg(shared_dir() / "data" / "textberg", print, fresh_cache=not args.reuse_cache)


if __name__ == "__main__":
    main()
