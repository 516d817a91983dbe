"""Errors raised for bad input files: one clear, human message each, never a traceback."""

from __future__ import annotations

from workbench.errors import UserError


class BadInputError(UserError):
    """A file could not be imported; the message names the file's problem for the user."""


class TooLargeError(BadInputError):
    """An input, or something inside it (an archive member, a text), exceeds a size limit."""


class UnsafeInputError(BadInputError):
    """An input tries something dangerous (XML entities, path traversal, a zip bomb)."""
