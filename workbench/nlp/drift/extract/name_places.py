"""Place ids for names that :func:`places.place_of` misses: English city names, Russian cases.

:func:`places.place_of` reads CLDR through Babel, but Babel's English locale
lists almost no exemplar cities (English takes them from the zone id), so
"Tokyo" was no place while 東京 was; and a Russian name of several words in an
oblique case («Соединенных Штатов») keeps endings the suffix stripper does not
know. Here English cities come from the zone ids of every zone CLDR names, and
Russian names are compared by pymorphy3 lemmas («Соединенных Штатов» ->
«соединённый штат» = «Соединённые Штаты»).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from workbench.nlp.drift.extract.name_kinds import _morph
from workbench.nlp.drift.extract.places import place_of
from workbench.nlp.drift.extract.subdivisions import region_of


@lru_cache(maxsize=1)
def _english_cities() -> dict[str, str]:
    zones: set[str] = set()
    for lang in ("ru", "zh", "fr", "de"):
        zones |= set(Locale.parse(lang).time_zones)
    return {zone.rsplit("/", 1)[-1].replace("_", " ").lower(): zone for zone in zones
            if "/" in zone and not zone.startswith("Etc/")}


def _lemmas(text: str) -> str:
    morph = _morph()
    return " ".join(str(morph.parse(w)[0].normal_form).replace("ё", "е")
                    for w in re.findall(r"[\w\-]+", text.lower()))


@lru_cache(maxsize=1)
def _russian_places() -> dict[str, str]:
    locale = Locale.parse("ru")
    table = {_lemmas(str(name)): code for code, name in locale.territories.items()}
    for zone, info in locale.time_zones.items():
        city = info.get("city")
        if city:
            table.setdefault(_lemmas(str(city)), zone)
    return table


@lru_cache(maxsize=65536)
def place_id(text: str, lang: str) -> str | None:
    """The country, city (CLDR) or region (ISO 3166-2) id that ``text`` names in ``lang``."""
    found = place_of(text, lang)
    if found is not None:
        return found
    lang = lang[:2].lower()
    if lang == "en":
        found = _english_cities().get(re.sub(r"['’]s$", "", text).lower())
    elif lang == "ru" and re.search(r"[а-яё]", text.lower()):
        found = _russian_places().get(_lemmas(text))
    return found or region_of(text, lang)
