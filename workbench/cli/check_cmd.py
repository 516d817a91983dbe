"""``workbench check``: a QA run over aligned material (a translation memory, a bilingual file).

The file's own pairing is kept -- it is scored and checked, not re-aligned --
the same way ``workbench import --save`` stores it, and its rows are printed
with scores and signals in the JSONL of ``workbench align`` (or as TSV or an
HTML report through :mod:`workbench.export`).
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from workbench.cli.errors import friendly_errors

if TYPE_CHECKING:
    from workbench.comparison import ComparisonRecord

CHECK_FORMATS = ("jsonl", "tsv", "html")


def _split_list(value: str | None) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] if value else []


def glossary_arguments(path: Path | None) -> dict[str, Any]:
    """``{"glossary": ...}`` for :func:`workbench.pipeline.compare`, or ``{}`` without one.

    The glossary reader and the pipeline's ``glossary=`` are looked up only when a
    glossary is given, so that ``check`` works (and says so clearly) without them.
    """
    if path is None:
        return {}
    from workbench.ingest.limits import read_input_file
    from workbench.pipeline import compare

    data = read_input_file(path)
    try:
        from workbench.ingest.glossary import read_glossary
    except ImportError:
        raise click.ClickException("--glossary: this workbench cannot read glossaries "
                                   "(workbench.ingest.glossary is missing)") from None
    if "glossary" not in inspect.signature(compare).parameters:
        raise click.ClickException("--glossary: this workbench's pipeline does not "
                                   "check glossaries yet")
    return {"glossary": read_glossary(data, path.name)}


def check_record(path: Path, chain: str | None, glossary: Path | None,
                 model: str | None) -> ComparisonRecord:
    """Read the aligned material in ``path`` and score and check it with its pairing kept."""
    from workbench.cli.io_cmd import _fill_languages
    from workbench.imported import inputs_from_record
    from workbench.ingest.aligned import read_aligned
    from workbench.ingest.limits import read_input_file
    from workbench.nlp.embed import get_encoder
    from workbench.pipeline import check_chain, compare

    record = read_aligned(read_input_file(path), path.name)
    _fill_languages(record)
    inputs, rows = inputs_from_record(record)
    order = _split_list(chain) or record.chain or None
    check_chain([v.label for v in inputs], order)
    extra = glossary_arguments(glossary)
    result = compare(inputs, get_encoder(model), chain=order, title=record.title or path.name,
                     rows=rows, **extra)
    return result.record


def render_rows(record: ComparisonRecord, fmt: str) -> bytes:
    """JSONL (one ``RowRecord.to_json`` per line, as ``align`` prints) or an export format."""
    if fmt == "jsonl":
        return "".join(json.dumps(row.to_json(), ensure_ascii=False) + "\n"
                       for row in record.rows).encode("utf-8")
    from workbench.export import ExportOptions, export

    return export(record, fmt, ExportOptions())


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
    from workbench.cli.io_cmd import write_atomically

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


__all__ = ["check", "check_record", "render_rows"]
