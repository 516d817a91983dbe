"""Drift reasons in the UI language.

A signal is stored with its reason's message key and arguments (see
:mod:`workbench.nlp.drift.messages`): the translated template of that key is
filled with the same arguments (labels, quotations and numbers stay as they
were; a nested reason, as in "lost in relay: ...", is translated first).

Rows stored before reasons had keys have only the English text: as a fallback
that text is matched against the templates and the translated template filled
with what the match found. A reason that matches no template (a reviewer's
text, an older wording) is shown as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from flask_babel import get_locale, gettext

from workbench.nlp.drift.messages import MESSAGES, render

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


def _specificity(template: str) -> tuple[int, int]:
    """Wrapping templates ("lost in relay: ...") first, then the longest literal text: "X has
    no counterpart in Y" would also match "X has no counterpart in this row of Y but ..."."""
    return (int("%(detail)s" not in template), -len(re.sub(r"%\(\w+\)s", "", template)))


_PATTERNS = [(template, _pattern(template)) for template in
             sorted(MESSAGES.values(), key=_specificity)]


@lru_cache(maxsize=4096)
def _translate(detail: str, locale: str) -> str:
    """Fallback for reasons stored without a key: match the English text to a template."""
    for template, pattern in _PATTERNS:
        found = pattern.match(detail)
        if found is None:
            continue
        args = found.groupdict()
        if "detail" in args:  # "lost in relay: <another reason>"
            args["detail"] = _translate(args["detail"], locale)
        return str(gettext(template, **args))
    return detail


@lru_cache(maxsize=4096)
def _translate_key(key: str, args_json: str, locale: str) -> str | None:
    return render(key, json.loads(args_json), gettext)


def localise_detail(detail: str, key: str = "", args: Mapping[str, Any] | None = None) -> str:
    """A reason in the request's UI language: by ``key`` and ``args`` when stored, else
    by matching the English ``detail`` (English reasons are returned as they are)."""
    locale = str(get_locale() or "en")
    if not detail or locale == "en":
        return detail
    if key:
        shown = _translate_key(key, json.dumps(dict(args or {}), sort_keys=True,
                                               ensure_ascii=False), locale)
        if shown is not None:
            return shown
    return _translate(detail, locale)


def localise_reason(flag: Any) -> str:
    """A flag's reason in the UI language (the template filter ``drift_reason``)."""
    return localise_detail(str(getattr(flag, "detail", "") or ""),
                           str(getattr(flag, "reason_key", "") or ""),
                           getattr(flag, "reason_args", None) or {})
