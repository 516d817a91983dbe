"""The create-comparison form and its segmentation preview; the draft is kept on the server.

Between "preview" and "align" the draft (texts, labels, languages and the
segment boundaries the user edited) is stored in the ``drafts`` table
(:mod:`workbench.store.drafts`); the page carries only its opaque token. The draft holds
its versions as :class:`workbench.aligned.VersionInput` records, the one shape a version
has from here to the store. The form's fields are checked here, in the UI's words, with the
shared pieces of :mod:`workbench.ingest.versions` (labels, chain); the versions as a
whole are checked once, by :func:`workbench.jobs.enqueue_alignment` (``check_versions``)
before anything of the comparison is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage, MultiDict

from workbench.aligned import VersionInput
from workbench.ingest import read_document
from workbench.ingest.versions import MAX_LABEL, MAX_TITLE, VersionsError, check_label
from workbench.ingest.versions import check_chain as check_version_chain
from workbench.nlp.langid import SUPPORTED_LANGUAGES
from workbench.nlp.segment import merge_segments, split_segment
from workbench.pipeline import prepare_versions
from workbench.web.errors import BadInput

LANG_CHOICES = ("auto", *SUPPORTED_LANGUAGES)
OWNER_KEY = "owner_id"
"""Where a stored draft (or queued import) keeps the id of the account that started it."""
_NUMBERED_FIELD = re.compile(r"^(?:text|file|label|lang|segmented)_(\d{1,6})$")
AUTO_LABEL_KEY = "auto_label"
"""A stored draft version's key: no label was given (its label is a placeholder)."""


@dataclass
class Draft:
    """A new comparison before it is aligned: what the user gave, plus segments once
    previewed (each version's ``segments``)."""

    title: str
    versions: list[VersionInput]
    chain: list[str] | None = None
    project_id: int | None = None

    unlabelled: set[int] = field(default_factory=set)
    """Positions of versions given no label: theirs is a placeholder until it becomes the
    detected language code (:func:`settle_labels`)."""

    token: str = ""
    """The stored draft's token (empty until stored)."""

    owner_id: int | None = None
    """The account that started it (None: the local user); see ``web/access.py``."""

    def to_data(self) -> dict[str, Any]:
        """The draft as JSON data for the ``drafts`` table."""
        return {
            "title": self.title, "chain": self.chain, "project_id": self.project_id,
            OWNER_KEY: self.owner_id,
            "versions": [{**v.to_json(), AUTO_LABEL_KEY: n in self.unlabelled}
                         for n, v in enumerate(self.versions)],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], token: str = "") -> Draft:
        """Rebuild a stored draft, checking every boundary it carries; one that cannot be
        read (stored by an older workbench, or damaged) is refused, said in the UI's words."""
        try:
            versions = [VersionInput.from_json(v) for v in data["versions"]]
            unlabelled = {n for n, v in enumerate(data["versions"]) if v.get(AUTO_LABEL_KEY)}
            chain = data.get("chain")
            project_id, owner_id = data.get("project_id"), data.get(OWNER_KEY)
            return cls(title=str(data.get("title", "")), versions=versions,
                       chain=[str(c) for c in chain] if chain is not None else None,
                       project_id=int(project_id) if project_id is not None else None,
                       unlabelled=unlabelled, token=token,
                       owner_id=int(owner_id) if owner_id is not None else None)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            raise BadInput(_("The preview could not be read back; start again.")) from None


def _read_upload(upload: FileStorage) -> tuple[str, str, str, str]:
    """(text, encoding, title, the format read when the name said another) of an uploaded
    file, read by ``workbench.ingest.read_document``."""
    data = upload.read()
    if not data:
        raise BadInput(_("The file %(name)s is empty.", name=upload.filename))
    document = read_document(data, upload.filename or "upload.txt")
    if not document.text.strip():  # a scan, or markup around nothing: never dropped silently
        raise BadInput(_("The file %(name)s holds no text (a scanned PDF needs OCR first).",
                         name=upload.filename))
    return (document.text, str(document.encoding or ""), str(document.title or ""),
            document.read_as)


def _refuse_extra_versions(form: MultiDict[str, str], files: MultiDict[str, FileStorage],
                           max_versions: int) -> None:
    """A version numbered above ``max_versions`` is refused, never silently ignored."""
    numbers = {int(m.group(1)) for key in (*form.keys(), *files.keys())
               if (m := _NUMBERED_FIELD.match(key))
               and (form.get(key, "").strip() if key in form else files[key].filename)}
    beyond = sorted(n for n in numbers if n > max_versions)
    if beyond:
        raise BadInput(_("Give at most %(n)d versions; version %(number)d was given too.",
                         n=max_versions, number=beyond[0]))


