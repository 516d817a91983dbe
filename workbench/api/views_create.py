"""Creating a comparison from texts (JSON) or files (multipart), which queues its alignment.

The request is checked whole first (schema, project, labels, chain, that every version
segments): only then are the project (when none is named) and the comparison stored,
in one transaction with the job row. Poll ``GET .../job`` for progress.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage, MultiDict

from workbench.aligned import VersionInput
from workbench.api import lookup
from workbench.api.auth import require_reviewer
from workbench.api.blueprint import bp
from workbench.api.responses import ComparisonOut
from workbench.api.schemas import ComparisonIn, ComparisonUploadIn
from workbench.review import InvalidOperationError
from workbench.web.drafts import (
    Draft,
    parse_chain,
    parse_create_form,
    segment_draft,
    settle_labels,
)


def _draft_from_json(body: dict[str, Any]) -> Draft:
    versions = [VersionInput(label=v["label"].strip() or f"v{n}",  # until settle_labels
                             text=v["text"].replace("\r\n", "\n"),
                             lang=None if v["lang"] == "auto" else v["lang"],
                             title=v["title"], segmented=v["segmented"])
                for n, v in enumerate(body["versions"], start=1)]
    unlabelled = {n for n, v in enumerate(body["versions"]) if not v["label"].strip()}
    chosen = [v.label for n, v in enumerate(versions) if n not in unlabelled]
    if len(set(chosen)) != len(chosen):
        raise InvalidOperationError(_("Each version needs its own label."))
    return Draft(title=body["title"].strip(), versions=versions, chain=body["chain"] or None,
                 project_id=body["project_id"], unlabelled=unlabelled)


def _start(draft: Draft) -> tuple[Any, int, dict[str, str]]:
    """Check the draft whole, then store it and queue the job: (comparison, 202, Location)."""
    from workbench.jobs import enqueue_alignment
    from workbench.store import create_project

    limit = int(current_app.config["MAX_VERSIONS"])
    if len(draft.versions) > limit:
        raise InvalidOperationError(_("Give at most %(n)d versions.", n=limit))
    if draft.project_id is not None:
        lookup.project(draft.project_id)
        require_reviewer(draft.project_id)
    settle_labels(segment_draft(draft))
    session = lookup.session()
    try:
        project_id = draft.project_id or create_project(
            session, draft.title or "Untitled comparison", commit=False)
        # checks the versions (ingest.versions.check_versions) before storing any of them
        job = enqueue_alignment(session, project_id, draft.versions, title=draft.title,
                                chain=draft.chain)
    except BaseException:
        session.rollback()  # nothing of a refused comparison stays, its new project neither
        raise
    comparison_id = int(job.comparison_id)
    location = url_for("api.get_comparison", comparison_id=comparison_id)
    return lookup.comparison(comparison_id), 202, {"Location": location}


@bp.post("/comparisons")
@bp.arguments(ComparisonIn)
@bp.response(202, ComparisonOut)
def create_comparison(body: dict[str, Any]) -> Any:
    """Create a comparison from 2-4 texts and queue its alignment.

    Versions without a label take their detected language code; ``chain`` names the
    translation order (labels once each) for drift checks along it.
    """
    return _start(_draft_from_json(body))


@bp.post("/comparisons/files")
@bp.arguments(ComparisonUploadIn, location="multipart")
@bp.response(202, ComparisonOut)
def create_comparison_from_files(form: dict[str, Any]) -> Any:
    """Create a comparison from uploaded files ``file_1`` .. ``file_4`` and queue its alignment.

    Fields as in the web form: ``label_N``, ``lang_N`` (auto by default), ``title``,
    ``project_id``, ``chain`` (e.g. ``zh,ru,en``).
    """
    texts: MultiDict[str, str] = MultiDict(
        {k: v for k, v in form.items() if isinstance(v, str) and k != "chain"})
    uploads = MultiDict({k: v for k, v in form.items() if k.startswith("file_")
                         and isinstance(v, FileStorage)})
    draft = parse_create_form(texts, uploads, int(current_app.config["MAX_VERSIONS"]))
    draft.chain = parse_chain(form["chain"]) or None
    draft.project_id = form["project_id"]
    return _start(draft)
