"""Translated display names for the values the UI shows (statuses, categories, phases...).

``lazy_gettext`` keeps them untranslated until rendered, in the request's locale.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

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
                    "not_flagged": _l("Leave out flagged rows")}
FLAG_TYPE_NAMES = {"low_similarity": _l("Low similarity"), "omission": _l("Omission"),
                   "addition": _l("Addition"), "number": _l("Number"), "date": _l("Date"),
                   "name": _l("Name"), "mistranslation": _l("Mistranslation"),
                   "terminology": _l("Terminology"), "style": _l("Style"),
                   "other": _l("Other"), "length": _l("Length")}


def flag_name(flag_type: str) -> Any:
    """A flag type's display name; unknown detector types are shown readably."""
    return FLAG_TYPE_NAMES.get(flag_type) or flag_type.replace("_", " ").capitalize()


TEMPLATE_GLOBALS: dict[str, Any] = {
    "status_names": STATUS_NAMES, "filter_names": FILTER_NAMES,
    "category_names": CATEGORY_NAMES, "severity_names": SEVERITY_NAMES,
    "state_names": STATE_NAMES, "phase_names": PHASE_NAMES, "lang_names": LANG_NAMES,
    "export_row_names": EXPORT_ROW_NAMES, "flag_name": flag_name,
}
