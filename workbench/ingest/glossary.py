"""Read a glossary: CSV/TSV with one column per language, or TBX (Basic, v2, v3 core).

CSV/TSV: the first row names the languages (``zh,ru,en``); a column headed
``ru-forbidden`` (or ``ru forbidden``, ``forbidden:ru``) lists variants not to
use; ``note`` / ``comment`` columns are kept as notes. A cell may hold several
allowed forms separated by ``|`` or ``;`` (the first is the preferred one).
TBX: ``termEntry``/``conceptEntry`` -> ``langSet``/``langSec`` ->
``tig``/``ntig``/``termSec`` -> ``term``; a term whose administrative status is
deprecated, superseded or forbidden is a forbidden variant. Every bad file
raises :class:`BadInputError` with one message naming the problem.
"""

from __future__ import annotations

import csv
import io
import os
import re

from lxml import etree

from workbench.ingest.errors import BadInputError, TooLargeError
from workbench.ingest.limits import MAX_TABLE_ELEMENTS, TextBudget, check_size
from workbench.ingest.safe_xml import local_name, parse_xml
from workbench.ingest.text import decode_bytes
from workbench.nlp.drift.glossary import Glossary, Term
from workbench.nlp.langid import LanguageError, normalise_lang

MAX_GLOSSARY_BYTES = 20 * 1024 * 1024
MAX_TERMS = 100_000
GLOSSARY_EXTENSIONS = (".csv", ".tsv", ".tab", ".txt", ".tbx", ".xml")

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_HEADER = re.compile(r"(?i)^(?:forbidden\s*[:_ -]\s*(?P<a>.+)|(?P<b>.+?)\s*[:_ (-]\s*"
                               r"(?:forbidden|deprecated|do not use)\)?)$")
_NOTE_HEADER = re.compile(r"(?i)^(note|notes|comment|comments|definition|remark)s?$")
_BANNED_STATUS = re.compile(r"(?i)deprecated|superseded|forbidden|notrecommended|not recommended")
_SPLIT_FORMS = re.compile(r"\s*[|;]\s*")


def _language(header: str, column: int, filename: str) -> str:
    try:
        return normalise_lang(header.strip())
    except LanguageError:
        raise BadInputError(
            f"{filename}: column {column} is headed {header.strip()!r}, which is not a language "
            "code; the first row names one language per column (e.g. zh,ru,en)") from None


def _forms(cell: str) -> tuple[str, ...]:
    return tuple(f for f in _SPLIT_FORMS.split(cell.strip()) if f)


def _read_tabular(text: str, filename: str) -> Glossary:
    extension = os.path.splitext(filename.lower())[1]
    first = text.lstrip().split("\n", 1)[0]
    if extension in (".tsv", ".tab"):
        delimiter = "\t"
    elif extension == ".csv":
        delimiter = ","
    else:
        delimiter = max(("\t", ",", ";"), key=first.count)
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise BadInputError(f"{filename} is not valid CSV/TSV ({exc})") from None
    if not rows:
        raise BadInputError(f"{filename} is empty")
    header = [h.strip() for h in rows[0]]
    if len(header) < 2:
        raise BadInputError(f"{filename} has only one column: a glossary needs a header row "
                            "and one column per language (e.g. zh,ru,en)")
    columns: list[tuple[str, str]] = []  # (kind, lang): kind is allowed / forbidden / note
    for n, name in enumerate(header, start=1):
        banned = _FORBIDDEN_HEADER.match(name)
        if _NOTE_HEADER.match(name):
            columns.append(("note", ""))
        elif banned:
            columns.append(("forbidden",
                            _language(banned.group("a") or banned.group("b"), n, filename)))
        else:
            columns.append(("allowed", _language(name, n, filename)))
    if sum(kind == "allowed" for kind, _ in columns) < 1 or len(columns) < 2:
        raise BadInputError(f"{filename} names no language column (e.g. zh,ru,en)")
    if len(rows) - 1 > MAX_TERMS:
        raise TooLargeError(f"{filename} has more than {MAX_TERMS:,} terms")
    terms: list[Term] = []
    for row in rows[1:]:
        allowed: dict[str, tuple[str, ...]] = {}
        banned_forms: dict[str, tuple[str, ...]] = {}
        notes: list[str] = []
        for (kind, lang), cell in zip(columns, row, strict=False):
            if kind == "note":
                notes.append(cell.strip())
            elif _forms(cell):
                target = allowed if kind == "allowed" else banned_forms
                target[lang] = target.get(lang, ()) + _forms(cell)
        if len(allowed) >= 1 and (len(allowed) >= 2 or banned_forms):
            terms.append(Term(allowed, banned_forms, " ".join(n for n in notes if n)))
    if not terms:
        raise BadInputError(f"{filename} holds no terms: each row needs the term in at least "
                            "two languages (or a forbidden variant)")
    return Glossary(terms=terms, name=filename)


