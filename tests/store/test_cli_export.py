"""``workbench export N`` exports a comparison stored by the web app, with the review."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.store.dbfixtures import EN, RU, build_comparison
from workbench.cli import cli
from workbench.nlp.embed.fake import FakeEncoder
from workbench.review.annotate import add_flag
from workbench.store.models import AlignmentRow


def test_export_stored_comparison_by_number(
    session: Session, db_url: str, monkeypatch: pytest.MonkeyPatch, fake_encoder: FakeEncoder
) -> None:
    comparison_id = build_comparison(session, {"en": EN, "ru": RU}, fake_encoder, title="Dam")
    first = session.scalars(select(AlignmentRow.id).where(AlignmentRow.comparison_id
                                                         == comparison_id)
                            .order_by(AlignmentRow.position)).first()
    assert first is not None
    add_flag(session, first, "number", "major", "350 or 3.5?")
    session.commit()
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", db_url)

    result = CliRunner().invoke(cli, ["export", str(comparison_id), "--format", "jsonl",
                                      "--no-metadata"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"]["en"] for r in rows] == EN
    assert any("350 or 3.5?" in json.dumps(r, ensure_ascii=False) for r in rows)

    missing = CliRunner().invoke(cli, ["export", "999999", "--format", "jsonl"])
    assert missing.exit_code != 0
    assert "999999" in missing.output and "Traceback" not in missing.output
