"""Download file names the server can trust: ``Content-Disposition`` per RFC 6266/5987."""

from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import quote

MAX_NAME_CHARS = 150
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Controls, format characters (bidi overrides and isolates, zero-width...), surrogates,
private-use and unassigned code points, line and paragraph separators."""
_SEPARATORS = re.compile(r"[/\\:*?\"<>|]+")


def safe_filename(filename: str, default: str = "download") -> str:
    """``filename`` with control/bidi characters removed and path separators replaced.

    Chinese, Russian and other letters are kept; leading dots and spaces are dropped
    (no hidden files), and overlong names are shortened keeping the extension.
    """
    name = unicodedata.normalize("NFC", filename)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _UNSAFE_CATEGORIES)
    parts = [part for part in _SEPARATORS.split(name) if part.strip(" .")]
    name = re.sub(r"\s+", " ", "_".join(parts)).strip(" .")
    if not name:
        return default
    stem, extension = os.path.splitext(name)
    name = stem.rstrip() + extension if stem.strip() else name
    if len(name) > MAX_NAME_CHARS:
        extension = extension[:16]
        name = stem[: MAX_NAME_CHARS - len(extension)].rstrip(" .") + extension
    return name


def ascii_fallback(filename: str) -> str:
    """An ASCII-only version of a safe name, for old clients (``filename="..."``)."""
    decomposed = unicodedata.normalize("NFKD", filename)
    ascii_name = "".join(ch for ch in decomposed if ord(ch) < 128 and ch.isprintable())
    ascii_name = re.sub(r"[^A-Za-z0-9._ ()\[\]-]+", "_", ascii_name)
    ascii_name = re.sub(r"_+", "_", ascii_name).strip(" ._")
    extension = os.path.splitext(filename)[1]
    if not ascii_name or ascii_name == extension.strip("."):
        ascii_name = "download" + (extension if extension.isascii() else "")
    elif extension and extension.isascii() and not ascii_name.endswith(extension):
        ascii_name += extension
    return ascii_name


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """A ``Content-Disposition`` header value: an ASCII ``filename`` fallback plus
    ``filename*=UTF-8''...`` (RFC 5987) that keeps Chinese and Russian characters."""
    if disposition not in ("attachment", "inline"):
        raise ValueError(f"disposition must be attachment or inline, not {disposition!r}")
    name = safe_filename(filename)
    fallback = ascii_fallback(name).replace("\\", "_").replace('"', "_")
    value = f'{disposition}; filename="{fallback}"'
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value
