"""Drift reasons in the UI language.

The drift layer writes every reason from one of its English templates
(:data:`workbench.nlp.drift.messages.MESSAGES`). Here a stored reason is matched
against those templates and the translated template is filled with the same
arguments (labels, quotations and numbers stay as they were). A reason that
matches no template (a reviewer's text, an older wording) is shown as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flask_babel import get_locale, gettext

from workbench.nlp.drift.messages import MESSAGES

_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)s")


def _pattern(template: str) -> re.Pattern[str]:
    seen: set[str] = set()

    def group(found: re.Match[str]) -> str:
        name = found.group(1)
        if name in seen:  # a label named twice is the same text both times
            return f"(?P={name})"
        seen.add(name)
        return f"(?P<{name}>.+?)"

    body = _PLACEHOLDER.sub(group, re.escape(template))
    return re.compile(f"^{body}$", re.DOTALL)


_PATTERNS = [(template, _pattern(template)) for template in MESSAGES.values()]


@lru_cache(maxsize=4096)
def _translate(detail: str, locale: str) -> str:
    for template, pattern in _PATTERNS:
        found = pattern.match(detail)
        if found is None:
            continue
        args = found.groupdict()
        if "detail" in args:  # "lost in relay: <another reason>"
            args["detail"] = _translate(args["detail"], locale)
        return str(gettext(template, **args))
    return detail


def localise_detail(detail: str) -> str:
    """``detail`` in the request's UI language (English reasons are returned as they are)."""
    locale = str(get_locale() or "en")
    if not detail or locale == "en":
        return detail
    return _translate(detail, locale)
