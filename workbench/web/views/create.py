"""Create a comparison: paste or upload 2-4 versions -> segmentation preview -> align.

The draft is stored on the server (``drafts`` table) under an opaque token. Small
drafts are segmented in the request; larger ones (over ``INLINE_SEGMENT_CHARS``)
in the job queue while the page polls, so no request segments a long book; uploads
over ``INLINE_READ_BYTES`` are not even read in the request (the job reads them).
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_htmx.responses import HTMXResponseClientRedirect, HTMXResponseStopPolling
from werkzeug.datastructures import FileStorage, MultiDict

from workbench import review
from workbench.jobs import enqueue_alignment, tasks
from workbench.jobs.draft_jobs import KEPT_UPLOAD
from workbench.jobs.queue import ensure_configured
from workbench.jobs.service import session_url
from workbench.store import create_project
from workbench.store.drafts import create_draft, delete_draft, get_draft, update_draft
from workbench.web.accounts import account_id
from workbench.web.db import get_session
from workbench.web.drafts import (
    LANG_CHOICES,
    Draft,
    check_chain,
    edit_segments,
    parse_chain,
    parse_create_form,
    segment_draft,
    settle_labels,
)
from workbench.web.errors import BadInput
from workbench.web.extensions import htmx
from workbench.web.inputs import parse_int
from workbench.web.messages import localise_error
from workbench.web.templating import render_htmx_template

bp = Blueprint("create", __name__, url_prefix="/comparisons")

INLINE_SEGMENT_CHARS = 300_000
"""Default of the ``INLINE_SEGMENT_CHARS`` setting: above it (all versions together) the
draft is segmented in the job queue (about 1 million characters a second)."""

INLINE_READ_BYTES = 1024 * 1024
"""Default of ``INLINE_READ_BYTES``: uploads larger than this (all files together) are not
even read in the request (decoding and tidying 19 MB of text took 1.6 s of the request
thread): they are kept in the instance folder and read, then segmented, by the job."""
_FILE_FIELD = re.compile(r"^file_(\d{1,6})$")
_PENDING_TEXT = "(read by the job)"  # stands for a kept upload while the form is checked


def _max_versions() -> int:
    return int(current_app.config["MAX_VERSIONS"])


def _form_page(error: str = "", status: int = 200) -> Any:
    return render_htmx_template(
        "create.html", "partials/_create_form.html", status=status,
        projects=review.list_projects(get_session()), lang_choices=LANG_CHOICES,
        max_versions=_max_versions(), form=request.form, error=error,
    )


def _preview(draft: Draft, error: str = "", status: int = 200, start: int = 0) -> Any:
    """The preview, showing ``PREVIEW_SEGMENTS`` segments of each version from ``start``."""
    size = int(current_app.config["PREVIEW_SEGMENTS"])
    longest = max((len(v.segments or []) for v in draft.versions), default=0)
    start = max(0, min(start, (max(longest - 1, 0) // size) * size))
    return render_htmx_template("preview.html", "partials/_preview.html", status=status,
                                draft=draft, error=error, start=start, size=size,
                                longest=longest)


@bp.get("/new")
def new() -> Any:
    return _form_page()


@bp.post("/preview")
def preview() -> Any:
    """Read the form (pasted text or files), store the draft, segment it, show the preview."""
    uploads = _uploads()
    if sum(size for _upload, size in uploads.values()) > int(
            current_app.config.get("INLINE_READ_BYTES", INLINE_READ_BYTES)):
        return _keep_and_queue(uploads)
    try:
        draft = parse_create_form(request.form, request.files, _max_versions())
        draft.owner_id = account_id()
        _check_project(draft.project_id)
        inline = sum(len(v.text) for v in draft.versions) <= int(
            current_app.config.get("INLINE_SEGMENT_CHARS", INLINE_SEGMENT_CHARS))
        if inline:
            settle_labels(segment_draft(draft))
    except ValueError as exc:  # BadInput, PipelineError, ingest and segmentation errors
        return _form_page(error=localise_error(str(exc)), status=400)
    session = get_session()
    if inline:
        draft.token = create_draft(session, draft.to_data())
        return _preview(draft)
    token = create_draft(session, draft.to_data(), state="segmenting")
    _enqueue_segmenting(token)
    if not htmx:
        return redirect(url_for("create.draft_page", token=token), code=303)
    return _draft_state(token)


def _uploads() -> dict[int, tuple[FileStorage, int]]:
    """The form's files by version number, with their sizes (already spooled: not read)."""
    found = {}
    for key, upload in request.files.items():
        match = _FILE_FIELD.match(key)
        if match and upload.filename:
            stream = upload.stream
            stream.seek(0, 2)
            found[int(match.group(1))] = (upload, stream.tell())
            stream.seek(0)
    return found


