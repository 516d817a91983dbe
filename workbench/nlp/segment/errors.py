"""Exceptions raised by segmentation and the segmentation editors (all ``ValueError``)."""

from __future__ import annotations

from workbench.errors import UserError


class SegmentationError(UserError):
    """Base class: the input could not be segmented as asked."""


class InvalidTextError(SegmentationError, TypeError):
    """The text is not a ``str`` (for example undecoded ``bytes``)."""


class SegmentEditError(SegmentationError):
    """A merge or split of segments was asked with a bad index or offset."""


def check_text(text: object) -> str:
    """Return ``text`` if it is a ``str``, else raise a one-line :class:`InvalidTextError`."""
    if isinstance(text, str):
        return text
    if isinstance(text, bytes | bytearray):
        raise InvalidTextError("text is bytes: decode it to str first (see workbench.ingest)")
    raise InvalidTextError(f"text must be a str, not {type(text).__name__}")
