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
"""Largest uncompressed/compressed ratio of a member bigger than 1 MiB (zip bombs)."""

MAX_PDF_PAGES = 3_000
"""Most pages read from a PDF."""

MAX_ALIGNED_ROWS = 1_000_000
"""Most rows (TUs, units, lines) in imported aligned material."""


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
