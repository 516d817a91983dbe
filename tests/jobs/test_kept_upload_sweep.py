"""Kept uploads (users' unpublished texts) do not stay on disk once no draft needs them."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from workbench.jobs import draft_jobs
from workbench.jobs.draft_jobs import KEPT_UPLOAD, SWEEP_GRACE, sweep_kept_uploads
from workbench.store.drafts import create_draft
from workbench.store.models import DraftModel, utcnow


def _kept(instance: Path, folder: str, name: str, *, age: float) -> Path:
    path = instance / folder / f"{name}.upload"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"an unpublished text")
    moment = time.time() - age
    os.utime(path, (moment, moment))
    return path


def _draft_with(session: Session, upload: Path, *, kind: str = "") -> str:
    if kind == "import":
        return create_draft(session, {"kind": "import", "path": str(upload)}, state="segmenting")
    return create_draft(session, {"versions": [{"label": "en", KEPT_UPLOAD: str(upload)}]},
                        state="segmenting")


def test_only_files_no_live_draft_points_to_are_deleted(session: Session,
                                                         tmp_path: Path) -> None:
    old = 2 * SWEEP_GRACE
    needed = _kept(tmp_path, "uploads", "needed", age=old)
    imported = _kept(tmp_path, "imports", "imported", age=old)
    orphan = _kept(tmp_path, "uploads", "orphan", age=old)
    orphan_import = _kept(tmp_path, "imports", "orphan", age=old)
    just_saved = _kept(tmp_path, "uploads", "just-saved", age=1)  # its draft is being stored
    other = tmp_path / "uploads" / "notes.txt"
    other.write_text("not a kept upload")
    _draft_with(session, needed)
    _draft_with(session, imported, kind="import")

    assert sweep_kept_uploads(session, tmp_path) == 2
    assert needed.exists() and imported.exists() and just_saved.exists() and other.exists()
    assert not orphan.exists() and not orphan_import.exists()


def test_the_files_of_an_expired_draft_go(session: Session, tmp_path: Path) -> None:
    upload = _kept(tmp_path, "uploads", "expired", age=2 * SWEEP_GRACE)
    token = _draft_with(session, upload)
    session.execute(update(DraftModel).where(DraftModel.token == token)
                    .values(expires_at=utcnow() - timedelta(minutes=1)))
    session.commit()
    assert sweep_kept_uploads(session, tmp_path) == 1 and not upload.exists()


def test_a_job_whose_draft_is_gone_deletes_what_was_left(
        session: Session, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, a segmenting job that found its draft expired returned at once and its
    upload stayed on disk for good."""
    left = _kept(tmp_path, "uploads", "left", age=2 * SWEEP_GRACE)
    monkeypatch.setattr(draft_jobs, "queue_instance", lambda: tmp_path)
    draft_jobs.run_segment_draft("no-such-draft", db_url)
    assert not left.exists()
    left = _kept(tmp_path, "imports", "left", age=2 * SWEEP_GRACE)
    draft_jobs.run_import("no-such-draft", db_url)
    assert not left.exists()
