"""``workbench import`` and ``workbench export``: read files, write comparisons."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from workbench.cli.errors import friendly_errors
from workbench.cli.saving import save_for_review
from workbench.comparison import ComparisonRecord
from workbench.files import write_atomically
from workbench.imported import fill_languages, inputs_from_record
from workbench.ingest import read_aligned, read_document
from workbench.ingest.aligned import aligned_format
from workbench.ingest.limits import read_input_file
from workbench.nlp.langid import LanguageError, detect_language, normalise_lang
from workbench.nlp.segment import segment_text
from workbench.pipeline import compare


def _language_of(text: str) -> str | None:
    """The detected language of ``text``, or ``None`` when it cannot be told."""
    try:
        return detect_language(text)
    except LanguageError:
        return None


def _document_summary(path: Path, data: bytes, lang: str | None) -> tuple[dict[str, Any], str]:
    document = read_document(data, path.name)
    language = normalise_lang(lang) if lang else _language_of(document.text)
    segments = len(segment_text(document.text, language)) if language and document.text else 0
    summary = {
        "file": str(path), "kind": "document", "format": document.format,
        "encoding": document.encoding, "title": document.title, "language": language,
        "characters": len(document.text),
        "paragraphs": len([p for p in document.text.split("\n\n") if p.strip()]),
        "segments": segments, "warnings": document.warnings,
    }
    return summary, document.text


def _aligned_summary(path: Path, data: bytes) -> tuple[dict[str, Any], ComparisonRecord]:
    record = read_aligned(data, path.name)
    fill_languages(record)
    summary = {
        "file": str(path), "kind": "aligned", "format": aligned_format(data, path.name),
        "title": record.title, "rows": len(record.rows),
        "versions": [{"label": v.label, "lang": v.lang} for v in record.versions],
        "chain": record.chain,
    }
    return summary, record


def _describe(summary: dict[str, Any]) -> str:
    if summary["kind"] == "document":
        encoding = f", encoding {summary['encoding']}" if summary["encoding"] else ""
        lines = [f"{summary['file']}: {summary['format']}{encoding}, language "
                 f"{summary['language'] or '?'}, {summary['characters']:,} characters, "
                 f"{summary['paragraphs']} paragraphs, {summary['segments']} segments"]
        if summary["title"]:
            lines.append(f"  title: {summary['title']}")
    else:
        versions = ", ".join(f"{v['label']} ({v['lang']})" for v in summary["versions"])
        lines = [f"{summary['file']}: aligned {summary['format']}, {summary['rows']} rows, "
                 f"versions {versions}"]
    lines.extend(f"  warning: {w}" for w in summary.get("warnings", []))
    return "\n".join(lines)


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", help="Language of the file(s), e.g. zh (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="Print what was read as JSON.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="With one FILE: write its text (UTF-8) for a document, or JSONL rows for "
                   "aligned material (TMX, XLIFF, CSV, TSV, JSONL).")
@click.option("--save", "project", metavar="PROJECT",
              help="Aligned material only: score and check it (keeping its pairing) and "
                   "store it for review in the browser, under this project.")
@click.option("--chain", help="With --save: the translation chain, e.g. zh,ru,en.")
@friendly_errors
def import_cmd(files: tuple[Path, ...], lang: str | None, as_json: bool,
               output: Path | None, project: str | None, chain: str | None) -> None:
    """Read files and show what was found: format, encoding, language, segments or rows.

    Documents: plain text (any encoding), Markdown, HTML, DOCX, ODT, EPUB, PDF, SRT.
    Aligned material: TMX, XLIFF 1.2/2.x, CSV/TSV, JSONL (kept as paired); with --save
    it becomes a comparison to review in the browser.
    """
    # lazy: `workbench --help` imports every command module (0.3 s of import)
    from workbench.export import export

    if output is not None and len(files) != 1:
        raise click.UsageError("-o/--output takes exactly one FILE")
    summaries: list[dict[str, Any]] = []
    for path in files:
        data = read_input_file(path)
        if aligned_format(data, path.name) is not None:
            summary, record = _aligned_summary(path, data)
            payload = export(record, "jsonl")
            if project:
                _save_aligned(record, project, chain)
        elif project:
            raise click.UsageError(f"{path.name} is not aligned material: compare documents "
                                   "with `workbench align FILE FILE ... --save PROJECT`")
        else:
            summary, text = _document_summary(path, data, lang)
            payload = (text + "\n").encode("utf-8")
        summaries.append(summary)
        if output is not None:
            write_atomically(output, payload)
    if as_json:
        click.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
    else:
        for summary in summaries:
            click.echo(_describe(summary))
    if output is not None:
        click.echo(f"wrote {output}", err=True)


@click.command("export")
@click.argument("comparison", type=click.Path(path_type=Path))
@click.option("--format", "fmt", help="tmx, xliff, csv, tsv, jsonl, xlsx or html "
              "(default: from the -o extension).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here (default: standard output, for text formats).")
@click.option("--rows", "row_filter", type=click.Choice(["all", "accepted", "unflagged"]),
              default="all", show_default=True, help="Which rows to write.")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0),
              help="Only rows whose lowest score is at least this.")
@click.option("--pair", help="Two version labels, e.g. zh,ru: the pair for XLIFF (default: "
              "the first two of the chain); other formats then write only these two.")
@click.option("--no-metadata", is_flag=True, help="JSONL/CSV/TSV: leave out the metadata "
              "line (title, versions) that makes a re-import lossless.")
@friendly_errors
def export_cmd(comparison: Path, fmt: str | None, output: Path | None, row_filter: str,
               min_score: float | None, pair: str | None, no_metadata: bool) -> None:
    """Export COMPARISON as TMX, XLIFF, CSV, TSV, JSONL, XLSX or an HTML report.

    COMPARISON is a file of aligned material (JSONL from `workbench align`, TMX, XLIFF,
    CSV, TSV) or the number of a comparison stored by the web app (the number in its
    address, /comparisons/N), exported with its review status, flags and comments."""
    # lazy: `workbench --help` imports every command module (0.3 s of import)
    from workbench.export import ExportOptions, export, get_format

    if fmt is None:
        if output is None or not output.suffix:
            raise click.UsageError("give --format, or -o FILE with a known extension")
        fmt = output.suffix
    spec = get_format(fmt)
    pair_labels = tuple(p.strip() for p in pair.split(",")) if pair else None
    if pair_labels is not None and len(pair_labels) != 2:
        raise click.BadParameter("give two labels, e.g. zh,ru", param_hint="--pair")
    record = _load_comparison(comparison)
    options = ExportOptions(rows=row_filter, min_score=min_score,
                            pair=pair_labels,
                            metadata=not no_metadata)
    data = export(record, spec.name, options)
    if output is None:
        if spec.binary:
            raise click.UsageError(f"--format {spec.name} is binary: give -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomically(output, data)
    click.echo(f"wrote {spec.name} to {output}", err=True)


def _save_aligned(record: ComparisonRecord, project: str, chain: str | None) -> None:
    """Score and check imported aligned material (its pairing kept) and store it."""
    inputs, rows = inputs_from_record(record)
    order = [c.strip() for c in chain.split(",")] if chain else record.chain
    save_for_review(compare(inputs, chain=order or None, title=record.title, rows=rows), project,
                    inputs)


def _load_comparison(comparison: Path) -> ComparisonRecord:
    """A file of aligned material, or a stored comparison when given its number."""
    name = str(comparison)
    if name.isdigit() and not comparison.exists():
        # lazy: the store (SQLAlchemy, 1.5 s of import) only for a stored comparison
        from workbench.store import StoreError, load_record, session_scope, upgrade_database

        upgrade_database()
        with session_scope() as session:
            try:
                return load_record(session, int(name))
            except (StoreError, LookupError) as exc:
                raise click.ClickException(str(exc)) from None
    return read_aligned(read_input_file(comparison), comparison.name)


__all__ = ["export_cmd", "import_cmd"]
