"""Open ZIP-based documents (DOCX, ODT, EPUB, XLSX) only after checking them.

Before any member is read: the member count, the total declared uncompressed
size, every member's compression ratio and the archive's overall ratio, and
every member name (no absolute paths, ``..`` or drive letters) are checked.
Reads are checked again while decompressing, chunk by chunk (size and ratio),
since a hostile archive can lie about its sizes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from urllib.parse import unquote

from workbench.ingest.errors import BadInputError, TooLargeError, UnsafeInputError
from workbench.ingest.limits import (
    MAX_ARCHIVE_MEMBERS,
    MAX_ARCHIVE_UNCOMPRESSED,
    MAX_COMPRESSION_RATIO,
    MAX_MEMBER_BYTES,
    MAX_OVERALL_RATIO,
    RATIO_SLACK,
)
from workbench.ingest.safe_xml import refuse_entities

READ_CHUNK = 64 * 1024

_DRIVE = re.compile(r"^[A-Za-z]:")
_XML_SUFFIXES = (".xml", ".rels", ".opf", ".ncx", ".xhtml", ".html", ".htm", ".svg")


def _check_name(name: str, filename: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\x00" in name:
        raise UnsafeInputError(f"{filename} contains an unsafe path {name!r} (path traversal)")


class SafeArchive:
    """A checked ZIP archive; read members with :meth:`read` (size-capped)."""

    def __init__(self, data: bytes, filename: str) -> None:
        self.filename = filename
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise BadInputError(f"{filename} is not a readable ZIP archive ({exc})") from None
        if len(infos) > MAX_ARCHIVE_MEMBERS:
            raise TooLargeError(
                f"{filename} lists {len(infos):,} files; the limit is {MAX_ARCHIVE_MEMBERS:,}"
            )
        total = 0
        for info in infos:
            _check_name(info.filename, filename)
            total += info.file_size
            if info.file_size > _ratio_cap(info.compress_size):
                self._refuse_ratio(info.filename, info.file_size, info.compress_size)
        if total > MAX_OVERALL_RATIO * len(data) + RATIO_SLACK:
            raise UnsafeInputError(
                f"{filename} expands {total // max(len(data), 1)} times overall (limit "
                f"{MAX_OVERALL_RATIO}); refusing a possible zip bomb"
            )
        if total > MAX_ARCHIVE_UNCOMPRESSED:
            raise TooLargeError(
                f"{filename} would expand to {total / 1048576:.0f} MiB; the limit is "
                f"{MAX_ARCHIVE_UNCOMPRESSED / 1048576:.0f} MiB"
            )
        self.names = [info.filename for info in infos]
        self._compressed = {info.filename: info.compress_size for info in infos}
        self._budget = min(MAX_ARCHIVE_UNCOMPRESSED, MAX_OVERALL_RATIO * len(data) + RATIO_SLACK)
        self.bytes_read = 0
        """Decompressed bytes read so far (the tests count work with it)."""

    def _refuse_ratio(self, name: str, expanded: int, compressed: int) -> None:
        raise UnsafeInputError(
            f"{self.filename}: {name} expands {expanded // max(compressed, 1)} times (limit "
            f"{MAX_COMPRESSION_RATIO}); refusing a possible zip bomb"
        )

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """The bytes of member ``name``, read with a hard cap whatever the header says."""
        if name not in self.names:
            raise BadInputError(f"{self.filename} lacks {name}; the file is damaged or not "
                                "the format its name says")
        cap = min(MAX_MEMBER_BYTES, self._budget)
        ratio_cap = _ratio_cap(self._compressed[name])
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(name) as member:
                while chunk := member.read(READ_CHUNK):
                    size += len(chunk)
                    self.bytes_read += len(chunk)
                    if size > cap:
                        raise TooLargeError(f"{self.filename}: {name} expands beyond the size "
                                            f"limit ({cap / 1048576:.0f} MiB)")
                    if size > ratio_cap:
                        self._refuse_ratio(name, size, self._compressed[name])
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                zlib.error) as exc:
            if isinstance(exc, BadInputError):
                raise
            raise BadInputError(f"{self.filename} is damaged or truncated ({exc})") from None
        data = b"".join(chunks)
        self._budget -= len(data)
        if name.lower().endswith(_XML_SUFFIXES):
            refuse_entities(data, f"{self.filename}: {name}")
        return data

    def resolve(self, base: str, href: str) -> str:
        """Resolve ``href`` (URL-style, relative to member ``base``) to a member name."""
        target = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(href)))
        _check_name(target, self.filename)
        return target.lstrip("./") if target.startswith("./") else target


def _ratio_cap(compressed: int) -> int:
    """The most bytes a member of ``compressed`` bytes may expand to."""
    return MAX_COMPRESSION_RATIO * max(compressed, 1) + RATIO_SLACK


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06"
