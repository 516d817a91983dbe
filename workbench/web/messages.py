"""Messages of the lower layers in the UI language: review errors, job progress, changes.

The review, job and pipeline layers speak one-line English (the CLI and the logs
show it as it is). The web layer matches those lines against the patterns below
and shows the translated template with the same arguments; a line no pattern
knows is shown unchanged. What a change did (and what an undo undid) is built
from the structured ``params`` the review layer records with each change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask_babel import get_locale, gettext, ngettext

from workbench.web.ui_labels import CATEGORY_NAMES, SEVERITY_NAMES


def N_(message: str) -> str:
    """Mark a string for extraction (pybabel ``-k N_``); translated when shown."""
    return message


def message_table(pairs: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    """English line patterns (named groups are the arguments) with their catalog templates."""
    return [(re.compile(f"^{pattern}$", re.DOTALL), template) for pattern, template in pairs]


_ERRORS = message_table([
    (r"comparison (?P<id>\d+) does not exist", N_("Comparison %(id)s does not exist.")),
    (r"project (?P<id>\d+) does not exist", N_("Project %(id)s does not exist.")),
    (r"job (?P<id>\d+) does not exist", N_("Job %(id)s does not exist.")),
    (r"flag (?P<id>\d+) does not exist", N_("This flag no longer exists: reload the page.")),
    (r"comment (?P<id>\d+) does not exist",
     N_("This comment no longer exists: reload the page.")),
    (r"row (?P<id>\d+) does not exist \(it may have been merged or undone\)",
     N_("This row no longer exists: it was merged, split or undone, perhaps in another tab. "
        "Reload the page.")),
    (r"nothing to undo", N_("Nothing to undo.")),
    (r"nothing to redo", N_("Nothing to redo.")),
    (r"the last row has no next row to merge with",
     N_("The last row has no next row to merge with.")),
    (r"the first row has no row above it", N_("The first row has no row above it.")),
    (r"the last row has no row below it", N_("The last row has no row below it.")),
    (r"that split would leave one of the two rows empty",
     N_("That split would leave one of the two rows empty.")),
    (r"that segment is already on its own", N_("That segment is already on its own.")),
    (r"the rows changed meanwhile; reload the page",
     N_("The rows changed meanwhile: reload the page.")),
    (r"the comment is empty", N_("The comment is empty.")),
    (r"this row has no '(?P<label>[^']+)' segment to (move|detach)",
     N_("This row has no %(label)s segment.")),
    (r"the server stopped while this job was running; retry it",
     N_("The server stopped while this job was running: retry it.")),
    # the one check of versions (workbench/ingest/versions.py), for the web and the API
    (r"every version needs a distinct, non-empty label",
     N_("Every version needs a distinct, non-empty label.")),
    (r"the label (?P<label>.+)\.\.\. is longer than (?P<n>\d+) characters",
     N_("The label %(label)s… is longer than %(n)s characters.")),
    (r"the label (?P<label>.+) holds “\|” or control characters",
     N_("The label %(label)s holds “|” or control characters.")),
    (r"(?P<lang>.{1,30}) is not a language tag", N_("%(lang)s is not a language tag.")),
    (r"unknown language (?P<lang>.+); use one of (?P<choices>.+)",
     N_("Unknown language %(lang)s: use one of %(choices)s.")),
    (r"the chain names unknown version\(s\) (?P<unknown>.+); versions are (?P<labels>.+)",
     N_("The chain names unknown versions (%(unknown)s); the versions are %(labels)s.")),
    (r"a chain lists two or more distinct versions in translation order",
     N_("A chain lists two or more distinct versions in translation order.")),
    (r"a comparison needs at least two versions \(two to (?P<most>\w+)\); "
     r"(?P<count>\d+) (?:was|were) given",
     N_("A comparison needs at least two versions (at most %(most)s); %(count)s given.")),
    (r"a comparison needs two to (?P<most>\w+) versions; (?P<count>\d+) (?:was|were) given",
     N_("A comparison needs two to %(most)s versions; %(count)s given.")),
    (r"the title is longer than (?P<n>\d+) characters",
     N_("The title is longer than %(n)d characters.")),
    (r"every version needs a distinct label \(got (?P<labels>.+)\)",
     N_("Every version needs a distinct label (given: %(labels)s).")),
    (r"version (?P<label>.+) is empty", N_("Version %(label)s is empty.")),
    (r"the file (?P<name>.+) is empty", N_("The file %(name)s is empty.")),
])
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
"""Counts the lower layers spell out ("two to four versions"), as numbers for any language."""

_JOB_MESSAGES = message_table([
    (r"waiting for a worker", N_("waiting for a worker")),
    (r"splitting versions into segments", N_("splitting versions into segments")),
    (r"(?P<n>\d+) segments", N_("%(n)s segments")),
    (r"embedding segments", N_("embedding segments")),
    (r"embedded (?P<done>\d+) of (?P<total>\d+) segments",
     N_("embedded %(done)s of %(total)s segments")),
    (r"embedded (?P<done>\d+) of (?P<total>\d+) joined segments",
     N_("embedded %(done)s of %(total)s joined segments")),
    (r"aligning versions", N_("aligning versions")),
    (r"(?P<n>\d+) rows", N_("%(n)s rows")),
    (r"(?P<n>\d+) rows aligned", N_("%(n)s rows aligned")),
    (r"(?P<n>\d+) rows after re-alignment", N_("%(n)s rows after re-alignment")),
    (r"scoring pairs and looking for drift", N_("scoring pairs and looking for drift")),
    (r"scoring the new rows and looking for drift",
     N_("scoring the new rows and looking for drift")),
    (r"done", N_("done")),
    (r"checked", N_("checked")),
    (r"failed", N_("failed")),
    (r"interrupted", N_("interrupted")),
    (r"dismissed after failing: (?P<error>.*)", N_("dismissed after failing: %(error)s")),
])

EXPORT_DESCRIPTIONS = {
    "tmx": N_("TMX 1.4b translation memory, every version in each unit"),
    "xliff": N_("XLIFF 2.1 for one language pair"),
    "csv": N_("CSV (UTF-8)"),
    "tsv": N_("TSV (UTF-8)"),
    "jsonl": N_("JSON lines, the CLI's row format"),
    "xlsx": N_("Excel workbook"),
    "html": N_("self-contained HTML review report"),
}


def _english() -> bool:
    locale = get_locale()
    return locale is None or locale.language == "en"


def localise_line(text: str, table: list[tuple[re.Pattern[str], str]]) -> str:
    """``text`` by the first pattern of ``table`` it matches, translated; unknown: as it is."""
    for pattern, template in table:
        found = pattern.match(text)
        if found is not None:
            words = {} if _english() else _NUMBER_WORDS  # "two to eight": English only
            args: dict[str, Any] = {k: int(v) if v.isdigit() else words.get(v, v)
                                    for k, v in found.groupdict().items() if v is not None}
            if "error" in args:
                args["error"] = localise_error(args["error"])
            return str(gettext(template, **args))
    return text


def localise_error(text: str) -> str:
    """A review / job error in the UI language (unknown wording: as it is)."""
    return localise_line(text, _ERRORS)


def localise_job_message(text: str) -> str:
    """A job's progress message in the UI language."""
    return localise_line(text, _JOB_MESSAGES) if text else text


