"""``workbench check``: a QA run over aligned material (a translation memory, a bilingual file).

The file's own pairing is kept -- it is scored and checked, not re-aligned --
the same way ``workbench import --save`` stores it, and its rows are printed
with scores and signals in the JSONL of ``workbench align`` (or as TSV or an
HTML report through :mod:`workbench.export`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli.errors import friendly_errors
from workbench.comparison import ComparisonRecord
from workbench.files import write_atomically
from workbench.imported import check_aligned
from workbench.ingest.limits import read_input_file
from workbench.nlp.embed import get_encoder

CHECK_FORMATS = ("jsonl", "tsv", "html")


def _split_list(value: str | None) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] if value else []


def check_record(path: Path, chain: str | None, glossary: Path | None,
                 model: str | None) -> ComparisonRecord:
    """Read the aligned material in ``path`` and score and check it with its pairing kept."""
    terms = (read_input_file(glossary), glossary.name) if glossary is not None else None
    return check_aligned(read_input_file(path), path.name, _split_list(chain) or None,
                         terms, get_encoder(model))


@click.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--chain", help="Translation chain, e.g. zh,ru,en (default: the file's own, "
              "if it names one).")
@click.option("--glossary", type=click.Path(path_type=Path),
              help="A term list (CSV/TSV, one column per language, or TBX): report source "
                   "terms whose required rendering is missing or a forbidden one is used.")
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="jsonl",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here (default: standard output).")
@click.option("--model", help="A sentence-transformers model name or path (default: "
              "$WORKBENCH_MODEL or the embedded multilingual-e5-small).")
@friendly_errors
def check(file: Path, chain: str | None, glossary: Path | None, fmt: str,
          output: Path | None, model: str | None) -> None:
    """Score and check aligned material (TMX, XLIFF, CSV/TSV, JSONL), keeping its pairing.

    One JSONL object per row, as `workbench align` prints: {"row", "segments", "text",
    "similarity", "score", "flags"}; each flag gives its type, hop, severity, reason
    (in English, and as a message key with arguments) and character spans.
    """
    # lazy: `workbench --help` imports every command module (0.3 s of import)
    from workbench.export import render_rows

    record = check_record(file, chain, glossary, model)
    data = render_rows(record, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomically(output, data)
    flagged = sum(1 for row in record.rows if row.flags)
    click.echo(f"checked {len(record.rows)} rows ({flagged} with signals); wrote {output}",
               err=True)


__all__ = ["check", "check_record"]
