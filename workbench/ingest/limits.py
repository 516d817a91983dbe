"""Size limits applied to every imported file (documented in the README).

They are module constants so that a deployment can raise them in one place; each
check names the limit it hit in its error message.
"""

from __future__ import annotations

from pathlib import Path

from workbench.ingest.errors import BadInputError, TooLargeError

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Largest file accepted by :func:`read_document` / :func:`read_aligned` (50 MiB)."""

MAX_TEXT_CHARS = 20_000_000
"""Largest extracted text of one version (20 million characters)."""

MAX_ARCHIVE_MEMBERS = 5_000
"""Most entries a DOCX/ODT/EPUB/XLSX archive may list."""

MAX_ARCHIVE_UNCOMPRESSED = 200 * 1024 * 1024
"""Largest total declared uncompressed size of an archive (200 MiB)."""

MAX_MEMBER_BYTES = 100 * 1024 * 1024
"""Largest single archive member actually read (100 MiB), whatever its header claims."""

MAX_COMPRESSION_RATIO = 200
"""Largest uncompressed/compressed ratio of any archive member (zip bombs), checked on its
header and again on the bytes actually decompressed (headers can lie)."""

MAX_OVERALL_RATIO = 100
"""Largest ratio of all members' expanded bytes to the archive's size."""

RATIO_SLACK = 16 * 1024
"""Bytes a member (or an archive) may expand beyond its ratio: tiny members compress well."""

MAX_ELEMENTS = 100_000
"""Most HTML elements in one document (all the chapters of an EPUB together): about a
second of reading; a long novel has some tens of thousands."""

MAX_XML_ELEMENTS = 500_000
"""Most XML elements of a DOCX or ODT body (Word spends ten or more on a paragraph);
counting them is cheaper than reading HTML."""

MAX_TABLE_ELEMENTS = 5_000_000
"""Most XML elements in aligned material or a term base (TMX, XLIFF, TBX: rows of small
elements)."""

MAX_ELEMENT_DEPTH = 200
"""Deepest element nesting read; deeper text is refused, never dropped (libxml2 stops
silently at 256)."""

MAX_PDF_PAGES = 3_000
"""Most pages read from a PDF."""

MAX_ALIGNED_ROWS = 1_000_000
"""Most rows (TUs, units, lines) in imported aligned material."""

MAX_ALIGNED_COLUMNS = 50
"""Most columns (versions) in a CSV/TSV of aligned material; a comparison holds far fewer."""


class TextBudget:
    """Counts what a reader extracts from one document and stops it at the first limit crossed.

    One budget is shared by every part of a document (the chapters of an EPUB), so the
    limits hold for the whole text, checked while extracting rather than afterwards.
    """

    def __init__(self, filename: str, max_elements: int | None = None) -> None:
        self.filename = filename
        self.chars = 0
        self.elements = 0
        self.max_elements = MAX_ELEMENTS if max_elements is None else max_elements

    def text(self, count: int) -> None:
        self.chars += count
        if self.chars > MAX_TEXT_CHARS:
            raise TooLargeError(f"{self.filename} holds more than {MAX_TEXT_CHARS:,} characters "
                                "of text; the limit is reached")

    def element(self, depth: int) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise TooLargeError(f"{self.filename} has more than {self.max_elements:,} "
                                "elements; the limit is reached")
        if depth > MAX_ELEMENT_DEPTH:
            raise TooLargeError(f"{self.filename} nests elements deeper than "
                                f"{MAX_ELEMENT_DEPTH} levels; refusing it rather than "
                                "losing the text inside")


def check_size(data: bytes, filename: str, limit: int = MAX_INPUT_BYTES) -> None:
    """Refuse ``data`` before any parsing when it is larger than ``limit`` bytes."""
    if len(data) > limit:
        raise TooLargeError(
            f"{filename} is {len(data) / 1048576:.1f} MiB; the limit is {limit / 1048576:.0f} MiB"
        )


def check_text(text: str, filename: str) -> str:
    """Refuse an extracted text longer than :data:`MAX_TEXT_CHARS`."""
    if len(text) > MAX_TEXT_CHARS:
        raise TooLargeError(
            f"{filename} holds {len(text):,} characters of text; the limit is {MAX_TEXT_CHARS:,}"
        )
    return text


def read_input_file(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``, refusing a file over ``limit`` before reading it."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise TooLargeError(f"{path.name} is {size / 1048576:.1f} MiB; the limit is "
                                f"{limit / 1048576:.0f} MiB")
        return path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
