"""Which document sets a batch aligns: a manifest (CSV or JSONL) or a directory of files.

A **CSV manifest** has one line per file, with the columns ``set``, ``file`` and
optionally ``lang`` and ``label``; the lines of one set keep their order. A
**JSONL manifest** has one object per set::

    {"set": "ch01", "files": ["ch01.zh.txt", "ch01.en.txt"], "langs": ["zh", "en"],
     "labels": ["zh", "en"]}

(``langs`` and ``labels`` are optional; ``chain`` may name the set's own chain.)
Relative paths are read from the manifest's folder. A **directory** of
``name.<lang>.<ext>`` files makes one set per ``name``, labelled by language.

A manifest that cannot be read at all stops the batch with a message naming the
line; a set whose files are missing or unreadable is only that set's failure.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.export.filenames import safe_filename

DIRECTORY_FILE = re.compile(
    r"^(?P<name>.+)\.(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\.(?P<ext>[A-Za-z0-9]{1,8})$"
)
"""``name.<lang>.<ext>``, e.g. ``ch01.zh.txt`` or ``report.zh-Hant.docx``."""

MANIFEST_EXTENSIONS = (".csv", ".tsv", ".jsonl", ".ndjson")


class ManifestError(ValueError):
    """A manifest or directory that names no usable document sets; the message says why."""


@dataclass
class DocumentSet:
    """One set of versions to align together: files in order, their languages and labels."""

    name: str
    files: list[Path]
    langs: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)

    @property
    def stem(self) -> str:
        """The set's name as a file name (outputs are ``<stem>.jsonl`` and so on)."""
        return safe_filename(self.name, default="set")


@dataclass
class Corpus:
    """The sets found, and the files in a directory that fit no set (reported, not read)."""

    sets: list[DocumentSet]
    ignored: list[Path] = field(default_factory=list)


def _text_list(value: Any, what: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value]
    raise ManifestError(f"{where}: {what!r} must be a list of strings")


def _check_names(sets: list[DocumentSet], source: Path) -> list[DocumentSet]:
    if not sets:
        raise ManifestError(f"{source} names no document sets")
    seen: dict[str, str] = {}
    for item in sets:
        key = item.stem.casefold()  # outputs must not overwrite each other on any file system
        if key in seen:
            raise ManifestError(f"{source}: sets {seen[key]!r} and {item.name!r} would write "
                                f"the same output files; give them distinct names")
        seen[key] = item.name
    return sets


def _read_jsonl(text: str, source: Path) -> list[DocumentSet]:
    base = source.parent
    sets: list[DocumentSet] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source.name} line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(entry, dict):
            raise ManifestError(f"{where}: expected an object with \"set\" and \"files\"")
        name = entry.get("set", entry.get("name"))
        if not isinstance(name, str) or not name.strip():
            raise ManifestError(f"{where}: \"set\" (the set's name) is missing")
        files = _text_list(entry.get("files"), "files", where)
        if not files:
            raise ManifestError(f"{where}: \"files\" lists no files")
        sets.append(DocumentSet(
            name=name.strip(), files=[base / f for f in files],
            langs=_text_list(entry.get("langs"), "langs", where),
            labels=_text_list(entry.get("labels"), "labels", where),
            chain=_text_list(entry.get("chain"), "chain", where)))
    return sets


def _read_csv(text: str, source: Path, delimiter: str) -> list[DocumentSet]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = {name.strip().lower() for name in reader.fieldnames or [] if name}
    missing = {"set", "file"} - columns
    if missing:
        raise ManifestError(f"{source.name}: the header must name the columns set, file "
                            f"(and optionally lang, label); missing {', '.join(sorted(missing))}")
    by_name: dict[str, DocumentSet] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()
               if isinstance(v, str)}
        if not any(row.values()):
            continue
        if not row.get("set") or not row.get("file"):
            raise ManifestError(f"{source.name} line {number}: set and file are required")
        item = by_name.setdefault(row["set"], DocumentSet(name=row["set"], files=[]))
        item.files.append(source.parent / row["file"])
        item.langs.append(row.get("lang", ""))
        item.labels.append(row.get("label", ""))
    for item in by_name.values():  # a column left empty for a whole set means "detect"
        for column, values in (("lang", item.langs), ("label", item.labels)):
            if any(values) and not all(values):
                raise ManifestError(f"{source.name}: set {item.name!r} gives a {column} for "
                                    f"some of its files only; give one for each or for none")
        item.langs = item.langs if all(item.langs) else []
        item.labels = item.labels if all(item.labels) else []
    return list(by_name.values())


def read_manifest(path: Path) -> Corpus:
    """The sets a CSV/TSV or JSONL manifest names."""
    suffix = path.suffix.lower()
    if suffix not in MANIFEST_EXTENSIONS:
        raise ManifestError(f"{path}: a manifest is a .csv, .tsv or .jsonl file "
                            f"(or give a directory of name.<lang>.<ext> files)")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestError(f"{path} is not UTF-8 text") from None
    if suffix in (".jsonl", ".ndjson"):
        sets = _read_jsonl(text, path)
    else:
        try:
            sets = _read_csv(text, path, "\t" if suffix == ".tsv" else ",")
        except csv.Error as exc:
            raise ManifestError(f"{path.name}: not valid CSV ({exc})") from None
    return Corpus(sets=_check_names(sets, path))


def scan_directory(folder: Path, exclude: Iterable[Path] = ()) -> Corpus:
    """One set per ``name`` among the ``name.<lang>.<ext>`` files directly in ``folder``."""
    skipped = {p.resolve() for p in exclude}
    grouped: dict[str, DocumentSet] = {}
    ignored: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.resolve() in skipped or not path.is_file():
            continue
        match = DIRECTORY_FILE.match(path.name)
        if match is None:
            ignored.append(path)
            continue
        item = grouped.setdefault(match["name"], DocumentSet(name=match["name"], files=[]))
        item.files.append(path)
        item.langs.append(match["lang"])
    for item in grouped.values():
        repeated = len(set(item.langs)) != len(item.langs)
        # two files in one language are told apart by their extension (name.en.txt, name.en.md)
        item.labels = [f"{lang}-{p.suffix.lstrip('.')}" if repeated else lang
                       for lang, p in zip(item.langs, item.files, strict=True)]
    if not grouped:
        raise ManifestError(f"{folder} holds no name.<lang>.<ext> files (e.g. ch01.zh.txt, "
                            f"ch01.en.txt), and no manifest was given")
    return Corpus(sets=_check_names(list(grouped.values()), folder), ignored=ignored)


def load_corpus(source: Path, exclude: Iterable[Path] = ()) -> Corpus:
    """The sets in ``source``: a manifest file or a directory."""
    if source.is_dir():
        return scan_directory(source, exclude)
    if not source.exists():
        raise ManifestError(f"{source} does not exist")
    return read_manifest(source)


__all__ = ["Corpus", "DocumentSet", "ManifestError", "load_corpus", "read_manifest",
           "scan_directory"]
