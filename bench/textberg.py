"""Text+Berg de-fr: strict/lax P/R/F1 per document and overall, and the time split.

Run ``python -m bench.textberg`` (same as ``workbench eval textberg``). The
embedding cache is a fresh temporary directory, so embedding time is real.
"""

from __future__ import annotations

from workbench.cli.eval_cmd import run_textberg
from workbench.config import shared_dir


def main() -> None:
    run_textberg(shared_dir() / "data" / "textberg", print)


if __name__ == "__main__":
    main()
