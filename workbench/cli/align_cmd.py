"""``workbench align`` and ``workbench drift``: compare versions of a text from the shell."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from workbench.aligned import AlignedComparison, VersionInput
from workbench.cli.errors import friendly_errors
from workbench.cli.saving import SAVE_HELP, save_for_review
from workbench.comparison import ComparisonRecord
from workbench.files import read_inputs
from workbench.ingest.glossary import read_glossary
from workbench.ingest.limits import read_input_file
from workbench.ingest.versions import check_versions
from workbench.nlp.drift.glossary import Glossary
from workbench.nlp.embed import get_encoder
from workbench.pipeline import compare

F = TypeVar("F", bound=Callable[..., Any])


def _split_list(value: str | None) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] if value else []


def comparison_options(func: F) -> F:
    """The options ``align`` and ``drift`` share."""
    options = [
        click.argument("files", nargs=-1, type=click.Path(path_type=Path), required=True),
        click.option("--lang", "langs", help="Languages of the files in order, e.g. zh,ru,en "
                     "(default: detected)."),
        click.option("--labels", help="Labels of the versions in order (default: language "
                     "codes, or file names when a language repeats)."),
        click.option("--segmented", is_flag=True, help="Files hold one segment per line."),
        click.option("--chain", help="Translation chain, e.g. zh,ru,en: zh was translated into "
                     "ru, ru into en. Drift is attributed to the hop where it first appears."),
        click.option("--model", help="A sentence-transformers model name or path (default: "
                     "$WORKBENCH_MODEL or the embedded multilingual-e5-small)."),
        click.option("--title", default="", help="A title for the comparison."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def load_glossary(path: Path | None) -> Glossary | None:
    """The glossary in ``path`` (CSV, TSV or TBX), or ``None`` without one."""
    if path is None:
        return None
    return read_glossary(read_input_file(path), path.name)


def run_comparison(
    files: Sequence[Path], langs: str | None, labels: str | None, segmented: bool,
    chain: str | None, model: str | None, title: str, glossary: Glossary | None = None,
) -> tuple[list[VersionInput], AlignedComparison]:
    """The versions as read, and their comparison; progress goes to stderr on a terminal."""
    inputs = read_inputs(files, _split_list(langs), _split_list(labels), segmented,
                         warn=lambda warning: click.echo(f"warning: {warning}", err=True))
    # the one check of versions on this path (the title as given): compare trusts it
    checked_chain = check_versions(inputs, _split_list(chain), title=title)
    encoder = get_encoder(model)

    def progress(phase: str, fraction: float, message: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{phase:>10} {fraction:4.0%} {message[:50]:<50}", err=True, nl=False)

    result = compare(inputs, encoder, chain=checked_chain,
                     title=title or " / ".join(p.name for p in files), progress=progress,
                     glossary=glossary, checked=True)
    if sys.stderr.isatty():
        click.echo("", err=True)
    return inputs, result


@click.command()
@comparison_options
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl, tsv, csv, tmx, xliff, xlsx or html.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (default: "
              "standard output, for text formats).")
@click.option("--save", "project", metavar="PROJECT", help=SAVE_HELP)
@click.option("--glossary", "glossary_file", type=click.Path(path_type=Path), metavar="FILE",
              help="A term list (CSV/TSV with one column per language, or TBX): a `term` "
              "signal where a required rendering is missing or a forbidden one is used.")
@friendly_errors
def align(
    files: tuple[Path, ...], langs: str | None, labels: str | None, segmented: bool,
    chain: str | None, model: str | None, title: str, fmt: str, output: Path | None,
    project: str | None, glossary_file: Path | None,
) -> None:
    """Align two or more versions of a text and score every pair in every row.

    One JSONL object per row: {"row", "segments", "text", "similarity", "score", "flags"}.
    """
    # lazy: `workbench --help` imports every command module (0.3 s of import)
    from workbench.export import FORMATS, render_rows

    if fmt not in FORMATS:
        raise click.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}",
                                 param_hint="--format")
    glossary = load_glossary(glossary_file)  # a bad glossary fails before the slow part
    inputs, result = run_comparison(files, langs, labels, segmented, chain, model, title,
                                    glossary)
    record = result.record
    data = render_rows(record, fmt)
    if output is None:
        if fmt in ("xlsx",):
            raise click.UsageError(f"--format {fmt} is binary: give -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        click.echo(f"wrote {len(record.rows)} rows to {output}", err=True)
    if project:
        save_for_review(result, project, inputs)


def _summary(record: ComparisonRecord, lowest: int) -> str:
    per_type: Counter[tuple[str, str]] = Counter()
    for row in record.rows:
        for flag in row.flags:
            per_type[(flag.type, flag.hop)] += 1
    lines = [f"{record.title}: {len(record.rows)} rows, versions "
             f"{', '.join(v.label + ' (' + v.lang + ')' for v in record.versions)}"]
    if record.chain:
        lines.append(f"chain: {' -> '.join(record.chain)}")
    lines.append("")
    lines.append(f"{'drift type':<14} {'hop':<10} {'rows':>5}")
    for (kind, hop), count in sorted(per_type.items()):
        lines.append(f"{kind:<14} {hop:<10} {count:>5}")
    if not per_type:
        lines.append("(no drift signals)")
    lines.append("")
    scored = [(min(row.score.values()), row) for row in record.rows if row.score]
    scored.sort(key=lambda item: item[0])
    lines.append(f"lowest-scoring rows (of {len(scored)} scored):")
    for score, row in scored[:lowest]:
        texts = " | ".join(f"{k}: {v[:40]}" for k, v in row.text.items())
        kinds = ",".join(sorted({f.type for f in row.flags})) or "-"
        lines.append(f"  row {row.index:>4}  score {score:.2f}  [{kinds}]  {texts}")
    return "\n".join(lines)


@click.command()
@comparison_options
@click.option("--lowest", default=10, show_default=True, help="How many lowest-scoring rows.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@friendly_errors
def drift(
    files: tuple[Path, ...], langs: str | None, labels: str | None, segmented: bool,
    chain: str | None, model: str | None, title: str, lowest: int, as_json: bool,
) -> None:
    """Summarise drift: counts per type and hop, and the lowest-scoring rows."""
    _inputs, result = run_comparison(files, langs, labels, segmented, chain, model, title)
    record = result.record
    if as_json:
        counts: Counter[str] = Counter(f"{f.type}@{f.hop}" for r in record.rows for f in r.flags)
        click.echo(json.dumps({"rows": len(record.rows), "counts": dict(counts)},
                              ensure_ascii=False))
    else:
        click.echo(_summary(record, lowest))


__all__ = ["align", "drift"]
