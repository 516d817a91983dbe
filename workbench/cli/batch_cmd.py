"""``workbench batch``: align, score and check every document set of a corpus."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.errors import friendly_errors


def _split_list(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip()) if value else ()


@click.command("batch")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="local: a process pool on this machine; dask: Dask "
              "distributed (pip install 'workbench[dask]').")
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: an existing "
              "cluster's scheduler, e.g. tcp://host:8786 (default: a local cluster).")
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes of the local "
              "pool or local Dask cluster (default: one per core).")
@click.option("--threads-per-worker", "threads", type=click.IntRange(1, 256),
              help="Torch threads of each worker, set before its model loads (default: the "
              "cores divided by the workers, at least 1).")
@click.option("--chain", help="Translation chain of every set, by label, e.g. zh,ru,en "
              "(a manifest may give a set its own).")
@click.option("--segmented", is_flag=True, help="Files hold one segment per line.")
@click.option("--model", help="A sentence-transformers model name or path (default: "
              "$WORKBENCH_MODEL or the embedded multilingual-e5-small).")
@click.option("--tmx", is_flag=True, help="Also write a TMX file per set.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of the workers' embedding cache (default: each worker's "
              "$WORKBENCH_CACHE or the user cache folder).")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the outputs (default: ./<source name>-batch).")
@click.option("--lowest", default=10, show_default=True, type=click.IntRange(0, 10_000),
              help="How many lowest-scoring sets the summary lists.")
@friendly_errors
def batch(source: Path, engine: str, scheduler: str | None, workers: int | None,
          threads: int | None, chain: str | None, segmented: bool, model: str | None,
          tmx: bool, cache_dir: Path | None, outdir: Path | None, lowest: int) -> None:
    """Align every document set in SOURCE: a manifest (CSV/TSV or JSONL) or a directory of
    name.<lang>.<ext> files (one set per name).

    Per set, OUTDIR gets <set>.jsonl (and <set>.tmx with --tmx) with the rows, scores and
    signals of `workbench align`, and <set>.state.json; summary.jsonl has one line per set.
    A rerun skips sets whose inputs and settings are unchanged and redoes failed ones.
    """
    # lazy: `workbench --help` imports every command module (the batch brings the exporters)
    from workbench.batch import BatchSettings, load_corpus, make_engine, run_batch
    from workbench.batch.summary import BatchProgress, summary_table
    from workbench.batch.worker import available_cores

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    target = outdir or Path.cwd() / f"{source.resolve().name or 'corpus'}-batch"
    corpus = load_corpus(source, exclude=[target])
    if corpus.ignored:
        names = ", ".join(p.name for p in corpus.ignored[:5])
        more = f" and {len(corpus.ignored) - 5} more" if len(corpus.ignored) > 5 else ""
        click.echo(f"ignored {len(corpus.ignored)} file(s) not named name.<lang>.<ext>: "
                   f"{names}{more}", err=True)
    settings = BatchSettings(chain=_split_list(chain), model=model, segmented=segmented, tmx=tmx,
                             cache_dir=str(cache_dir.resolve()) if cache_dir else None)
    runner = make_engine(engine, workers or available_cores(), model=model, scheduler=scheduler,
                         threads=threads)
    progress = BatchProgress()
    try:
        report = run_batch(corpus, settings, target, runner, listener=progress.advance,
                           on_start=progress.start)
    finally:
        progress.close()
    click.echo(summary_table(report.results, lowest, seconds=progress.elapsed))
    click.echo(f"wrote {target} ({report.summary_path.name} and one file per set)", err=True)
    if report.failed:
        click.echo(f"{len(report.failed)} of {len(report.results)} sets failed; a rerun "
                   f"redoes them", err=True)
        raise click.exceptions.Exit(1)


__all__ = ["batch"]
