"""Language codes and language identification.

:func:`normalise_lang` turns whatever a user or a file says ("zh-CN", "zh_Hans",
"zho", "chi", "EN", "Chinese", "русский", "中文") into an ISO 639-1 code (ISO 639-3
when a language has no two-letter code), using Babel's CLDR data for codes,
aliases and language names.

:func:`detect_language` counts scripts first (Han -> zh, or ja when kana are
present; Hangul -> ko; Arabic -> ar; ...); only when several candidate languages
share the dominant script (Latin, Cyrillic, Arabic, Devanagari) does it ask
``lingua`` (offline), restricted to those languages. Each lingua detector is built
lazily, once per language set; without candidates only a few languages per script
are considered (see ``_DEFAULT_POOLS``): pass candidates for the others.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

import regex
from babel import Locale, UnknownLocaleError

from workbench.errors import UserError

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "zh", "ru", "en", "de", "fr", "es", "it", "pt", "nl", "pl", "uk", "cs", "sv", "da", "fi",
    "ro", "hu", "bg", "el", "tr", "ar", "he", "fa", "hi", "ja", "ko", "vi", "th", "id",
)
"""Languages the default model (multilingual-e5-small) covers well; others work, less reliably."""
_SUPPORTED_SET = frozenset(SUPPORTED_LANGUAGES)

MODEL_LANGUAGES = frozenset((
    "af", "am", "ar", "as", "az", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy", "da", "de",
    "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fr", "fy", "ga", "gd", "gl", "gu", "ha",
    "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "jv", "ka", "kk", "km", "kn", "ko",
    "ku", "ky", "la", "lo", "lt", "lv", "mg", "mk", "ml", "mn", "mr", "ms", "my", "nb", "ne",
    "nl", "no", "om", "or", "pa", "pl", "ps", "pt", "ro", "ru", "sa", "sd", "si", "sk", "sl",
    "so", "sq", "sr", "su", "sv", "sw", "ta", "te", "th", "tl", "tr", "ug", "uk", "ur", "uz",
    "vi", "xh", "yi", "zh"))
"""The languages of XLM-R's training data, which multilingual-e5 (the default model) inherits."""

DETECTION_SAMPLE_CHARS = 20_000
"""Only the start of a long text is read to count scripts (lingua reads the first 2,000)."""

_LINGUA_SAMPLE_CHARS = 2_000
_NAME_LOCALES = ("en", "ru", "zh")
_EXTRA_NAMES = {  # common names CLDR does not list
    "汉语": "zh", "漢語": "zh", "华语": "zh", "華語": "zh", "国语": "zh", "國語": "zh",
    "普通话": "zh", "普通話": "zh", "mandarin": "zh", "mandarin chinese": "zh", "putonghua": "zh",
    "繁体中文": "zh", "繁體中文": "zh", "简体中文": "zh", "farsi": "fa", "俄文": "ru", "英文": "en",
}
_RUSSIAN_LANGUAGE_WORD = re.compile(r"\s+язык$")
_NOT_LANGUAGES = frozenset({"und", "root", "zxx", "mul", "mis"})
_CODE_LIKE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


class LanguageError(UserError):
    """Base class for language problems."""


class UnknownLanguageError(LanguageError):
    """A language code or name that is not recognised."""


class UndetectableLanguageError(LanguageError):
    """A text whose language cannot be told (no letters, or not a str)."""


def _unknown(value: object) -> UnknownLanguageError:
    return UnknownLanguageError(
        f"unknown language {value!r}: give an ISO 639 code or an English/Russian/Chinese name; "
        f"supported: {', '.join(SUPPORTED_LANGUAGES)}")


@cache
def _name_index() -> dict[str, str]:
    """Casefolded language codes and names (in en/ru/zh and in each supported language) -> code."""
    index: dict[str, str] = dict(_EXTRA_NAMES)
    for code in map(str, Locale("en").languages):
        primary = code.split("_")[0].casefold()
        if primary not in _NOT_LANGUAGES:
            index.setdefault(code.casefold(), primary)
    for locale_code in (*_NAME_LOCALES, *SUPPORTED_LANGUAGES):
        for code, name in Locale(locale_code).languages.items():
            primary = str(code).split("_")[0].casefold()
            if primary not in _NOT_LANGUAGES:
                index.setdefault(str(name).casefold(), primary)
    return index


@lru_cache(maxsize=256)
def _normalise(value: str) -> str | None:
    key = _RUSSIAN_LANGUAGE_WORD.sub("", value.strip().casefold())  # "русский язык"
    found = _name_index().get(key)
    if found is not None or not _CODE_LIKE.fullmatch(value.strip()):
        return found
    try:
        language = str(Locale.parse(value.strip().replace("-", "_")).language)
    except (UnknownLocaleError, ValueError, TypeError):
        return _name_index().get(key.replace("-", "_").split("_")[0])
    return None if language in _NOT_LANGUAGES or key.startswith("und") else language


def normalise_lang(code: str) -> str:
    """The ISO 639-1 code for a language code or name; :class:`UnknownLanguageError` if unknown."""
    if not isinstance(code, str) or not code.strip():
        raise _unknown(code)
    if code in _SUPPORTED_SET:  # the common case, without loading any CLDR data
        return code
    found = _normalise(code)
    if found is None:
        raise _unknown(code)
    return found


def check_model_language(code: str) -> str:
    """``code`` normalised, or :class:`UnknownLanguageError` if the default model never saw it."""
    lang = normalise_lang(code)
    if lang not in MODEL_LANGUAGES:
        raise UnknownLanguageError(
            f"language {code!r} ({lang}) is not one the embedding model was trained on; "
            f"well supported: {', '.join(SUPPORTED_LANGUAGES)}")
    return lang