def _children(element: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    return [c for c in element if local_name(c) in names]


def _banned(group: etree._Element) -> bool:
    for node in group.iter():
        name = local_name(node)
        if name in ("termNote", "descrip", "admin") and "administrativeStatus" in (
                node.get("type") or ""):
            return bool(_BANNED_STATUS.search(node.text or ""))
        if name in ("administrativeStatus", "admnStat"):
            return bool(_BANNED_STATUS.search(node.text or node.get("value") or ""))
    return False


def _read_tbx(data: bytes, filename: str) -> Glossary:
    root = parse_xml(data, filename, TextBudget(filename, MAX_TABLE_ELEMENTS))
    if local_name(root) not in ("tbx", "martif", "TBX"):
        raise BadInputError(f"{filename} is XML but not TBX: its root element is "
                            f"<{local_name(root) or root.tag}>, not <tbx> or <martif>")
    entries = [e for e in root.iter() if local_name(e) in ("termEntry", "conceptEntry")]
    if len(entries) > MAX_TERMS:
        raise TooLargeError(f"{filename} has more than {MAX_TERMS:,} term entries")
    terms: list[Term] = []
    for entry in entries:
        allowed: dict[str, tuple[str, ...]] = {}
        banned_forms: dict[str, tuple[str, ...]] = {}
        for lang_set in _children(entry, ("langSet", "langSec")):
            code = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
            lang = _language(code, 0, filename) if code else ""
            if not lang:
                raise BadInputError(f"{filename}: a <{local_name(lang_set)}> has no xml:lang")
            for group in _children(lang_set, ("tig", "ntig", "termSec")):
                node = next((t for t in group.iter() if local_name(t) == "term"), None)
                form = " ".join("".join(node.itertext()).split()) if node is not None else ""
                if form:
                    target = banned_forms if _banned(group) else allowed
                    target[lang] = (*target.get(lang, ()), form)
        if allowed and (len(allowed) >= 2 or banned_forms):
            terms.append(Term(allowed, banned_forms))
    if not terms:
        raise BadInputError(f"{filename} holds no term entries with terms in two languages")
    return Glossary(terms=terms, name=filename)


def read_glossary(data: bytes, filename: str) -> Glossary:
    """The glossary in ``data`` (CSV, TSV or TBX, told apart by extension or content)."""
    check_size(data, filename, MAX_GLOSSARY_BYTES)
    if not data.strip():
        raise BadInputError(f"{filename} is empty")
    extension = os.path.splitext(filename.lower())[1]
    head = data.lstrip()[:200].lstrip(b"\xef\xbb\xbf")
    if extension in (".tbx", ".xml") or head.startswith(b"<"):
        return _read_tbx(data, filename)
    text, _ = decode_bytes(data, filename)
    return _read_tabular(text, filename)


__all__ = ["GLOSSARY_EXTENSIONS", "MAX_TERMS", "read_glossary"]
