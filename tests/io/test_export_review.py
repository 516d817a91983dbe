"""Exports carry the review: comments, reviewer flags and dismissals as readable notes, the
HTML report shows everything in the page, row numbers as the UI shows them (from 1)."""

from __future__ import annotations

import csv
import io
import json

import lxml.html
import pytest
from lxml import etree

from tests.io.records import demo_record
from workbench.comparison import ComparisonRecord, FlagRecord
from workbench.export import ExportOptions, export
from workbench.ingest import read_aligned

XLIFF = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def reviewed() -> ComparisonRecord:
    """The demo with a dismissed signal, a reviewer flag on a hop with a comment, a comment."""
    record = demo_record(12)
    row = record.rows[5]
    row.flags = [
        FlagRecord("number", "zh|ru", "number changed: zh 2024 vs ru 2023", severity="critical",
                   dismissed="false alarm: the Russian edition is right"),
        FlagRecord("omission", "ru|en", "missing clause", severity="major"),
        FlagRecord("mistranslation", "ru|en", "", source="reviewer", severity="minor",
                   comment="«соседи» is not «partners»"),
    ]
    row.comments = ["ask the editor"]
    row.status = "flagged"
    return record


def _notes(tu: etree._Element) -> list[str]:
    return [n.text or "" for n in tu.findall("note")]


def test_tmx_notes_show_comments_reviewer_flags_and_dismissals() -> None:
    record = reviewed()
    root = etree.fromstring(export(record, "tmx"))
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [str(n) for n in range(1, len(record.rows) + 1)]
    notes = _notes(tus[5])
    assert "ask the editor" in notes
    assert "Reviewer flag: Mistranslation (minor), ru → en: «соседи» is not «partners»" in notes
    assert any("Number (critical), zh → ru" in n and
               "dismissed: false alarm: the Russian edition is right" in n for n in notes)
    back = read_aligned(export(record, "tmx"), "back.tmx")
    assert back.rows[5].comments == ["ask the editor"]  # derived notes are not comments
    assert back == record


def test_xliff_notes_are_readable_and_carry_the_reviewers_comment() -> None:
    record = reviewed()
    data = export(record, "xliff", ExportOptions(pair=("ru", "en")))
    root = etree.fromstring(data)
    units = root.findall(".//x:unit", XLIFF)
    assert [u.get("id") for u in units[:3]] == ["row1", "row2", "row3"]
    texts = [n.text or "" for n in units[5].iterfind(".//x:note", XLIFF)]
    assert "Reviewer flag: Mistranslation (minor), ru → en: «соседи» is not «partners»" in texts
    assert "Omission (major), ru → en: missing clause" in texts
    assert "Status: Flagged" in texts
    assert not any(t.startswith("[") or " : " in t for t in texts)
    back = read_aligned(data, "back.xlf")
    assert back.rows[5].comments == ["ask the editor"]
    assert [f.comment for f in back.rows[5].flags if f.source == "reviewer"] == [
        "«соседи» is not «partners»"]


def test_dismissal_survives_every_lossless_round_trip() -> None:
    record = reviewed()
    for fmt, name in (("tmx", "b.tmx"), ("csv", "b.csv"), ("tsv", "b.tsv"),
                      ("jsonl", "b.jsonl")):
        back = read_aligned(export(record, fmt), name)
        flag = back.rows[5].flags[0]
        assert flag.dismissed == "false alarm: the Russian edition is right", fmt
        assert [r.index for r in back.rows] == [r.index for r in record.rows], fmt


def test_html_report_shows_the_review_in_the_page() -> None:
    record = reviewed()
    html = export(record, "html").decode("utf-8")
    page = lxml.html.document_fromstring(html)
    assert not page.xpath("//@title")  # nothing hidden in tooltips
    row = page.xpath("//table[@class='rows']/tbody/tr")[5]
    assert row.xpath("td")[0].text_content() == "6"  # the row number the UI shows
    text = " ".join(" ".join(row.itertext()).split())
    for expected in ("Flagged", "Number", "zh → ru", "number changed: zh 2024 vs ru 2023",
                     "Dismissed: false alarm: the Russian edition is right",
                     "Omission", "ru → en", "missing clause",
                     "Reviewer flag: Mistranslation", "«соседи» is not «partners»",
                     "Comment: ask the editor"):
        assert expected in text, expected
    assert row.xpath(".//div[contains(@class, 'dismissed')]")
    whole = page.text_content()
    assert "omission ()" not in whole and "(ru|en)" not in whole and "ru|en" not in whole
    summary_table = page.xpath("//table[@class='summary']")[0]
    summary = " ".join(" ".join(summary_table.itertext()).split())
    numbers = [f for r in record.rows for f in r.flags if f.type == "number"]
    standing = sum(f.dismissed is None for f in numbers)
    assert f"Number zh → ru {standing} 1" in summary  # that one signal is dismissed
    statuses = page.xpath("//span[contains(@class, 'status')]")
    assert len(statuses) == len(record.rows)


