"""Errors the aligner raises for bad input (each carries a one-line human message)."""

from __future__ import annotations


class AlignError(ValueError):
    """The texts, paragraphs, anchors or settings given to the aligner cannot be aligned."""
