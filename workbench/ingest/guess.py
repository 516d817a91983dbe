"""Tell apart the legacy encodings the workbench's languages use (GB18030/GBK, Windows-1251,
KOI8-R, Windows-1252) by how plausible each decoding reads.

Statistical detectors (charset-normalizer) need a few hundred bytes; a short file
("Привет, мир!" in KOI8-R) comes back as Shift-JIS or Big5. Here each candidate
decoding is scored per non-ASCII byte: common Chinese characters (GB2312 level 1) and
CJK punctuation score high, lower-case Cyrillic more than upper-case (KOI8-R and
Windows-1251 swap the cases of each other's letters), common accented Latin letters
a little, and anything unusual (symbols, rare characters, controls) counts against.
"""

from __future__ import annotations

import unicodedata

CANDIDATES = ("gb18030", "cp1251", "koi8_r", "cp1252")
"""Tried in this order; the best score wins when it is at least :data:`MIN_SCORE`."""
MIN_SCORE = 0.9
_CJK_PUNCTUATION = frozenset("，。！？、：；“”‘’《》（）【】…—·「」")
_LATIN = frozenset("àâäçéèêëîïôöûùüÿñáíóúßæœÀÂÄÇÉÈÊËÎÏÔÖÛÙÜÑÁÍÓÚ«»’“”–—€")


def _char_score(ch: str) -> float:
    if "а" <= ch <= "я" or ch == "ё":
        return 2.0
    if "А" <= ch <= "Я" or ch == "Ё":
        return 1.0
    if ch in _CJK_PUNCTUATION:
        return 3.0
    if "\u4e00" <= ch <= "\u9fff":
        try:
            lead = ch.encode("gb2312")[0]
        except UnicodeEncodeError:
            return -1.0
        return 3.0 if 0xB0 <= lead <= 0xD7 else 0.5
    if ch in _LATIN:
        return 1.0
    if ch in "«»—–…№" or unicodedata.category(ch) == "Zs":
        return 0.5
    return -2.0


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def score(text: str, non_ascii_bytes: int) -> float:
    """Plausibility of a decoding, per non-ASCII byte of the original.

    Inside a word of ASCII letters, an accented Latin letter is likely and a
    Cyrillic or Chinese one is not ("Café" in Windows-1252 is not "Cafй").
    """
    total = 0.0
    for position, ch in enumerate(text):
        if ord(ch) <= 127:
            continue
        value = _char_score(ch)
        before = text[position - 1] if position else ""
        after = text[position + 1] if position + 1 < len(text) else ""
        if _is_ascii_letter(before) or _is_ascii_letter(after):
            value = 2.0 if ch in _LATIN else -2.0
        total += value
    return total / max(non_ascii_bytes, 1)


def guess_legacy_encoding(data: bytes) -> str | None:
    """The most plausible of :data:`CANDIDATES` for ``data``, or ``None`` if none reads well."""
    sample = data[:65536]
    cut = sample.rfind(b"\n")
    if len(data) > len(sample) and cut > 0:
        sample = sample[:cut]
    non_ascii = sum(1 for byte in sample if byte > 127)
    if not non_ascii:
        return None
    best, best_score = None, MIN_SCORE
    for encoding in CANDIDATES:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        value = score(text, non_ascii)
        if value > best_score:
            best, best_score = encoding, value
    return best
