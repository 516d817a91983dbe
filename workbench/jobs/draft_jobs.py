"""Work on uploads in the job queue, so that no request reads or segments a large file.

Segmenting a stored draft of a new comparison, and reading aligned material
(TMX, XLIFF, CSV/TSV, JSONL) into a comparison: the draft's state goes
``segmenting`` -> ``ready`` or ``failed`` (with the reason for the user), and
the page polls it.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workbench.aligned import VersionInput
from workbench.errors import UserError
from workbench.imported import inputs_from_record
from workbench.ingest import read_aligned, read_document
from workbench.ingest.errors import BadInputError
from workbench.ingest.versions import VersionsError
from workbench.jobs.queue import huey, queue_instance, runs_task
from workbench.jobs.service import enqueue_alignment
from workbench.pipeline import prepare_versions
from workbench.review.members import make_owner
from workbench.store import create_project
from workbench.store.db import get_sessionmaker
from workbench.store.drafts import DraftNotFoundError, get_draft, live_draft_data, update_draft
from workbench.store.models import Project

log = logging.getLogger(__name__)


KEPT_UPLOAD = "upload"
"""A draft version's key for the path of an upload the request kept unread (too large to
read there): the job reads it (:func:`read_kept_upload`) before segmenting."""


def read_kept_upload(version: dict[str, Any]) -> None:
    """Read the kept upload of a draft version into its text, encoding and title."""
    name = str(version.get("filename") or "upload.txt")
    document = read_document(Path(str(version.pop(KEPT_UPLOAD))).read_bytes(), name)
    text = document.text.replace("\r\n", "\n")
    if not text.strip():
        raise BadInputError(f"the file {name} is empty")
    version.update(text=text, encoding=str(document.encoding or ""),
                   title=version.get("title") or str(document.title or ""),
                   read_as=document.read_as)


KEPT_FOLDERS = ("uploads", "imports")
"""Folders of the instance where requests keep uploads for a job (``*.upload``, mode 600)."""
SWEEP_GRACE = 600.0
"""Seconds a kept file may go unreferenced: a request saves it just before it stores its draft."""


def kept_uploads(data: dict[str, Any]) -> list[Path]:
    """The kept files a draft's data points to (a new comparison's versions, an import)."""
    paths = [Path(str(v[KEPT_UPLOAD])) for v in data.get("versions") or []
             if isinstance(v, dict) and v.get(KEPT_UPLOAD)]
    if data.get("kind") == "import" and data.get("path"):
        paths.append(Path(str(data["path"])))
    return paths


def sweep_kept_uploads(session: Session, instance: Path, *, now: float | None = None) -> int:
    """Delete kept uploads that no live draft points to any longer; how many.

    A job reads and deletes its draft's files, but some are left behind: the draft expired
    (or was purged) before its job ran, or the server stopped between keeping a file and
    storing the draft. They hold the users' unpublished texts, so they do not stay on
    disk: this runs when the job consumer starts and after each draft or import job.
    """
    referenced = {path.resolve() for data in live_draft_data(session)
                  for path in kept_uploads(data)}
    session.rollback()  # only read: no transaction kept open
    cutoff = (time.time() if now is None else now) - SWEEP_GRACE
    removed = 0
    for folder in KEPT_FOLDERS:
        for path in sorted((instance / folder).glob("*.upload")):
            try:
                if path.resolve() not in referenced and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:  # gone meanwhile, or not ours to delete: left as it is
                continue
    return removed


def _sweep_after_job(session: Session) -> None:
    """:func:`sweep_kept_uploads` after a draft or import job; never fails the job."""
    instance = queue_instance()
    if instance is None:
        return
    try:
        sweep_kept_uploads(session, instance)
    except Exception:  # a failed sweep is tried again after the next job
        log.warning("could not sweep the kept uploads", exc_info=True)


def segment_draft_data(data: dict[str, Any]) -> dict[str, Any]:
    """Fill in the language and segments of every version of draft ``data`` lacking them
    (reading its kept uploads first)."""
    for version in data["versions"]:
        if version.get(KEPT_UPLOAD):
            read_kept_upload(version)
    inputs = [VersionInput.from_json(version) for version in data["versions"]]
    for version, item, done in zip(data["versions"], inputs, prepare_versions(inputs),
                                   strict=True):
        item.lang, item.segments = done.lang, list(done.segments)
        version.update(item.to_json())  # the form's own keys (``auto_label``) kept
    return data


def in_child_process(work: Callable[[Any], Any], argument: Any) -> Any:
    """``work(argument)`` in a child process, unless jobs run at once (tests).

    Segmenting a long book is seconds of Python (and hundreds of thousands of objects
    for the garbage collector) that would otherwise hold the web server's GIL: other
    users' pages stalled for seconds. A refusal (``UserError``) comes back as itself.
    """
    if huey.immediate:
        return work(argument)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(work, argument).result()


@runs_task("segment_draft")
def run_segment_draft(token: str, database_url: str) -> None:
    """Segment the draft ``token``; a refusal or a bug ends as a failed draft with its reason."""
    sessions = get_sessionmaker(database_url)
    with sessions() as session:
        try:
            stored = get_draft(session, token)
        except DraftNotFoundError:  # expired or used meanwhile: only its files to delete
            _sweep_after_job(session)
            return
        uploads = kept_uploads(stored.data)
        try:
            data = in_child_process(segment_draft_data, stored.data)
        except UserError as exc:
            update_draft(session, token, state="failed", error=str(exc))
            return
        except Exception as exc:  # a bug: the user sees a failure, the log the details
            log.exception("segmenting draft failed")
            update_draft(session, token, state="failed",
                         error=f"segmenting failed ({type(exc).__name__})")
            return
        finally:
            for path in uploads:  # read (or refused): not kept any longer
                path.unlink(missing_ok=True)
        update_draft(session, token, data, state="ready")
        _sweep_after_job(session)


def read_import(upload: tuple[bytes, str]) -> tuple[list[Any], list[Any], str, list[str] | None]:
    """(inputs, rows, title, chain) of aligned material: the slow part of an import."""
    record = read_aligned(*upload)
    inputs, rows = inputs_from_record(record)
    return inputs, rows, record.title, record.chain


def start_import(session: Session, data: bytes, filename: str, *, title: str = "",
                 chain: Sequence[str] | None = None, project_id: int | None = None,
                 owner_id: int | None = None, child: bool = False) -> int:
    """Read aligned material (``child``: in a child process), then store it and queue its
    scoring in one transaction (a new project included, owned by account ``owner_id``),
    its versions checked first (by ``enqueue_alignment``); the comparison id. A refusal
    stores nothing."""
    upload = (data, filename)
    inputs, rows, file_title, file_chain = (in_child_process(read_import, upload) if child
                                            else read_import(upload))
    title = title.strip() or file_title or filename
    if project_id is not None and session.get(Project, project_id) is None:
        raise VersionsError(f"there is no project {project_id}")
    for item in inputs:
        item.filename = filename
    try:
        target = project_id or create_project(session, title, commit=False)
        if project_id is None:
            make_owner(session, target, owner_id)
        job = enqueue_alignment(session, target, inputs, title=title,
                                chain=list(chain or []) or file_chain,
                                rows=[dict(r.cells) for r in rows])
    except BaseException:
        session.rollback()
        raise
    return int(job.comparison_id)


@runs_task("import_aligned")
def run_import(token: str, database_url: str) -> None:
    """Import the upload the draft ``token`` points to; its state says how that went."""
    sessions = get_sessionmaker(database_url)
    with sessions() as session:
        try:
            stored = get_draft(session, token)
        except DraftNotFoundError:
            _sweep_after_job(session)
            return
        info = stored.data
        path = Path(str(info["path"]))
        try:
            comparison_id = start_import(
                session, path.read_bytes(), str(info["filename"]), title=str(info["title"]),
                chain=[str(c) for c in info.get("chain") or []],
                project_id=info.get("project_id"), owner_id=info.get("owner_id"), child=True)
        except UserError as exc:
            update_draft(session, token, state="failed", error=str(exc))
            return
        except Exception as exc:
            log.exception("import failed")
            update_draft(session, token, state="failed",
                         error=f"the import failed ({type(exc).__name__})")
            return
        finally:
            path.unlink(missing_ok=True)
        update_draft(session, token, {**info, "comparison_id": comparison_id}, state="ready")
        _sweep_after_job(session)
