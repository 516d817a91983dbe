"""The reasons drift signals give, as message templates with named arguments.

Detectors write their reason through :func:`message`, so every reason is one of
these English templates filled in. The web layer translates a stored reason by
matching it against the templates and filling the translated template (the UI
catalogs hold them: pybabel extracts ``N_`` here). Nothing here imports Flask.
"""

from __future__ import annotations


def N_(template: str) -> str:
    """Mark ``template`` for extraction into the UI catalogs; returns it unchanged."""
    return template


MESSAGES: dict[str, str] = {
    "relay": N_("lost in relay: %(detail)s"),
    "no_counterpart": N_("%(side)s %(text)s has no counterpart in %(other)s"),
    "merged_omission": N_("%(other)s has no counterpart for %(texts)s "
                          "(a sentence of %(side)s merged into this row)"),
    "moved": N_("%(side)s %(text)s has no counterpart in this row of %(other)s but matches "
                "%(other)s %(match)s in row %(row)s (moved; score %(score)s)"),
    "shorter": N_("%(b)s is much shorter than expected for %(a)s (%(z)s sd, score %(score)s): "
                  "part of it may be missing"),
    "longer": N_("%(b)s is much longer than expected for %(a)s (%(z)s sd, score %(score)s): "
                 "it may add content"),
    "length_longer": N_("%(b)s is longer than usual for a translation of %(a)s "
                        "(%(z)s standard deviations from the expected length ratio)"),
    "length_shorter": N_("%(b)s is shorter than usual for a translation of %(a)s "
                         "(%(z)s standard deviations from the expected length ratio)"),
    "low_score": N_("calibrated match score %(score)s is below %(limit)s: "
                    "%(b)s may not translate %(a)s"),
    "negation": N_("%(side)s negates (“%(cue)s”) where %(other)s does not"),
    "number_changed": N_("number changed: %(a)s %(found_a)s vs %(b)s %(found_b)s"),
    "number_alone": N_("%(side)s has %(found)s with no matching number in %(other)s"),
    "date_changed": N_("date changed: %(a)s %(found_a)s vs %(b)s %(found_b)s"),
    "date_alone": N_("%(side)s gives the date %(found)s, missing in %(other)s"),
    "name_changed": N_("name changed: %(a)s %(found_a)s vs %(b)s %(found_b)s"),
    "name_alone": N_("%(side)s names %(found)s with no counterpart in %(other)s"),
}


def message(key: str, **args: object) -> str:
    """The English reason ``key`` filled with ``args``."""
    return MESSAGES[key] % args
