"""The one check of a comparison's versions: how many, their labels, languages and chain.

:func:`check_versions` runs once on each path, before anything of the comparison is
stored, so a refused comparison leaves nothing behind (no empty project, no half
comparison): in ``jobs.enqueue_alignment`` for the web form, the API and imports of
aligned material (the job that aligns the stored versions trusts them), in ``workbench
align``, and in ``pipeline.compare`` for its other callers (the batch, ``workbench check``,
the demo). The web form says its fields' faults earlier, in its own words, with the
pieces (:func:`check_label`, :func:`check_chain`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol

from workbench.ingest.errors import BadInputError
from workbench.nlp.langid import MODEL_LANGUAGES, SUPPORTED_LANGUAGES

MAX_VERSIONS = 8
"""Most versions any comparison holds (the web form allows ``MAX_VERSIONS`` of its config,
4 by default, and is checked against that smaller number)."""

MAX_LABEL = 20
"""Longest version label, in characters."""

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,6}")

MAX_TITLE = 200
"""Longest comparison title, in characters."""


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


class VersionsError(BadInputError):
    """The versions of a comparison cannot be compared as given; the message says why."""


class VersionLike(Protocol):
    """What the check reads of a version (:class:`workbench.aligned.VersionInput`)."""

    @property
    def label(self) -> str: ...

    @property
    def lang(self) -> str | None: ...

    @property
    def text(self) -> str: ...


def check_label(label: str) -> str:
    """A label as given, or :class:`VersionsError` when it is empty, long or odd."""
    if not label.strip():
        raise VersionsError("every version needs a distinct, non-empty label")
    if len(label) > MAX_LABEL:
        raise VersionsError(f"the label {label[:MAX_LABEL]!r}... is longer than {MAX_LABEL} "
                            "characters")
    if "|" in label or any(unicodedata.category(ch).startswith("C") for ch in label):
        raise VersionsError(f"the label {label!r} holds “|” or control characters")
    return label


def check_language(lang: str | None, *, from_file: bool = False) -> str | None:
    """``None`` (detect it) or a (normalised) code of a language the model was trained on.

    ``from_file``: a language tag aligned material carries (``en-US``, ``und``) only
    has to look like one.
    """
    if from_file:
        if lang and not _LANGUAGE_TAG.fullmatch(lang):
            raise VersionsError(f"{lang[:20]!r} is not a language tag")
        return lang
    if lang is not None and lang not in MODEL_LANGUAGES:
        shown = lang[:20] + ("..." if len(lang) > 20 else "")
        raise VersionsError(f"unknown language {shown!r}; use one of "
                            f"{', '.join(SUPPORTED_LANGUAGES)}")
    return lang


def check_chain(labels: Sequence[str], chain: Sequence[str] | None) -> list[str] | None:
    """The chain as a list (``None`` without one): known labels, distinct, two or more."""
    if not chain:
        return None
    unknown = [c for c in chain if c not in labels]
    if unknown:
        raise VersionsError(f"the chain names unknown version(s) {', '.join(unknown)[:100]}; "
                            f"versions are {', '.join(labels)}")
    if len(set(chain)) != len(chain) or len(chain) < 2:
        raise VersionsError("a chain lists two or more distinct versions in translation order")
    return list(chain)


def check_count(count: int, max_versions: int = MAX_VERSIONS) -> None:
    """Two to ``max_versions`` versions; more are refused, never silently dropped."""
    if not 2 <= count <= max_versions:
        most = _WORDS.get(max_versions, str(max_versions))
        needs = (f"at least two versions (two to {most})" if count < 2
                 else f"two to {most} versions")
        raise VersionsError(f"a comparison needs {needs}; {count} "
                            f"{'was' if count == 1 else 'were'} given")


def check_versions(versions: Sequence[VersionLike], chain: Sequence[str] | None = None, *,
                   max_versions: int = MAX_VERSIONS, title: str = "",
                   labels_final: bool = True, from_file: bool = False) -> list[str] | None:
    """Check everything about ``versions`` at once; return the checked chain.

    ``labels_final=False`` (before languages are detected, when unlabelled versions
    still carry placeholders) skips the chain, which names the final labels;
    ``from_file``: languages only have to look like tags (aligned material, and the
    pipeline, which checks them against the model when segmenting; see
    :func:`check_language`).
    """
    check_count(len(versions), min(max_versions, MAX_VERSIONS))
    if len(title) > MAX_TITLE:
        raise VersionsError(f"the title is longer than {MAX_TITLE} characters")
    labels = [check_label(v.label) for v in versions]
    if len(set(labels)) != len(labels):
        raise VersionsError(f"every version needs a distinct label (got {', '.join(labels)})")
    for version in versions:
        check_language(version.lang, from_file=from_file)
        if not version.text.strip() and not getattr(version, "segments", None):
            raise VersionsError(f"version {version.label!r} is empty")
    return check_chain(labels, chain) if labels_final else None
