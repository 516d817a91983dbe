"""Every export format: schema validity, spreadsheet safety, the HTML report, options."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from tests.io.records import demo_record, records
from workbench.comparison import ComparisonRecord
from workbench.export import FORMATS, ExportError, ExportOptions, export, export_to, get_format
from workbench.ingest.aligned.conventions import FORMULA_TRIGGERS

SCHEMAS = Path(__file__).parent / "data" / "schemas"


@pytest.fixture(scope="module")
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx14.dtd"))


@pytest.fixture(scope="module")
def xliff_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd")))


def parse(data: bytes) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(data, etree.XMLParser(resolve_entities=False)))


def test_tmx_validates_against_the_dtd(tmx_dtd: etree.DTD) -> None:
    tree = parse(export(demo_record(), "tmx"))
    assert tmx_dtd.validate(tree), tmx_dtd.error_log
    tus = tree.getroot().findall("body/tu")
    assert len(tus) == len(demo_record().rows)
    assert {tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
            for tuv in tus[0].findall("tuv")} == {"zh", "ru", "en"}


def test_xliff_validates_against_the_oasis_schema(xliff_schema: etree.XMLSchema) -> None:
    for pair in (("zh", "ru"), ("ru", "en")):
        tree = parse(export(demo_record(), "xliff", ExportOptions(pair=pair)))
        assert xliff_schema.validate(tree), xliff_schema.error_log
        root = tree.getroot()
        assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", *pair)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records(versions=2))
def test_awkward_exports_stay_valid(record: ComparisonRecord, tmx_dtd: etree.DTD,
                                    xliff_schema: etree.XMLSchema) -> None:
    assert tmx_dtd.validate(parse(export(record, "tmx"))), tmx_dtd.error_log
    assert xliff_schema.validate(parse(export(record, "xliff"))), xliff_schema.error_log


def test_xliff_states_and_notes() -> None:
    root = parse(export(demo_record(), "xliff")).getroot()
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    states = [s.get("state") for s in root.iterfind(".//x:segment", ns)]
    assert states[:3] == ["translated", "reviewed", "translated"]
    categories = {n.get("category") for n in root.iterfind(".//x:note", ns)}
    assert {"comment", "wb-flag", "wb-score"} <= categories


def spreadsheet_cells(data: bytes, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=delimiter))


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records())
def test_no_cell_can_start_a_formula(fmt: str, delimiter: str, record: ComparisonRecord) -> None:
    for row in spreadsheet_cells(export(record, fmt), delimiter):
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS[:-1]), cell


def test_csv_shows_texts_in_readable_columns() -> None:
    record = demo_record()
    rows = spreadsheet_cells(export(record, "csv"), ",")
    assert rows[1][:4] == ["row", "zh", "ru", "en"]
    assert rows[2][1] == record.rows[0].text["zh"]
    assert export(record, "csv").startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8


def test_xlsx_rows_flags_colours_and_no_formulas() -> None:
    from openpyxl import load_workbook

    record = demo_record(12)
    record.rows[1].text["ru"] = "=HYPERLINK(\"http://evil\")"
    record.rows[0].score = {"zh|ru": 0.95, "ru|en": 0.9}
    record.rows[1].score = {"zh|ru": 0.95, "ru|en": 0.3}
    record.rows[2].score = {}
    workbook = load_workbook(io.BytesIO(export(record, "xlsx")))
    assert workbook.sheetnames == ["Rows", "Flags", "Comparison"]
    sheet = workbook["Rows"]
    assert [c.value for c in sheet[1]][:4] == ["row", "zh", "ru", "en"]
    cell = sheet.cell(row=3, column=3)
    assert cell.value == record.rows[1].text["ru"]
    assert cell.data_type == "s"
    colours = [sheet.cell(row=r, column=2).fill.start_color.rgb for r in (2, 3, 4)]
    assert colours[:2] == ["00C6EFCE", "00FFC7CE"]  # green, red: by the lowest score
    assert sheet.cell(row=4, column=2).fill.fill_type is None  # unscored: no colour
    flagged = sum(len(row.flags) for row in record.rows)
    assert workbook["Flags"].max_row == flagged + 1


def test_html_report_is_self_contained_escaped_and_printable() -> None:
    record = demo_record(10)
    record.rows[0].text["en"] = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
    record.rows[0].comments = ["<b>bold?</b>"]
    html = export(record, "html").decode("utf-8")
    assert "<script>alert" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img" in html
    assert "@media print" in html and "break-inside:avoid" in html
    import lxml.html

    page = lxml.html.document_fromstring(html)
    assert not page.xpath("//script | //link | //img | //iframe | //@src | //@href")
    assert "<script>alert('x')</script>" in page.text_content()
    assert html.count("<tr") >= len(record.rows)
    assert record.rows[3].text["zh"] in html


def test_row_filters_and_minimum_score() -> None:
    record = demo_record(30)

    def rows(**options: object) -> list[int]:
        data = export(record, "jsonl", ExportOptions(metadata=False, **options))  # type: ignore[arg-type]
        import json

        return [json.loads(line)["row"] for line in data.decode().splitlines()]

    assert rows() == list(range(30))
    assert rows(rows="accepted") == [r.index for r in record.rows if r.status == "accepted"]
    unflagged = rows(rows="unflagged")
    assert all(record.rows[i].status != "flagged" for i in unflagged)
    assert all(record.rows[i].status == "accepted" or not record.rows[i].flags
               for i in unflagged)
    high = rows(min_score=0.5)
    assert high == [r.index for r in record.rows if min(r.score.values()) >= 0.5]
    pair_high = rows(min_score=0.5, pair=("zh", "ru"))
    assert pair_high == [r.index for r in record.rows if r.score["zh|ru"] >= 0.5]


@pytest.mark.parametrize(("fmt", "options", "message"), [
    ("docx", ExportOptions(), "unknown export format"),
    ("csv", ExportOptions(rows="some"), "unknown row filter"),
    ("csv", ExportOptions(min_score=1.5), "outside 0..1"),
    ("xliff", ExportOptions(pair=("zh", "de")), "no version de"),
    ("xliff", ExportOptions(pair=("zh", "zh")), "two different"),
    ("xliff", ExportOptions(rows="accepted", min_score=1.0), "no rows"),
])
def test_bad_export_requests(fmt: str, options: ExportOptions, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        export(demo_record(5), fmt, options)


def test_registry_lists_every_format_with_extension_and_mimetype() -> None:
    assert list(FORMATS) == ["tmx", "xliff", "csv", "plain-csv", "tsv", "jsonl", "xlsx",
                             "html"]
    for spec in FORMATS.values():
        assert spec.extension.startswith(".") and "/" in spec.mimetype
        assert get_format(spec.extension) is (FORMATS["csv"] if spec.name == "plain-csv"
                                              else spec)
    assert get_format("plain") is FORMATS["plain-csv"]
    assert get_format("XLF") is FORMATS["xliff"]


def test_export_to_streams_the_same_bytes_as_export() -> None:
    record = demo_record(8)
    for fmt in ("tmx", "csv", "jsonl", "html"):
        buffer = io.BytesIO()
        export_to(buffer, record, fmt)
        first, second = buffer.getvalue(), export(record, fmt)
        if fmt == "tmx":  # the header carries a creation time
            first, second = (b.split(b"creationdate", 1)[0] for b in (first, second))
        assert first == second
