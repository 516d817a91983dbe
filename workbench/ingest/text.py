"""Decode plain-text bytes in any common encoding, and tidy the result.

Order: a byte-order mark decides; then strict UTF-8 (the common case, and the one
statistical detectors get wrong on short texts); then UTF-16 without a BOM when
every other byte is NUL; then charset-normalizer. The encoding used is reported.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from workbench.ingest.errors import BadInputError
from workbench.ingest.guess import guess_legacy_encoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)
# GBK and GB2312 are subsets of GB18030: decode with the superset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "ascii": "utf_8"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\ufffe\uffff]")
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, ODT, EPUB...)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (save it as DOCX)"),
)


def sniff_binary(data: bytes) -> str | None:
    """A description of what ``data`` is when it starts with a known binary signature."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def _printable_share(text: str) -> float:
    """Share of plausible text characters: printable, and not combining marks, private-use
    or unassigned (bytes of a binary file decoded as UTF-16 are full of those)."""
    sample = text[:8192]
    good = sum(1 for ch in sample if ch in "\t\n\r" or (
        ch.isprintable() and unicodedata.category(ch) not in ("Mn", "Co", "Cn")))
    return good / max(len(sample), 1)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE when the bytes decode as one of them into printable text."""
    if len(data) % 2 or b"\x00" not in data[:65536]:
        return None
    best, best_share = None, 0.0
    for name in ("utf_16_le", "utf_16_be"):
        try:
            share = _printable_share(data[:16384].decode(name))
        except UnicodeDecodeError:
            continue
        if share > best_share:
            best, best_share = name, share
    return best if best_share >= 0.97 else None


def _looks_binary(text: str, strict: bool = True) -> bool:
    """A NUL character anywhere (not only at the start), or, when ``strict``, many
    control characters in the first 64 KiB, mark binary data."""
    if "\x00" in text:
        return True
    sample = text[:65536]
    if not strict or not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 100)


SHORT_TEXT_BYTES = 2000
"""Below this many non-ASCII bytes, :mod:`workbench.ingest.guess` decides first."""


def _detect_legacy(data: bytes, filename: str) -> str:
    """A legacy 8-bit/multibyte encoding: short texts by plausibility of the encodings our
    languages use, longer ones (and anything else) by charset-normalizer."""
    sample = data[:262144]
    if len(data) > len(sample) and sample.rfind(b"\n") > 0:
        sample = sample[: sample.rfind(b"\n")]
    if sum(1 for byte in sample[:65536] if byte > 127) < SHORT_TEXT_BYTES:
        guessed = guess_legacy_encoding(sample)
        if guessed:
            return guessed
    best = from_bytes(sample).best()
    if best is None:
        raise BadInputError(f"{filename}: cannot tell its text encoding (is it binary?)")
    return _SUPERSETS.get(best.encoding, best.encoding)


def decode_bytes(data: bytes, filename: str, strict: bool = True) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise for binary or undecodable data.

    ``strict=False`` (aligned material, whose cells may hold stray control characters)
    only calls NUL bytes binary.
    """
    if not data.strip():
        raise BadInputError(f"{filename} is empty")
    encoding: str | None = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        encoding = _utf16_without_bom(data)
    if encoding is None:
        try:
            text = data.decode("utf_8")
        except UnicodeDecodeError:
            pass
        else:
            if _looks_binary(text, strict):
                raise BadInputError(f"{filename} looks like a binary file, not text")
            return text, "utf_8"
    if encoding is None:
        if b"\x00" in data[:65536]:
            raise BadInputError(f"{filename} looks like a binary file, not text")
        encoding = _detect_legacy(data, filename)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise BadInputError(f"{filename} is not valid {encoding} text ({exc})") from None
    if _looks_binary(text, strict):
        raise BadInputError(f"{filename} looks like a binary file, not text")
    return text.lstrip("\ufeff"), encoding


def tidy_text(text: str) -> str:
    """Unify line ends, turn page breaks into paragraph breaks, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs (each possibly multi-line) joined by blank lines, empty ones dropped."""
    cleaned = (re.sub(r"\n{2,}", "\n", tidy_text(p)).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)