def parse_create_form(form: MultiDict[str, str], files: MultiDict[str, FileStorage],
                      max_versions: int) -> Draft:
    """The create form -> a draft of 2..max_versions versions, or :class:`BadInput`."""
    _refuse_extra_versions(form, files, max_versions)
    versions: list[VersionInput] = []
    unlabelled: set[int] = set()
    for n in range(1, max_versions + 1):
        text = form.get(f"text_{n}", "")
        upload = files.get(f"file_{n}")
        filename, encoding, title, read_as = "", "", "", ""
        if upload is not None and upload.filename:
            text, encoding, title, read_as = _read_upload(upload)
            filename = upload.filename
        if not text.strip():
            continue
        given = form.get(f"label_{n}", "").strip()
        label = given or f"v{n}"  # until the language is known (settle_labels)
        try:
            check_label(label)
        except VersionsError:
            raise BadInput(_("Label %(label)s: use at most %(n)d characters and no “|”.",
                             label=label[:MAX_LABEL], n=MAX_LABEL)) from None
        lang = form.get(f"lang_{n}", "auto")
        if lang not in LANG_CHOICES:
            raise BadInput(_("Unknown language %(lang)s.", lang=lang[:20]))
        if not given:
            unlabelled.add(len(versions))
        versions.append(VersionInput(label=label, text=text.replace("\r\n", "\n"),
                                     lang=None if lang == "auto" else lang, title=title,
                                     segmented=bool(form.get(f"segmented_{n}")),
                                     filename=filename, encoding=encoding,
                                     read_as=read_as))
    if len(versions) < 2:
        raise BadInput(_("Give at least two versions (paste text or upload a file)."))
    chosen = [v.label for n, v in enumerate(versions) if n not in unlabelled]
    if len(set(chosen)) != len(chosen):
        raise BadInput(_("Each version needs its own label."))
    project = form.get("project_id", "")
    title = form.get("title", "").strip()
    if len(title) > MAX_TITLE:
        raise BadInput(_("The title is longer than %(n)d characters.", n=MAX_TITLE))
    return Draft(title=title, versions=versions,
                 chain=parse_chain(form.get("chain", "")) or None,
                 project_id=_project_id(project), unlabelled=unlabelled)


def _project_id(field: str) -> int | None:
    """The chosen project's id; anything but a plausible id is refused, not ignored."""
    if not field:
        return None
    if not field.isdigit() or len(field) > 12:
        raise BadInput(_("There is no project %(id)s.", id=field[:20]))
    return int(field)


def parse_chain(text: str) -> list[str]:
    """``"zh, ru, en"`` / ``"zh → ru → en"`` / ``"zh > ru > en"`` -> labels (may be empty)."""
    raw = text.replace("→", ",").replace(">", ",")
    return [c.strip() for c in raw.split(",") if c.strip()]


def check_chain(draft: Draft) -> Draft:
    """Refuse a chain that names unknown labels or one label twice (the shared
    :func:`workbench.ingest.versions.check_chain`, said in the UI's words)."""
    labels = [v.label for v in draft.versions]
    try:
        check_version_chain(labels, draft.chain)
    except VersionsError:
        raise BadInput(_("The chain must list version labels (%(labels)s) once each.",
                         labels=", ".join(labels))) from None
    return draft


def settle_labels(draft: Draft) -> Draft:
    """Versions without a label take their language code (``en``, then ``en-2``...).

    Called once the languages are detected; then the chain is checked against them.
    """
    taken = {v.label for n, v in enumerate(draft.versions) if n not in draft.unlabelled}
    for position in sorted(draft.unlabelled):
        version = draft.versions[position]
        base = version.lang or "v"
        label, n = base, 1
        while label in taken:
            n += 1
            label = f"{base}-{n}"
        taken.add(label)
        version.label = label
    draft.unlabelled = set()
    return check_chain(draft)


def segment_draft(draft: Draft) -> Draft:
    """Segment and identify the language of every version that has no segments yet."""
    prepared = prepare_versions(draft.versions)
    for version, done in zip(draft.versions, prepared, strict=True):
        version.lang = done.lang
        version.segments = list(done.segments)
    return draft


def edit_segments(draft: Draft, op: str, version_no: int, segment_no: int,
                  split_before: str = "") -> Draft:
    """Merge segment ``segment_no`` with the next, or split it before ``split_before``."""
    if not 0 <= version_no < len(draft.versions):
        raise BadInput(_("There is no such version in the preview."))
    version = draft.versions[version_no]
    segments = version.segments or []
    if not 0 <= segment_no < len(segments):
        raise BadInput(_("There is no such segment in the preview."))
    if op == "merge":
        version.segments = merge_segments(segments, segment_no, source=version.text)
    elif op == "split":
        segment = segments[segment_no]
        needle = split_before.strip()
        found = segment.text.find(needle, 1) if needle else -1
        if found <= 0:
            raise BadInput(_("“%(text)s” was not found inside the segment (after its start).",
                             text=needle))
        version.segments = split_segment(segments, segment_no, segment.start + found)
    else:
        raise BadInput(_("Unknown preview action."))
    return draft
