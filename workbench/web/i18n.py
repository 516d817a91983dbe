"""UI languages: Flask-Babel with a locale switch kept in the session and a cookie."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import Babel

from workbench.config import PROJECT_ROOT

LOCALE_COOKIE = "workbench_locale"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh": "中文"}
"""Each language named in itself, as a locale switch shows it."""


def select_locale() -> str:
    """The session's choice, else the cookie's, else the browser's best match, else English."""
    languages: tuple[str, ...] = tuple(current_app.config["LANGUAGES"])
    chosen = session.get("locale") or request.cookies.get(LOCALE_COOKIE)
    if chosen in languages:
        return str(chosen)
    best = request.accept_languages.best_match(languages)
    return best or str(current_app.config["BABEL_DEFAULT_LOCALE"])


def setup_i18n(app: Flask) -> None:
    """Register Flask-Babel with the compiled catalogs in ``workbench/translations``."""
    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES", str(PROJECT_ROOT / "workbench" / "translations")
    )
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