def is_supported(code: str) -> bool:
    """Whether the default model covers the language well (see :data:`SUPPORTED_LANGUAGES`)."""
    return normalise_lang(code) in SUPPORTED_LANGUAGES


# --- detection --------------------------------------------------------------------------

_SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    # script -> languages written in it, the default (when nothing narrows the choice) first
    "Latin": ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sv", "da", "fi", "ro", "hu",
              "tr", "vi", "id", "ca", "hr", "sk", "sl", "lt", "lv", "et", "sq", "az", "ms", "tl"),
    "Cyrillic": ("ru", "uk", "bg", "be", "sr", "mk", "kk", "mn"),
    "Arabic": ("ar", "fa", "ur"),
    "Devanagari": ("hi", "mr", "ne"),
    "Han": ("zh", "ja"), "Kana": ("ja",), "Hangul": ("ko",), "Greek": ("el",),
    "Hebrew": ("he",), "Thai": ("th",), "Armenian": ("hy",), "Georgian": ("ka",),
    "Bengali": ("bn",), "Tamil": ("ta",), "Telugu": ("te",), "Gujarati": ("gu",),
    "Gurmukhi": ("pa",), "Kannada": ("kn",), "Malayalam": ("ml",), "Sinhala": ("si",),
    "Khmer": ("km",), "Lao": ("lo",), "Myanmar": ("my",), "Ethiopic": ("am",),
}
_DEFAULT_POOLS: dict[str, tuple[str, ...]] = {
    # without candidates, lingua is asked about these few only (each language costs load time)
    "Latin": ("en", "de", "fr", "es", "it", "pt", "nl", "pl"),
    "Cyrillic": ("ru", "uk", "bg"),
    "Arabic": ("ar", "fa"),
    "Devanagari": ("hi",),
}
_DENSE_SCRIPTS = frozenset({"Han", "Kana", "Hangul"})  # about one character per word
_DENSE_WEIGHT = 3
_KANA_SHARE_FOR_JAPANESE = 0.05
_SCRIPT_PATTERN = regex.compile("|".join(
    f"(?P<{name}>" + (r"[\p{Hiragana}\p{Katakana}]" if name == "Kana" else rf"\p{{{name}}}") + ")"
    for name in _SCRIPT_LANGUAGES
))


def _script_counts(sample: str) -> Counter[str]:
    return Counter(str(match.lastgroup) for match in _SCRIPT_PATTERN.finditer(sample))


def _dominant_script(counts: Counter[str]) -> str:
    weighted = {script: n * (_DENSE_WEIGHT if script in _DENSE_SCRIPTS else 1)
                for script, n in counts.items()}
    if counts["Kana"] or counts["Han"]:  # kanji and kana are one writing system
        japanese = counts["Kana"] > _KANA_SHARE_FOR_JAPANESE * (counts["Kana"] + counts["Han"])
        merged = weighted.pop("Kana", 0) + weighted.pop("Han", 0)
        weighted["Kana" if japanese else "Han"] = merged
    return max(weighted, key=lambda script: weighted[script])


@lru_cache(maxsize=16)
def _lingua_detector(codes: frozenset[str]) -> object:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder  # heavy: on first use

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                 for code in sorted(codes)]
    return (LanguageDetectorBuilder.from_languages(*languages)
            .with_minimum_relative_distance(0.05).build())


@cache
def _lingua_codes() -> frozenset[str]:
    from lingua import Language  # heavy (its models): loaded on first use

    return frozenset(language.iso_code_639_1.name.lower() for language in Language.all())


def _ask_lingua(sample: str, pool: Sequence[str]) -> str:
    """The most likely language of ``sample`` among ``pool`` (its first entry when unsure)."""
    known = frozenset(code for code in pool if code in _lingua_codes())
    if len(known) < 2:
        return pool[0]
    detected = _lingua_detector(known).detect_language_of(  # type: ignore[attr-defined]
        sample[:_LINGUA_SAMPLE_CHARS])
    return pool[0] if detected is None else str(detected.iso_code_639_1.name.lower())


def _pool(script: str, wanted: Iterable[str] | None) -> list[str]:
    """Languages of ``script`` to choose among, most likely first."""
    languages = list(_SCRIPT_LANGUAGES[script])
    if wanted is None:
        narrowed = list(_DEFAULT_POOLS.get(script, languages[:1]))
    else:
        wanted_set = set(wanted)
        narrowed = [code for code in languages if code in wanted_set]
    return narrowed or languages[:1]


def detect_language(text: str, candidates: Sequence[str] | None = None) -> str:
    """The ISO 639-1 code of the language ``text`` is written in.

    ``candidates`` (codes or names) narrow the choice among languages sharing the
    dominant script, e.g. ``["ru", "uk"]`` for Cyrillic; a text whose script no
    candidate uses gets its script's own language (Chinese text -> ``"zh"``).
    Raises :class:`UndetectableLanguageError` for text without letters.
    """
    if not isinstance(text, str):
        raise UndetectableLanguageError(f"text must be a str, not {type(text).__name__}")
    wanted = None if candidates is None else [normalise_lang(code) for code in candidates]
    sample = text[:DETECTION_SAMPLE_CHARS]
    counts = _script_counts(sample)
    if not counts:
        shown = sample[:30] + ("..." if len(sample) > 30 else "")
        raise UndetectableLanguageError(f"cannot tell the language of a text without letters: "
                                        f"{shown!r}")
    script = _dominant_script(counts)
    pool = _pool(script, wanted)
    if len(pool) == 1 or script == "Han":  # Han without kana: Chinese unless only ja is wanted
        return pool[0]
    return _ask_lingua(sample, pool)
