"""Import: read versions of a text (any format, any encoding) and aligned material.

Everything here works on bytes plus a file name, so the CLI and the web upload
share it. Bad input raises :class:`BadInputError` with one clear message.
"""

from __future__ import annotations

from workbench.ingest.aligned import ALIGNED_EXTENSIONS, read_aligned
from workbench.ingest.document import DOCUMENT_EXTENSIONS, Document, read_document
from workbench.ingest.errors import BadInputError, TooLargeError, UnsafeInputError

__all__ = [
    "ALIGNED_EXTENSIONS",
    "DOCUMENT_EXTENSIONS",
    "BadInputError",
    "Document",
    "TooLargeError",
    "UnsafeInputError",
    "read_aligned",
    "read_document",
]
