"""Open aligned material (TMX, XLIFF, CSV/TSV, JSONL) as a comparison, keeping its pairing.

The file's rows are scored and checked for drift by the same background job as
an alignment (with progress), but not re-aligned: the reviewer sees the pairs
the translation memory or bilingual file holds. A file over ``IMPORT_INLINE_BYTES``
is not even read in the request: it is kept in the instance folder and read by a
job while the page polls (``GET /comparisons/imports/<token>``).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_htmx.responses import HTMXResponseClientRedirect, HTMXResponseStopPolling

from workbench import review
from workbench.jobs import tasks
from workbench.jobs.draft_jobs import start_import
from workbench.jobs.queue import ensure_configured
from workbench.jobs.service import session_url
from workbench.store.drafts import create_draft, get_draft
from workbench.web.accounts import account_id
from workbench.web.db import get_session
from workbench.web.drafts import OWNER_KEY
from workbench.web.errors import BadInput
from workbench.web.extensions import htmx
from workbench.web.messages import localise_error
from workbench.web.templating import render_htmx_template

bp = Blueprint("import_aligned", __name__, url_prefix="/comparisons")

IMPORT_INLINE_BYTES = 512 * 1024
"""Default of ``IMPORT_INLINE_BYTES``: larger files are read in the job queue (a
200,000-row JSONL takes half a minute to read and store)."""


def _page(error: str = "", status: int = 200) -> Any:
    return render_htmx_template("import.html", "partials/_import_form.html", status=status,
                                projects=review.list_projects(get_session()), form=request.form,
                                error=error)


def _to_progress(comparison_id: int) -> Any:
    target = url_for("jobs.progress_page", comparison_id=comparison_id)
    if htmx:
        return HTMXResponseClientRedirect(target)
    return redirect(target, code=303)


@bp.get("/import")
def form() -> Any:
    return _page()


@bp.post("/import")
def submit() -> Any:
    """Read the uploaded file (or queue its reading), store its versions and rows, and queue
    the scoring job."""
    try:
        return _start_import()
    except ValueError as exc:  # BadInput, ingest errors, PipelineError, job validation
        get_session().rollback()
        return _page(error=localise_error(str(exc)), status=400)


def _project_id() -> int | None:
    project = request.form.get("project_id", "")
    if not project:
        return None
    if not project.isdigit() or len(project) > 12 or all(
            p.id != int(project) for p in review.list_projects(get_session())):
        raise BadInput(_("There is no project %(id)s.", id=project[:20]))
    return int(project)


def _start_import() -> Any:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise BadInput(_("Choose a file of aligned material to open."))
    filename = Path(upload.filename.replace("\\", "/")).name or "upload"
    data = upload.read()
    if not data:
        raise BadInput(_("The file %(name)s is empty.", name=filename))
    title = request.form.get("title", "").strip()
    chain_text = request.form.get("chain", "")
    chain = [c.strip() for c in chain_text.replace("|", ",").split(",") if c.strip()]
    project_id = _project_id()
    if len(data) > int(current_app.config.get("IMPORT_INLINE_BYTES", IMPORT_INLINE_BYTES)):
        return _queue_import(data, filename, title, chain, project_id)
    comparison_id = start_import(get_session(), data, filename, title=title, chain=chain,
                                 project_id=project_id, owner_id=account_id())
    current_app.logger.info("imported %s as comparison %s", filename, comparison_id)
    return _to_progress(comparison_id)


def _queue_import(data: bytes, filename: str, title: str, chain: list[str],
                  project_id: int | None) -> Any:
    """Keep the upload in the instance folder and let a job read it; the polled page."""
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{secrets.token_hex(16)}.upload"
    path.write_bytes(data)
    path.chmod(0o600)
    token = create_draft(get_session(), {
        "kind": "import", "path": str(path), "filename": filename, "title": title,
        "chain": chain, "project_id": project_id, OWNER_KEY: account_id()}, state="segmenting")
    ensure_configured()
    tasks.import_aligned(token, session_url(get_session()))
    if not htmx:
        return redirect(url_for("import_aligned.import_page", token=token), code=303)
    return import_page(token)


@bp.get("/imports/<token>")
def import_page(token: str) -> Any:
    """A queued import: still reading (polled), failed (why), or on to the scoring's progress."""
    session = get_session()
    session.expire_all()
    stored = get_draft(session, token)
    if stored.data.get("kind") != "import":
        raise review.NotFoundError(_("There is no such import."))
    if stored.state == "failed":
        return _page(error=localise_error(stored.error), status=400)
    if stored.state == "ready":
        comparison_id = int(stored.data["comparison_id"])
        if htmx and request.method == "GET":
            return HTMXResponseStopPolling(headers={"HX-Redirect": url_for(
                "jobs.progress_page", comparison_id=comparison_id)})
        return _to_progress(comparison_id)
    return render_htmx_template("draft_waiting.html", "partials/_draft_waiting.html",
                                poll_url=url_for("import_aligned.import_page", token=token),
                                target="#import-pane")
