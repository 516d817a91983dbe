"""Open ZIP-based documents (DOCX, ODT, EPUB, XLSX) only after checking them.

Before any member is read: the member count, the total declared uncompressed
size, each member's compression ratio and every member name (no absolute
paths, ``..`` or drive letters) are checked. Reads are capped again while
decompressing, since a hostile archive can lie about its sizes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from workbench.ingest.errors import BadInputError, TooLargeError, UnsafeInputError
from workbench.ingest.limits import (
    MAX_ARCHIVE_MEMBERS,
    MAX_ARCHIVE_UNCOMPRESSED,
    MAX_COMPRESSION_RATIO,
    MAX_MEMBER_BYTES,
)

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
            if (info.file_size > 1048576
                    and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)):
                ratio = info.file_size // max(info.compress_size, 1)
                raise UnsafeInputError(
                    f"{filename}: {info.filename} expands {ratio} times (limit "
                    f"{MAX_COMPRESSION_RATIO}); refusing a possible zip bomb"
                )
        if total > MAX_ARCHIVE_UNCOMPRESSED:
            raise TooLargeError(
                f"{filename} would expand to {total / 1048576:.0f} MiB; the limit is "
                f"{MAX_ARCHIVE_UNCOMPRESSED / 1048576:.0f} MiB"
            )
        self.names = [info.filename for info in infos]
        self._budget = MAX_ARCHIVE_UNCOMPRESSED

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """The bytes of member ``name``, read with a hard cap whatever the header says."""
        if name not in self.names:
            raise BadInputError(f"{self.filename} lacks {name}; the file is damaged or not "
                                "the format its name says")
        cap = min(MAX_MEMBER_BYTES, self._budget)
        try:
            with self._zip.open(name) as member:
                data = member.read(cap + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                zlib.error) as exc:
            raise BadInputError(f"{self.filename} is damaged or truncated ({exc})") from None
        if len(data) > cap:
            raise TooLargeError(f"{self.filename}: {name} expands beyond the size limit "
                                f"({cap / 1048576:.0f} MiB)")
        self._budget -= len(data)
        if name.lower().endswith(_XML_SUFFIXES):
            from workbench.ingest.safe_xml import refuse_entities

            refuse_entities(data, f"{self.filename}: {name}")
        return data

    def resolve(self, base: str, href: str) -> str:
        """Resolve ``href`` (URL-style, relative to member ``base``) to a member name."""
        from urllib.parse import unquote

        target = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(href)))
        _check_name(target, self.filename)
        return target.lstrip("./") if target.startswith("./") else target


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06"
