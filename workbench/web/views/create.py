"""Create a comparison: paste or upload 2-4 versions -> segmentation preview -> align."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_htmx.responses import HTMXResponseClientRedirect

from workbench import review
from workbench.web import htmx
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
from workbench.web.templating import render_htmx_template
from workbench.web.views.jobs import start_alignment

bp = Blueprint("create", __name__, url_prefix="/comparisons")


def _form_page(error: str = "", status: int = 200) -> Any:
    return render_htmx_template(
        "create.html", "partials/_create_form.html", status=status,
        projects=review.list_projects(get_session()), lang_choices=LANG_CHOICES,
        max_versions=current_app.config["MAX_VERSIONS"], form=request.form, error=error,
    )


def _preview(draft: Draft, error: str = "", status: int = 200, start: int = 0) -> Any:
    """The preview, showing ``PREVIEW_SEGMENTS`` segments of each version from ``start``."""
    size = int(current_app.config["PREVIEW_SEGMENTS"])
    longest = max((len(v.segments) for v in draft.versions), default=0)
    start = max(0, min(start, (max(longest - 1, 0) // size) * size))
    return render_htmx_template("preview.html", "partials/_preview.html", status=status,
                                draft=draft, error=error, start=start, size=size,
                                longest=longest)


@bp.get("/new")
def new() -> Any:
    return _form_page()


@bp.post("/preview")
def preview() -> Any:
    """Read the form (pasted text or files), segment every version, show the preview."""
    try:
        draft = parse_create_form(request.form, request.files, current_app.config["MAX_VERSIONS"])
        _check_project(draft.project_id)
        settle_labels(segment_draft(draft))
    except ValueError as exc:  # BadInput, PipelineError, ingest and segmentation errors
        return _form_page(error=str(exc), status=400)
    return _preview(draft)


@bp.post("/draft")
def edit_preview() -> Any:
    """One form for the whole preview: ``op`` is ``merge:V:S``, ``split:V:S`` or ``align``."""
    draft = Draft.from_json(request.form.get("draft", ""))
    op, _sep, where = request.form.get("op", "").partition(":")
    start = _int(request.form.get("start") or "0")
    if "chain" in request.form:  # the preview's chain field (empty: no chain)
        draft.chain = parse_chain(request.form["chain"])
        try:
            check_chain(draft)
        except ValueError as exc:
            return _preview(draft, error=str(exc), status=400, start=start)
    if op == "align":
        return _align(draft)
    if op == "page":
        return _preview(draft, start=_int(where))
    version_no, _sep, segment_no = where.partition(":")
    try:
        edit_segments(draft, op, _int(version_no), _int(segment_no),
                      request.form.get(f"split_before_{version_no}_{segment_no}", ""))
    except ValueError as exc:
        return _preview(draft, error=str(exc), status=400, start=start)
    return _preview(draft, start=start)


def _align(draft: Draft) -> Any:
    """Store the previewed versions and enqueue the alignment job; show its progress."""
    if any(not v.segments for v in draft.versions):
        settle_labels(segment_draft(draft))
    draft.chain = draft.chain or None  # [] (the reviewer cleared the field): no chain
    comparison_id = start_alignment(get_session(), draft)
    target = url_for("jobs.progress_page", comparison_id=comparison_id)
    if htmx:
        return HTMXResponseClientRedirect(target)
    return redirect(target, code=303)


def _check_project(project_id: int | None) -> None:
    """A chosen project must exist (it may have been deleted in another tab)."""
    if project_id is not None and all(
            p.id != project_id for p in review.list_projects(get_session())):
        raise BadInput(_("There is no project %(id)s.", id=project_id))


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise BadInput("expected a number") from None
