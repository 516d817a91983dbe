"""The UI catalogs: every string translated into Russian and Chinese, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from workbench.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "workbench" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _read(path: Path, lang: str | None = None) -> Any:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=lang)


def _ids(catalog: Any) -> set[Any]:
    return {m.id for m in catalog if m.id}


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_ui_string_is_translated_with_the_same_placeholders(lang: str) -> None:
    catalog = _read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{lang}: untranslated {ids[0]!r}"
        assert not message.fuzzy, f"{lang}: fuzzy {ids[0]!r}"
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, f"{lang}: placeholders of {ids[0]!r}"
    assert _ids(_read(TRANSLATIONS / "messages.pot")) <= _ids(catalog), (
        f"{lang}: run pybabel update (see workbench/web/babel.cfg)")


def test_catalog_template_is_up_to_date() -> None:
    """Every string marked in the web layer is in messages.pot (re-extract after UI changes)."""
    method_map = [("workbench/web/**.py", "python"), ("workbench/nlp/drift/**.py", "python"),
                  ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                "lazy_gettext": None, "N_": None}
    fresh = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(
            str(PROJECT_ROOT), method_map, keywords=keywords):
        fresh.add(message if isinstance(message, str) else tuple(message))
    template = _read(TRANSLATIONS / "messages.pot")
    known = {m if isinstance(m, str) else tuple(m) for m in _ids(template)}
    assert fresh, "nothing extracted: is babel.cfg's layout still right?"
    missing = sorted(map(str, fresh - known))
    assert not missing, f"new UI strings not in messages.pot: {missing[:5]}"
