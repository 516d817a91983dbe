"""Every message the UI shows in Russian or Chinese is translated (issue 10).

Each page and each htmx partial the review page loads is rendered in ru and in zh; the
visible text (scripts, styles, the comparison's own texts and labels and numbers taken out)
must not hold any English catalog entry verbatim. Entries of one short word ("TMX", "OK")
are left out: they may be proper nouns, the same in every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import EN, HX, RU, ZH
from workbench.config import PROJECT_ROOT

POT = PROJECT_ROOT / "workbench" / "translations" / "messages.pot"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-confirm", "data-no-row",
                    "data-no-split")
"""Attributes whose text the reader sees too (tooltips, placeholders, screen readers)."""
OWN_TEXTS = [*ZH, *RU, *EN, "The people were given new houses.", "River <test>", "Project"]


def _clearly_ui(msgid: str) -> bool:
    """At least two words or six letters: an English UI string, not a name like "TMX"."""
    literal = PLACEHOLDER.sub(" ", msgid)
    return len(literal.split()) >= 2 or sum(ch.isalpha() for ch in literal) >= 6


def _pattern(msgid: str) -> re.Pattern[str]:
    """The msgid as it reads on a page: placeholders match any short text, spaces any run."""
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(" ".join(msgid.split()))):
        if index:
            parts.append(r".{0,80}?")
        parts.append(r"\s+".join(re.escape(word) for word in piece.split(" ")))
    body = "".join(parts)
    return re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")


def _longest_word(msgid: str) -> str:
    """The longest literal word of ``msgid``: a page its pattern matches holds it verbatim."""
    return max(PLACEHOLDER.sub(" ", msgid).split(), key=len, default="")


@cache
def english_entries() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(msgid, pattern, longest word) for every clearly-UI entry of messages.pot, plural
    forms included."""
    with POT.open("rb") as pot_file:
        catalog = read_po(pot_file)
    found: dict[str, tuple[re.Pattern[str], str]] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        for msgid in ids:
            text = " ".join(str(msgid).split())
            if "<" not in text and _clearly_ui(text):
                found[text] = (_pattern(text), _longest_word(text))
    return tuple((msgid, pattern, word) for msgid, (pattern, word) in found.items())


def visible_text(html: str) -> str:
    """The text a reader sees: no script/style, no comparison texts, no numbers, and not
    the locale switch's options (each language is named in itself there: "English")."""
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    for option in page.select("#locale-select option"):  # each language named in itself
        option.decompose()
    root = page.body or page
    shown = [root.get_text(" ")]
    shown += [str(tag[name]) for name in SHOWN_ATTRIBUTES for tag in root.select(f"[{name}]")]
    if page.title:
        shown.append(page.title.get_text(" "))
    text = " | ".join(" ".join(piece.split()) for piece in shown)
    for own in sorted(OWN_TEXTS, key=len, reverse=True):
        text = text.replace(own, " ")
    return re.sub(r"\d+", " ", text)


def untranslated(html: str) -> list[str]:
    """The English catalog entries that appear verbatim in the page's visible text."""
    text = visible_text(html)
    # the substring test first: the same answers, without ~1000 regex scans of every page
    return [msgid for msgid, pattern, word in english_entries()
            if word in text and pattern.search(text)]


def _project_of(app: Flask, comparison_id: int) -> int:
    from workbench import review
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return int(review.get_comparison(session, comparison_id).project_id)


def _row_ids(app: Flask, comparison_id: int) -> list[int]:
    from workbench import review
    from workbench.store import session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        return [r.id for r in review.query_rows(session, comparison_id, limit=100).rows]


def _some_history(client: FlaskClient, comparison_id: int, row_ids: list[int]) -> None:
    """A few reviewer actions, so history, undo and the status area have something to say."""
    base = f"/comparisons/{comparison_id}"
    for row_id, status in zip(row_ids, ("accepted", "flagged", "accepted"), strict=False):
        answer = client.post(f"{base}/rows/{row_id}/status", data={"status": status},
                             headers=HX)
        assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert client.post(f"{base}/undo", headers=HX).status_code == 200


def pages(app: Flask, comparison_id: int) -> Iterator[tuple[str, dict[str, str]]]:
    """(URL, headers) for every page and for the htmx partials the review page loads."""
    project_id = _project_of(app, comparison_id)
    row_ids = _row_ids(app, comparison_id)
    base = f"/comparisons/{comparison_id}"
    full: dict[str, str] = {}
    yield "/", full
    yield "/projects", full
    yield f"/projects/{project_id}", full
    yield f"/projects/{project_id}/delete", full
    yield base, full
    yield f"{base}?filter=flagged", full
    yield f"{base}?filter=below&threshold=0.5", full
    yield f"{base}?filter=unreviewed", full
    yield f"{base}?q=nothing-matches-this", full
    yield f"{base}/overview", full
    yield f"{base}/export", full
    yield f"{base}/history", full
    yield f"{base}/manage", full
    yield f"{base}/delete", full
    yield "/comparisons/new", full
    yield "/comparisons/import", full
    # The htmx partials of the review page: rows pane (filters, search, paging), one row,
    # go-to-row and the j/k / next-flagged / next-critical jumps.
    yield base, HX
    yield f"{base}?offset=4", HX
    yield f"{base}?filter=flagged", HX
    yield f"{base}?filter=below", HX
    yield f"{base}?filter=unreviewed", HX
    yield f"{base}?q=nothing-matches-this", HX
    yield f"{base}/rows/{row_ids[2]}", HX
    yield f"{base}/goto?row=3", HX
    yield f"{base}/goto?row=999", HX
    for to in ("row", "flagged", "critical"):
        yield f"{base}/jump?to={to}&dir=next&after=0", HX
        yield f"{base}/jump?to={to}&dir=next&after=5", HX
        yield f"{base}/jump?to={to}&dir=prev&after=0", HX
    yield f"{base}/rows/{row_ids[-1] + 999}", HX
    yield "/no-such-page", full


