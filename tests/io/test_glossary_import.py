"""Glossary import: CSV, TSV and TBX in; each bad file gives one clear BadInputError."""

from __future__ import annotations

import pytest

from workbench.ingest import BadInputError, UnsafeInputError
from workbench.ingest.glossary import read_glossary
from workbench.nlp.drift.glossary import Glossary

CSV = ("zh,ru,en,en-forbidden,note\n"
       "上海合作组织,Шанхайская организация сотрудничества,Shanghai Cooperation Organisation|SCO,"
       "Shanghai Cooperation Organization,the official name\n"
       "一带一路,«Один пояс — один путь»,Belt and Road Initiative,,\n"
       ",,,,\n")

TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="c1">
  <langSet xml:lang="ru"><tig><term>Паутина</term></tig></langSet>
  <langSet xml:lang="en">
    <tig><term>Web</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Spider Web</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
</termEntry>
<termEntry id="c2">
  <langSet xml:lang="zh-CN"><ntig><termGrp><term>人民大会堂</term></termGrp></ntig></langSet>
  <langSet xml:lang="en"><ntig><termGrp><term>Great Hall of the People</term></termGrp></ntig>
  </langSet>
</termEntry>
</body></text></martif>"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="en"><termSec><term>amity</term></termSec>
    <termSec><term>goodwill</term>
      <termNote type="administrativeStatus">forbidden</termNote></termSec></langSec>
  <langSec xml:lang="ru"><termSec><term>дружба</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>"""


Forms = dict[str, tuple[str, ...]]


def _forms(glossary: Glossary) -> list[tuple[Forms, Forms]]:
    return [(t.renderings, t.forbidden) for t in glossary.terms]


def test_csv_with_forbidden_column_notes_and_several_forms() -> None:
    glossary = read_glossary(CSV.encode("utf-8"), "terms.csv")
    assert len(glossary) == 2
    first = glossary.terms[0]
    assert first.renderings["en"] == ("Shanghai Cooperation Organisation", "SCO")
    assert first.forbidden == {"en": ("Shanghai Cooperation Organization",)}
    assert first.note == "the official name"
    assert glossary.terms[1].renderings["ru"] == ("«Один пояс — один путь»",)
    assert glossary.languages == ["zh", "ru", "en"]


def test_tsv_in_utf16_with_bom_and_language_names() -> None:
    data = ("Chinese\tRussian\tEnglish\n"
            "人民大会堂\tДом народных собраний\tGreat Hall of the People\n")
    glossary = read_glossary(data.encode("utf-16"), "terms.tsv")
    assert _forms(glossary) == [({"zh": ("人民大会堂",), "ru": ("Дом народных собраний",),
                                  "en": ("Great Hall of the People",)}, {})]


def test_tbx_basic_deprecated_terms_are_forbidden_variants() -> None:
    glossary = read_glossary(TBX_BASIC.encode("utf-8"), "terms.tbx")
    assert _forms(glossary) == [
        ({"ru": ("Паутина",), "en": ("Web",)}, {"en": ("Spider Web",)}),
        ({"zh": ("人民大会堂",), "en": ("Great Hall of the People",)}, {}),
    ]


def test_tbx_v3_core_with_namespace() -> None:
    glossary = read_glossary(TBX_V3.encode("utf-8"), "terms.xml")
    assert _forms(glossary) == [({"en": ("amity",), "ru": ("дружба",)}, {"en": ("goodwill",)})]


def test_glossary_survives_its_json_form() -> None:
    glossary = read_glossary(CSV.encode("utf-8"), "terms.csv")
    again = Glossary.from_json(glossary.to_json())
    assert again.terms == glossary.terms and again.name == "terms.csv"


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol1;</term></tig></langSet>
</termEntry></body></text></martif>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>
</termEntry></body></text></martif>"""


@pytest.mark.parametrize(("data", "filename", "says"), [
    (b"", "terms.csv", "terms.csv is empty"),
    (b"  \n\n", "terms.tsv", "terms.tsv is empty"),
    (b"en\nWeb\nSpider Web\n", "terms.csv", "has only one column"),
    ("zh;ru\n天网;Паутина\n".encode(), "terms.csv", "has only one column"),
    (b"en,klingonese\nWeb,tlhIngan\n", "terms.csv",
     "column 2 is headed 'klingonese', which is not a language code"),
    (b"en,ru\n\n", "terms.csv", "holds no terms"),
    (b"en,ru\nWeb,\n", "terms.csv", "holds no terms"),
    (b"<martif><text><body><termEntry>", "terms.tbx", "is not well-formed XML"),
    (b"<tmx version='1.4'><body/></tmx>", "terms.tbx", "is XML but not TBX"),
    (b"<martif><text><body/></text></martif>", "terms.tbx", "holds no term entries"),
    (TBX_BASIC.replace('xml:lang="ru"', 'xml:lang="qqq-klingon"').encode(), "terms.tbx",
     "which is not a language code"),
    (b"\x00\x01\x02PK\x03\x04binary", "terms.csv", "looks like a binary file"),
])
def test_bad_glossaries_get_one_clear_message(data: bytes, filename: str, says: str) -> None:
    with pytest.raises(BadInputError) as caught:
        read_glossary(data, filename)
    message = str(caught.value)
    assert says in message
    assert "\n" not in message and filename in message


@pytest.mark.parametrize("data", [LAUGHS, XXE])
def test_entity_declarations_are_refused(data: bytes) -> None:
    with pytest.raises(UnsafeInputError, match="declares XML entities"):
        read_glossary(data, "terms.tbx")
