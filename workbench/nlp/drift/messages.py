"""The reasons drift signals give, as message templates with named arguments.

Detectors write their reason through :func:`message`, so every reason is one of
these English templates filled in. The result is a :class:`Reason`: a ``str``
(the English text, what detectors and tests compare) that also carries its
template key and arguments, so the reason is stored as key plus arguments and
the web layer translates it by key (the UI catalogs hold the templates: pybabel
extracts ``N_`` here). Nothing here imports Flask.
"""

from __future__ import annotations

from typing import Any

ReasonArgs = dict[str, Any]
"""JSON-ready arguments of a reason: each value a string, or a nested reason as
``{"key": ..., "args": {...}}`` (the "relay" reason wraps another one)."""


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
    "negation_more": N_("%(side)s negates more often than %(other)s "
                        "(%(n)s against %(m)s, “%(cue)s”)"),
    "codemix": N_("%(side)s leaves %(words)s untranslated (the script of %(other)s)"),
    "question": N_("%(side)s asks a question where %(other)s makes a statement"),
    "tense": N_("%(side)s is in the %(tense)s (%(words)s) where %(other)s is in the "
                "%(other_tenses)s"),
    "aspect": N_("%(side)s has an ongoing action (%(words)s) that %(other)s does not describe "
                 "as ongoing"),
    "aspect_perfect": N_("%(side)s uses a perfect (%(words)s) where %(other)s has no sign of a "
                         "past or a duration"),
    "gender": N_("%(side)s says %(words)s (%(gender)s) where %(other)s refers to a "
                 "%(other_gender)s"),
    "number_changed": N_("number changed: %(a)s %(found_a)s vs %(b)s %(found_b)s"),
    "number_alone": N_("%(side)s has %(found)s with no matching number in %(other)s"),
    "date_changed": N_("date changed: %(a)s %(found_a)s vs %(b)s %(found_b)s"),
    "date_alone": N_("%(side)s gives the date %(found)s, missing in %(other)s"),
    "name_changed": N_("name changed: %(a)s %(found_a)s vs %(b)s %(found_b)s"),
    "name_alone": N_("%(side)s names %(found)s with no counterpart in %(other)s"),
    "words_dropped": N_("%(b)s leaves out %(words)s, which %(a)s has"),
    "words_added": N_("%(b)s adds %(words)s, which %(a)s does not have"),
    "words_replaced": N_("%(b)s has %(new)s where %(a)s has %(old)s"),
    "broken": N_("%(side)s reads as broken at %(text)s: a word may be missing "
                  "or the words are out of order"),
    "term_missing": N_("glossary: %(a)s %(term)s should be rendered %(expected)s in %(b)s"),
    "term_forbidden": N_("glossary: %(b)s renders %(a)s %(term)s as %(found)s, "
                         "a forbidden variant (use %(expected)s)"),
    "consistency": N_("%(a)s %(term)s is rendered %(found)s here but %(usual)s "
                      "in %(count)s other row(s) of %(b)s"),
    "quote_changed": N_("quoted term changed: %(a)s %(found_a)s vs %(b)s %(found_b)s"),
    "quote_alone": N_("%(side)s quotes %(found)s with no counterpart in %(other)s"),
}


class Reason(str):
    """An English reason that remembers its template ``key`` and ``args`` (for translation).

    A plain ``str`` everywhere else, so detectors and their tests need not change;
    string operations on it give plain strings (which then have no key).
    """

    key: str
    args: dict[str, object]

    def __new__(cls, text: str, key: str = "", args: dict[str, object] | None = None) -> Reason:
        reason = super().__new__(cls, text)
        reason.key = key
        reason.args = dict(args or {})
        return reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (Reason, (str(self), self.key, self.args))

    def to_json(self) -> ReasonArgs:
        """``{"key", "args"}`` with every argument a string or a nested reason."""
        return {"key": self.key, "args": reason_args(self)}


def reason_key(text: str) -> str:
    """The template key of a reason (``""`` for a plain string)."""
    return text.key if isinstance(text, Reason) else ""


def reason_args(text: str) -> ReasonArgs:
    """The JSON-ready arguments of a reason (``{}`` for a plain string)."""
    if not isinstance(text, Reason):
        return {}
    return {name: (value.to_json() if isinstance(value, Reason) and value.key else str(value))
            for name, value in text.args.items()}


def message(key: str, **args: object) -> Reason:
    """The English reason ``key`` filled with ``args``."""
    return Reason(MESSAGES[key] % args, key, args)


def render(key: str, args: ReasonArgs, template: Any = None) -> str | None:
    """The reason ``key`` filled with stored ``args``; ``None`` when it cannot be rebuilt.

    ``template(english_template, **args)`` fills one template (e.g. gettext, to
    translate); nested reasons are rendered the same way first. An unknown key or
    a missing argument (a template changed since the row was stored) gives ``None``.
    """
    if key not in MESSAGES:
        return None
    filled: dict[str, str] = {}
    for name, value in args.items():
        if isinstance(value, dict):
            inner = render(str(value.get("key", "")), dict(value.get("args") or {}), template)
            if inner is None:
                return None
            filled[name] = inner
        else:
            filled[name] = str(value)
    try:
        if template is None:
            return MESSAGES[key] % filled
        return str(template(MESSAGES[key], **filled))
    except (KeyError, TypeError, ValueError):
        return None