def _render_all(client: FlaskClient, comparison_id: int, lang: str) -> dict[str, list[str]]:
    app = client.application
    _some_history(client, comparison_id, _row_ids(app, comparison_id))
    return _problems(client, pages(app, comparison_id), lang)


def _problems(client: FlaskClient, urls: Iterable[tuple[str, dict[str, str]]],
              lang: str) -> dict[str, list[str]]:
    """Each URL's English catalog entries, rendered with the UI language ``lang``."""
    client.set_cookie("workbench_locale", lang)
    problems: dict[str, list[str]] = {}
    for url, headers in urls:
        answer = client.get(url, headers=headers)
        assert answer.status_code < 500 or url == "/starting", url  # 503: still starting
        if 300 <= answer.status_code < 400:
            answer = client.get(answer.headers["Location"], headers=headers)
        found = untranslated(answer.get_data(as_text=True))
        if found:
            key = f"{url} {'(htmx)' if headers else ''}".strip()
            problems[key] = found
    return problems


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_page_and_partial_is_translated(client: FlaskClient, comparison_id: int,
                                              lang: str) -> None:
    problems = _render_all(client, comparison_id, lang)
    assert not problems, f"{lang}: English UI strings left on the page: {problems}"


class _BrokenEncoder:
    model_id = "broken"

    def encode(self, texts: Sequence[str]) -> Any:
        raise RuntimeError("the model files are missing")


def _enqueue(app: Flask, title: str) -> int:
    from workbench.jobs import enqueue_alignment
    from workbench.pipeline import VersionInput
    from workbench.store import create_project, session_scope

    with session_scope(app.config["DATABASE_URL"]) as session:
        inputs = [VersionInput("ru", "\n".join(RU[:2]), "ru", segmented=True),
                  VersionInput("en", "\n".join(EN[:2]), "en", segmented=True)]
        job = enqueue_alignment(session, create_project(session, "Project"), inputs,
                                title=title)
        return int(job.comparison_id)


def _progress_and_starting(app: Flask, client: FlaskClient, lang: str) -> dict[str, list[str]]:
    """The pages shown while a comparison aligns, when it failed, and while the app starts."""
    from workbench.cli.startup import Preparation
    from workbench.jobs import configure_queue, set_job_encoder
    from workbench.nlp.embed.fake import FakeEncoder

    configure_queue(None, immediate=False)  # queued, nobody consumes it
    try:
        queued = _enqueue(app, "River <test>")
    finally:
        configure_queue(None, immediate=True)
    set_job_encoder(_BrokenEncoder())
    try:
        failed = _enqueue(app, "River <test>")
    finally:
        set_job_encoder(FakeEncoder())
    urls = [(f"/comparisons/{queued}/progress", {}), (f"/comparisons/{queued}/progress", HX),
            (f"/comparisons/{failed}/progress", {}), (f"/comparisons/{failed}/progress", HX),
            ("/", {})]
    problems = _problems(client, urls, lang)
    state = Preparation(app=app)
    app.config["PREPARATION"] = state
    for step in ("starting", "database", "model", "demo"):
        state.begin(step)
        problems.update({f"{url} ({step})": found for url, found in
                         _problems(client, [("/starting", {})], lang).items()})
    state.finish(error="disk full")
    problems.update(_problems(client, [("/starting", {})], lang))
    return problems


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_progress_and_starting_pages_are_translated(app: Flask, client: FlaskClient,
                                                    lang: str) -> None:
    problems = _progress_and_starting(app, client, lang)
    assert not problems, f"{lang}: English UI strings left on the page: {problems}"


def test_checker_finds_untranslated_strings(client: FlaskClient, comparison_id: int) -> None:
    """A UI language with no catalog shows the English strings: the check must see them."""
    client.application.config["LANGUAGES"] = ("en", "ru", "zh", "fr")
    problems = _render_all(client, comparison_id, "fr")
    assert len(problems) >= 10, problems
    assert any(len(found) >= 3 for found in problems.values())


def test_checker_finds_untranslated_progress_and_starting_pages(app: Flask,
                                                                client: FlaskClient) -> None:
    app.config["LANGUAGES"] = ("en", "ru", "zh", "fr")
    problems = _progress_and_starting(app, client, "fr")
    assert len(problems) >= 8, problems  # 4 progress views, "/", 4 steps and the failure


def test_checker_ignores_the_comparisons_own_text_and_short_names() -> None:
    html = ("<html><body><script>var x = 'Accepted row 2';</script>"
            f"<p>{RU[0]} {EN[0]} 42</p><p>TMX</p></body></html>")
    assert untranslated(html) == []
    assert _clearly_ui("Export") and not _clearly_ui("TMX")
