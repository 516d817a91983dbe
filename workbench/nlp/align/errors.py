"""Errors the aligner raises for bad input (each carries a one-line human message)."""

from __future__ import annotations

from workbench.errors import UserError


class AlignError(UserError):
    """The texts, paragraphs, anchors or settings given to the aligner cannot be aligned."""
