"""Open aligned material (TMX, XLIFF, CSV/TSV, JSONL) as a comparison, keeping its pairing.

The file's rows are scored and checked for drift by the same background job as
an alignment (with progress), but not re-aligned: the reviewer sees the pairs
the translation memory or bilingual file holds.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_htmx.responses import HTMXResponseClientRedirect

from workbench import review
from workbench.web import htmx
from workbench.web.db import get_session
from workbench.web.errors import BadInput
from workbench.web.templating import render_htmx_template

bp = Blueprint("import_aligned", __name__, url_prefix="/comparisons")


def _page(error: str = "", status: int = 200) -> Any:
    return render_htmx_template("import.html", "partials/_import_form.html", status=status,
                                projects=review.list_projects(get_session()), form=request.form,
                                error=error)


@bp.get("/import")
def form() -> Any:
    return _page()


@bp.post("/import")
def submit() -> Any:
    """Read the uploaded file, store its versions and rows, and queue the scoring job."""
    try:
        comparison_id = _start_import()
    except ValueError as exc:  # BadInput, ingest errors, PipelineError, job validation
        return _page(error=str(exc), status=400)
    target = url_for("jobs.progress_page", comparison_id=comparison_id)
    if htmx:
        return HTMXResponseClientRedirect(target)
    return redirect(target, code=303)


def _start_import() -> int:
    from workbench.imported import inputs_from_record
    from workbench.ingest import read_aligned
    from workbench.jobs import enqueue_alignment
    from workbench.store import VersionMeta, create_project

    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise BadInput(_("Choose a file of aligned material to open."))
    data = upload.read()
    if not data:
        raise BadInput(_("The file %(name)s is empty.", name=upload.filename))
    record = read_aligned(data, upload.filename)
    inputs, rows = inputs_from_record(record)
    title = request.form.get("title", "").strip() or record.title or upload.filename
    chain_text = request.form.get("chain", "")
    chain = [c.strip() for c in chain_text.replace("|", ",").split(",") if c.strip()]
    session = get_session()
    project = request.form.get("project_id", "")
    if project.isdigit() and all(p.id != int(project) for p in review.list_projects(session)):
        raise BadInput(_("There is no project %(id)s.", id=project))
    project_id = (int(project) if project.isdigit()
                  else create_project(session, title, commit=False))
    meta = {v.label: VersionMeta(source_filename=upload.filename) for v in inputs}
    job = enqueue_alignment(session, project_id, inputs, title=title,
                            chain=chain or record.chain, meta=meta,
                            rows=[dict(r.cells) for r in rows])
    current_app.logger.info("imported %s as comparison %s", upload.filename, job.comparison_id)
    return int(job.comparison_id)
