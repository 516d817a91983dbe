"""Stored drafts keep one format: the draft's versions as ``VersionInput.to_json`` data.

A draft stored before the versions became ``VersionInput`` records (the same keys, the
``auto_label`` of the form beside them) still opens and aligns; one that cannot be read
back is refused with a clear message, and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import EN, RU, soup
from workbench.aligned import VersionInput
from workbench.nlp.segment import segment_lines

RU_TEXT, EN_TEXT = "\n".join(RU[:3]), "\n".join(EN[:3])

# what the draft of a pasted ru text and an unlabelled en text held, as it was stored
EARLIER: dict[str, Any] = {
    "title": "Dam", "chain": None, "project_id": None, "owner_id": None,
    "versions": [
        {"label": "ru", "text": RU_TEXT, "lang": "ru", "title": "", "segmented": True,
         "filename": "dam.ru.txt", "encoding": "utf-8", "auto_label": False,
         "segments": [[0, 22, 0], [23, 55, 0], [56, 86, 0]]},
        {"label": "v2", "text": EN_TEXT, "lang": "en", "title": "", "segmented": True,
         "filename": "", "encoding": "", "auto_label": True,
         "segments": [[0, 25, 0], [26, 66, 0], [67, 96, 0, "In 1999 the dam was done."]]},
    ],
}


def _store(app: Flask, data: dict[str, Any]) -> str:
    from workbench.store import session_scope
    from workbench.store.drafts import create_draft

    with session_scope(app.config["DATABASE_URL"]) as session:
        return create_draft(session, data)


def _counts(app: Flask) -> tuple[int, int]:
    from sqlalchemy import func, select

    from workbench.store import session_scope
    from workbench.store.models import Comparison, Project

    with session_scope(app.config["DATABASE_URL"]) as session:
        return (session.scalar(select(func.count()).select_from(Comparison)) or 0,
                session.scalar(select(func.count()).select_from(Project)) or 0)


def test_the_stored_format_is_the_one_written_before(app: Flask) -> None:
    from workbench.web.drafts import Draft

    with app.test_request_context():
        draft = Draft.from_data(EARLIER)
        assert draft.unlabelled == {1}
        assert [v.label for v in draft.versions] == ["ru", "v2"]
        assert all(isinstance(v, VersionInput) for v in draft.versions)
        assert draft.versions[0].segments == segment_lines(RU_TEXT)
        assert (draft.versions[0].filename, draft.versions[0].encoding) == ("dam.ru.txt",
                                                                            "utf-8")
        assert draft.to_data() == EARLIER  # written back exactly as it was read


def test_a_draft_stored_earlier_opens_and_aligns(app: Flask, client: FlaskClient) -> None:
    token = _store(app, EARLIER)
    page = soup(client.get(f"/comparisons/drafts/{token}"))
    assert [h.contents[0].strip() for h in page.select(".preview-version h2")] == ["ru", "en"]
    assert "dam.ru.txt" in page.get_text() and "In 1999 the dam was done." in page.get_text()
    aligned = client.post("/comparisons/draft", data={"draft": token, "op": "align"})
    assert aligned.status_code == 303
    review = client.get(aligned.headers["Location"].removesuffix("/progress"))
    assert review.status_code == 200 and _counts(app)[0] == 1


def test_a_draft_that_cannot_be_read_back_is_refused_clearly(app: Flask,
                                                            client: FlaskClient) -> None:
    dict_segments = {**EARLIER, "versions": [
        {**v, "segments": [{"start": 0, "end": 5, "paragraph": 0}]} for v in EARLIER["versions"]]}
    no_text = {**EARLIER, "versions": [{"label": "ru"}, {"label": "en"}]}
    outside = {**EARLIER, "versions": [{**EARLIER["versions"][0], "segments": [[0, 900, 0]]},
                                       EARLIER["versions"][1]]}
    before = _counts(app)
    for data in (dict_segments, no_text, outside, {"title": "no versions"}):
        token = _store(app, data)
        shown = client.get(f"/comparisons/drafts/{token}")
        assert shown.status_code == 400
        assert "The preview could not be read back; start again." in shown.get_data(as_text=True)
        refused = client.post("/comparisons/draft", data={"draft": token, "op": "align"})
        assert refused.status_code == 400
    assert _counts(app) == before