def _keep_and_queue(uploads: dict[int, tuple[FileStorage, int]]) -> Any:
    """Check the form without reading its files, keep them, and let the job read them."""
    form = MultiDict(request.form)
    for number, (upload, size) in uploads.items():
        if not size:
            return _form_page(error=_("The file %(name)s is empty.", name=upload.filename),
                              status=400)
        form[f"text_{number}"] = _PENDING_TEXT
    try:
        draft = parse_create_form(form, MultiDict(), _max_versions())
        _check_project(draft.project_id)
    except ValueError as exc:
        return _form_page(error=localise_error(str(exc)), status=400)
    draft.owner_id = account_id()
    data = draft.to_data()
    numbers = [n for n in range(1, _max_versions() + 1) if form.get(f"text_{n}", "").strip()]
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for version, number in zip(data["versions"], numbers, strict=True):
        if number in uploads:
            upload = uploads[number][0]
            path = folder / f"{secrets.token_hex(16)}.upload"
            upload.save(path)
            path.chmod(0o600)
            version.update(text="", filename=upload.filename, **{KEPT_UPLOAD: str(path)})
    token = create_draft(get_session(), data, state="segmenting")
    _enqueue_segmenting(token)
    if not htmx:
        return redirect(url_for("create.draft_page", token=token), code=303)
    return _draft_state(token)


def _enqueue_segmenting(token: str) -> None:
    ensure_configured()
    tasks.segment_draft(token, session_url(get_session()))


def _load(token: str) -> tuple[str, Draft]:
    """(state, draft) of the stored draft ``token`` (404 when it expired or was used)."""
    session = get_session()
    session.expire_all()
    stored = get_draft(session, token)
    if stored.data.get("kind") == "import":
        raise review.NotFoundError(_("There is no such draft."))
    if stored.state == "failed":
        raise BadInput(localise_error(stored.error) or _("The draft could not be segmented."))
    return stored.state, Draft.from_data(stored.data, token)


def _save(draft: Draft) -> None:
    update_draft(get_session(), draft.token, draft.to_data())


def _draft_state(token: str) -> Any:
    """The preview when the draft is segmented, else the polled "segmenting" notice."""
    try:
        state, draft = _load(token)
    except BadInput as exc:  # segmenting failed: the reason, and the form to start again
        return _form_page(error=localise_error(str(exc)), status=400)
    if state == "segmenting":
        return render_htmx_template("draft_waiting.html", "partials/_draft_waiting.html",
                                    poll_url=url_for("create.draft_page", token=token))
    if draft.unlabelled:
        try:
            settle_labels(draft)
        except ValueError as exc:
            return _preview(draft, error=localise_error(str(exc)), status=400)
        finally:
            _save(draft)
    if htmx and request.method == "GET":
        return HTMXResponseStopPolling(_preview(draft)[0])
    return _preview(draft)


@bp.get("/drafts/<token>")
def draft_page(token: str) -> Any:
    """The stored draft: still segmenting (polled), failed (why), or its preview."""
    return _draft_state(token)


@bp.post("/draft")
def edit_preview() -> Any:
    """One form for the whole preview: ``op`` is ``merge:V:S``, ``split:V:S`` or ``align``."""
    state, draft = _load(request.form.get("draft", ""))
    if state == "segmenting":
        return _draft_state(draft.token)
    op, _sep, where = request.form.get("op", "").partition(":")
    start = _int(request.form.get("start") or "0")
    if "chain" in request.form:  # the preview's chain field (empty: no chain)
        draft.chain = parse_chain(request.form["chain"])
        try:
            check_chain(draft)
        except ValueError as exc:
            return _preview(draft, error=localise_error(str(exc)), status=400, start=start)
    if op == "align":
        return _align(draft)
    if op == "page":
        return _preview(draft, start=_int(where))
    version_no, _sep, segment_no = where.partition(":")
    try:
        edit_segments(draft, op, _int(version_no), _int(segment_no),
                      request.form.get(f"split_before_{version_no}_{segment_no}", ""))
    except ValueError as exc:
        return _preview(draft, error=localise_error(str(exc)), status=400, start=start)
    _save(draft)
    return _preview(draft, start=start)


def _align(draft: Draft) -> Any:
    """Store the draft's versions and queue the alignment in one transaction (a new
    project included), the versions checked first: a refusal leaves nothing behind."""
    draft.chain = draft.chain or None  # [] (the reviewer cleared the field): no chain
    try:
        _check_project(draft.project_id)
    except BadInput as exc:
        return _preview(draft, error=localise_error(str(exc)), status=400)
    session = get_session()
    try:
        project_id = draft.project_id or create_project(
            session, draft.title or _("Untitled comparison"), commit=False)
        delete_draft(session, draft.token, commit=False)
        # checks the versions (ingest.versions.check_versions) before storing any of them
        job = enqueue_alignment(session, project_id, draft.versions, title=draft.title,
                                chain=draft.chain)
    except review.InvalidOperationError as exc:  # refused: nothing stored, the draft kept
        session.rollback()
        return _preview(draft, error=localise_error(str(exc)), status=400)
    except BaseException:
        session.rollback()
        raise
    target = url_for("jobs.progress_page", comparison_id=int(job.comparison_id))
    if htmx:
        return HTMXResponseClientRedirect(target)
    return redirect(target, code=303)


def _check_project(project_id: int | None) -> None:
    """A chosen project must exist (it may have been deleted in another tab)."""
    if project_id is not None and all(
            p.id != project_id for p in review.list_projects(get_session())):
        raise BadInput(_("There is no project %(id)s.", id=project_id))


def _int(value: str | None) -> int:
    number = parse_int(value or "", high=10**9 - 1)
    if number is None:
        raise BadInput(_("Expected a number."))
    return number