def export_description(name: str, fallback: str) -> str:
    """An export format's description in the UI language."""
    template = EXPORT_DESCRIPTIONS.get(name)
    return str(gettext(template)) if template else fallback


def _what(action: str, params: Mapping[str, Any]) -> str | None:
    """What a change did, in the UI language; None when the params are not enough."""
    row = params.get("row")
    if action == "status" and row is not None:
        status = params.get("status")
        templates = {"accepted": N_("accepted row %(row)s"),
                     "unreviewed": N_("reopened row %(row)s"),
                     "flagged": N_("marked row %(row)s as flagged")}
        return gettext(templates[status], row=row) if status in templates else None
    if action == "add_flag" and row is not None:
        category = str(CATEGORY_NAMES.get(params.get("category", ""), params.get("category")))
        severity = str(SEVERITY_NAMES.get(params.get("severity", ""), params.get("severity")))
        return gettext("flagged row %(row)s: %(category)s, %(severity)s", row=row,
                       category=category, severity=severity)
    if action == "realign":
        kept = int(params.get("kept", 0))
        return ngettext("re-aligned the rows around %(num)d accepted row",
                        "re-aligned the rows around %(num)d accepted rows", kept)
    simple = {"edit_flag": N_("edited a flag of row %(row)s"),
              "remove_flag": N_("removed a flag from row %(row)s"),
              "add_comment": N_("commented on row %(row)s"),
              "edit_comment": N_("edited a comment on row %(row)s"),
              "remove_comment": N_("removed a comment from row %(row)s"),
              "merge": N_("merged rows %(row)s and %(next)s"),
              "split": N_("split row %(row)s in two"),
              "detach": N_("put %(label)s segment %(segment)s of row %(row)s in a row of its own"),
              "move:up": N_("moved the first %(label)s segment of row %(row)s to the row above"),
              "move:down": N_("moved the last %(label)s segment of row %(row)s to the row below")}
    key = f"move:{params.get('direction')}" if action == "move" else action
    if key in simple and row is not None:
        try:
            return gettext(simple[key], **params)
        except (KeyError, TypeError, ValueError):
            return None
    return None


def describe_change(action: str, params: Mapping[str, Any], step: str,
                    fallback: str = "") -> str:
    """The status line after a change: "Accepted row 12", "Undone: accepted row 12"."""
    if action == "none":
        return gettext("Nothing changed.")
    what = _what(action, params) or fallback
    if step == "undo":
        return gettext("Undone: %(what)s", what=what)
    if step == "redo":
        return gettext("Redone: %(what)s", what=what)
    return what[:1].upper() + what[1:]