def test_html_report_never_breaks_a_status_and_has_a_print_stylesheet() -> None:
    html = export(reviewed(), "html").decode("utf-8")
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    status_rule = css.split(".status{", 1)[1].split("}", 1)[0]
    assert "white-space:nowrap" in status_rule and "word-break:keep-all" in status_rule
    assert "overflow-wrap:anywhere" not in css  # what broke "unreviewe d" in narrow cells
    print_css = css.split("@media print{", 1)[1]
    assert "@page{size:A4 landscape" in print_css and "break-inside:avoid" in print_css
    assert "thead{display:table-header-group}" in print_css


def test_xlsx_has_auto_filters_and_ui_row_numbers() -> None:
    from openpyxl import load_workbook

    record = reviewed()
    workbook = load_workbook(io.BytesIO(export(record, "xlsx")))
    rows = workbook["Rows"]
    assert rows.auto_filter.ref == f"A1:{rows.cell(1, rows.max_column).column_letter}" \
                                   f"{len(record.rows) + 1}"
    assert [rows.cell(r, 1).value for r in range(2, 5)] == [1, 2, 3]
    header = [c.value for c in rows[1]]
    signals = rows.cell(7, header.index("signals") + 1).value
    assert "dismissed: false alarm" in signals and "Omission (major), ru → en" in signals
    flags = workbook["Flags"]
    assert flags.auto_filter.ref is not None and flags.auto_filter.ref.startswith("A1:H")
    sixth = [[c.value for c in r] for r in flags.iter_rows(min_row=2) if r[0].value == 6]
    assert [r[1:3] for r in sixth] == [["Number", "zh → ru"], ["Omission", "ru → en"],
                                       ["Mistranslation", "ru → en"]]
    assert sixth[0][-1] == "false alarm: the Russian edition is right"
    assert not sixth[1][-1]


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_plain_csv_has_no_json_and_optional_metadata() -> None:
    record = reviewed()
    lines = _cells(export(record, "plain-csv"))
    assert lines[0][:4] == ["row", "zh", "ru", "en"]  # no metadata unless asked
    assert [line[0] for line in lines[1:4]] == ["1", "2", "3"]
    for line in lines:
        for cell in line:
            if cell[:1] in "[{":
                with pytest.raises(ValueError):
                    json.loads(cell)
    sixth = dict(zip(lines[0], lines[6], strict=True))
    assert sixth["status"] == "Flagged"
    assert "dismissed: false alarm" in sixth["signals"]
    assert "«соседи» is not «partners»" in sixth["reviewer flags"]
    assert sixth["comments"] == "ask the editor"
    assert sixth["score zh → ru"] == f"{record.rows[5].score['zh|ru']:.3f}"
    with_meta = _cells(export(record, "plain-csv", ExportOptions(metadata=True)))
    assert with_meta[0] == ["Title", record.title]
    assert with_meta[2] == ["Chain", "zh → ru → en"]
    assert with_meta[4] == [] and with_meta[5][:4] == ["row", "zh", "ru", "en"]
    assert len(with_meta) == len(lines) + 5


def test_workbench_csv_numbers_rows_from_one_and_still_reads_old_files() -> None:
    record = demo_record(4)
    data = export(record, "csv")
    lines = _cells(data)
    assert json.loads(lines[0][1])["row_base"] == 1
    assert [line[0] for line in lines[2:]] == ["1", "2", "3", "4"]
    assert read_aligned(data, "new.csv") == record
    # a file written before row numbers started at 1: no row_base, numbers from 0
    meta = json.loads(lines[0][1])
    del meta["row_base"]
    old = [[lines[0][0], json.dumps(meta, ensure_ascii=False)], lines[1],
           *([str(int(line[0]) - 1), *line[1:]] for line in lines[2:])]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(old)
    assert read_aligned(buffer.getvalue().encode("utf-8"), "old.csv") == record


def test_a_row_whose_signals_are_all_dismissed_counts_as_unflagged() -> None:
    record = demo_record(6)
    row = record.rows[3]
    row.status = "unreviewed"
    row.flags = [FlagRecord("number", "zh|ru", "2024 vs 2023", dismissed="false alarm")]
    kept = read_aligned(export(record, "jsonl", ExportOptions(rows="unflagged")), "k.jsonl")
    assert 3 in [r.index for r in kept.rows]
    row.flags[0].dismissed = None
    kept = read_aligned(export(record, "jsonl", ExportOptions(rows="unflagged")), "k.jsonl")
    assert 3 not in [r.index for r in kept.rows]
