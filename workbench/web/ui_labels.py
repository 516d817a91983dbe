"""Translated labels for the values the UI shows (statuses, categories, phases...); not to be
confused with the name detectors of ``nlp/drift`` (``extract/names.py``, ``detectors/names.py``).

``lazy_gettext`` keeps them untranslated until rendered, in the request's locale.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from workbench.nlp.drift.registry import signal_types

STATUS_NAMES = {"unreviewed": _l("Unreviewed"), "accepted": _l("Accepted"),
                "flagged": _l("Flagged")}
FILTER_NAMES = {"all": _l("All rows"), "flagged": _l("Flagged"),
                "below": _l("Below threshold"), "unreviewed": _l("Unreviewed")}
CATEGORY_NAMES = {"omission": _l("Omission"), "addition": _l("Addition"),
                  "mistranslation": _l("Mistranslation"), "number": _l("Number"),
                  "name": _l("Name"), "terminology": _l("Terminology"), "style": _l("Style"),
                  "other": _l("Other")}
SEVERITY_NAMES = {"minor": _l("minor"), "major": _l("major"), "critical": _l("critical")}
STATE_NAMES = {"queued": _l("Waiting in the queue"), "running": _l("Aligning"),
               "ready": _l("Ready"), "failed": _l("Failed")}
PHASE_NAMES = {"segmenting": _l("Segmenting"), "embedding": _l("Embedding"),
               "aligning": _l("Aligning"), "checking": _l("Checking for drift"),
               "storing": _l("Saving")}
LANG_NAMES = {"auto": _l("detect"), "zh": _l("Chinese"), "ru": _l("Russian"),
              "en": _l("English")}
EXPORT_ROW_NAMES = {"all": _l("All rows"), "accepted": _l("Accepted rows only"),
                    "unflagged": _l("Leave out flagged rows")}
FLAG_TYPE_NAMES = {"low_similarity": _l("Low similarity"),
                   "mistranslation": _l("Mistranslation"), "terminology": _l("Terminology"),
                   "style": _l("Style"), "other": _l("Other")}
"""Reviewer categories and older stored types; the drift signals' own names come from the
detectors' declarations (:func:`workbench.nlp.drift.registry.signal_types`)."""


class _LanguageNames:
    """``lang_names[code]``: our own translated names first, then Babel's name in the UI locale."""

    def __getitem__(self, code: str) -> Any:
        if code in LANG_NAMES:
            return LANG_NAMES[code]
        locale = get_locale()
        name = locale.languages.get(code) if locale is not None else None
        return name or code

    def get(self, code: str, default: Any = None) -> Any:
        return self[code] if code else default


def flag_name(flag_type: str) -> Any:
    """A flag type's display name; unknown detector types are shown readably."""
    info = signal_types().get(flag_type)
    if info is not None:
        return _l(info.label)  # marked N_ where the detector declares it
    return FLAG_TYPE_NAMES.get(flag_type) or flag_type.replace("_", " ").capitalize()


TEMPLATE_GLOBALS: dict[str, Any] = {
    "status_names": STATUS_NAMES, "filter_names": FILTER_NAMES,
    "category_names": CATEGORY_NAMES, "severity_names": SEVERITY_NAMES,
    "state_names": STATE_NAMES, "phase_names": PHASE_NAMES, "lang_names": _LanguageNames(),
    "export_row_names": EXPORT_ROW_NAMES, "flag_name": flag_name,
}


_PER_LOCALE: dict[tuple[Hashable, ...], dict[str, Any]] = {}
_PER_LOCALE_MOST = 256


def per_locale(key: tuple[Hashable, ...], build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``build()``'s strings, made once per process for each UI locale and ``key``.

    The catalogs do not change while the server runs, and a gettext costs tens of
    microseconds: a flag's answer translated about 60 strings every time. The table is
    shared by every request (only memo entries such as ``flag_types`` are added to it);
    it is emptied when it holds too many keys.
    """
    full = (str(get_locale()), *key)
    found = _PER_LOCALE.get(full)
    if found is None:
        if len(_PER_LOCALE) >= _PER_LOCALE_MOST:
            _PER_LOCALE.clear()
        found = _PER_LOCALE[full] = build()
    return found


def row_strings() -> dict[str, Any]:
    """Every string a review row shows (1,000s of rows render), translated once per locale."""
    return per_locale(("row",), _row_strings)


def _row_strings() -> dict[str, Any]:
    return {
        "row": _("Row %(n)s", n="{n}"), "kinds": _("Segments per version"),
        "corrected": _("Alignment corrected by hand"), "nothing": _("— nothing here —"),
        "similarity": _("similarity %(value)s", value="{value}"),
        "carried": _("The drift carried on to later versions"),
        "remove": _("Remove this flag"), "reopen": _("Reopen"), "accept": _("Accept"),
        "flag": _("Flag"), "category": _("Category"), "severity": _("Severity"),
        "comment": _("Comment"), "save_flag": _("Save flag"), "alignment": _("Alignment"),
        "merge": _("Merge with next row"), "split": _("Split row"),
        "cut_before": _("second row starts at"), "no_cut": _("(stays whole)"),
        "up": _("Move the first segment to the row above"),
        "down": _("Move the last segment to the row below"),
        "detach_title": _("Put this segment in a row of its own"), "detach": _("Detach"),
        "status": {k: str(v) for k, v in STATUS_NAMES.items()},
        "severities": {k: str(v) for k, v in SEVERITY_NAMES.items()},
        "categories": {k: str(v) for k, v in CATEGORY_NAMES.items()},
        "flag_types": {},
    }


def flag_type_name(strings: dict[str, Any], flag_type: str) -> str:
    """:func:`flag_name`, memoised in the per-request strings."""
    names: dict[str, str] = strings["flag_types"]
    if flag_type not in names:
        names[flag_type] = str(flag_name(flag_type))
    return names[flag_type]
