"""Rendered rows kept per process (web/rowcache.py): the same HTML as rendering afresh,
never another session's CSRF token, and a changed row rendered anew."""

from __future__ import annotations

import re

from flask import Flask

from tests.web.conftest import build_comparison, save
from workbench.web import rowcache

TOKEN = re.compile(r'name="csrf_token" value="([^"]*)"')
HX = {"HX-Request": "true"}


def _rows_html(page: str) -> list[str]:
    """The rows, with the CSRF token (signed anew every second) left out."""
    assert len(set(TOKEN.findall(page))) == 1  # every form of the page: this request's token
    return [TOKEN.sub("", row) for row in re.findall(r'<article id="row-.*?</article>', page,
                                                     re.S)]


def test_cached_rows_are_the_rows_rendered_afresh(csrf_app: Flask) -> None:
    comparison_id = save(csrf_app, build_comparison(repeat=2))
    client = csrf_app.test_client()
    url = f"/comparisons/{comparison_id}?offset=4"
    for lang in ("en", "ru", "zh"):
        headers = {**HX, "Accept-Language": lang}
        rowcache.clear()
        csrf_app.jinja_env.auto_reload = True  # the cache is off: plain includes
        fresh = client.get(url, headers=headers).get_data(as_text=True)
        csrf_app.jinja_env.auto_reload = False
        first = client.get(url, headers=headers).get_data(as_text=True)  # fills the cache
        again = client.get(url, headers=headers).get_data(as_text=True)  # served from it
        assert len(_rows_html(fresh)) == 4
        assert _rows_html(fresh) == _rows_html(first) == _rows_html(again)


def test_each_session_gets_its_own_token_in_cached_rows(csrf_app: Flask) -> None:
    comparison_id = save(csrf_app, build_comparison())
    url = f"/comparisons/{comparison_id}"
    ann, bob = csrf_app.test_client(), csrf_app.test_client()
    ann_page = ann.get(url, headers=HX).get_data(as_text=True)
    bob_page = bob.get(url, headers=HX).get_data(as_text=True)  # rows from ann's render
    ann_tokens, bob_tokens = set(TOKEN.findall(ann_page)), set(TOKEN.findall(bob_page))
    assert len(ann_tokens) == len(bob_tokens) == 1 and ann_tokens != bob_tokens
    row = re.search(r'data-row-id="(\d+)"', bob_page)
    assert row is not None
    answer = bob.post(f"/comparisons/{comparison_id}/rows/{row.group(1)}/flags", headers=HX,
                      data={"category": "other", "severity": "minor", "comment": "cached?",
                            "csrf_token": bob_tokens.pop()})
    assert answer.status_code == 200  # bob's token, from a cached row, is valid for bob


def test_a_changed_row_is_rendered_anew(client: object, app: Flask) -> None:
    comparison_id = save(app, build_comparison())
    url = f"/comparisons/{comparison_id}"
    test = app.test_client()
    before = test.get(url, headers=HX).get_data(as_text=True)
    row = re.search(r'data-row-id="(\d+)"', before)
    assert row is not None and "a note only here" not in before
    posted = test.post(f"/comparisons/{comparison_id}/rows/{row.group(1)}/flags", headers=HX,
                       data={"category": "other", "severity": "minor",
                             "comment": "a note only here"})
    assert posted.status_code == 200
    after = test.get(url, headers=HX).get_data(as_text=True)
    assert "a note only here" in after
