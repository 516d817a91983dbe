"""Reading one version from every supported document format and text encoding."""

from __future__ import annotations

import pytest

from tests.io.builders import EN, RU, ZH, make_docx, make_epub, make_odt, make_pdf
from workbench.ingest import Document, read_document

RUSSIAN = (
    "Первый абзац. Это русский текст для проверки определения кодировки.\n\n"
    "Второй абзац: съешь же ещё этих мягких французских булок, да выпей чаю."
)
CHINESE = "第一段。这是中文文本，用来测试编码检测。\n\n第二段：我们今天去北京参观了故宫博物院。"


@pytest.mark.parametrize(
    ("encoding", "text", "reported"),
    [
        ("utf-8", RUSSIAN, "utf_8"),
        ("utf-8-sig", CHINESE, "utf_8_sig"),
        ("utf-16", RUSSIAN, "utf_16_le"),  # Python writes a little-endian BOM
        ("utf-16-le", CHINESE, "utf_16_le"),
        ("utf-16-be", RUSSIAN, "utf_16_be"),
        ("gb18030", CHINESE, "gb18030"),
        ("gbk", CHINESE, "gb18030"),
        ("cp1251", RUSSIAN, "cp1251"),
        ("koi8-r", RUSSIAN, "koi8_r"),
    ],
)
def test_plain_text_in_any_common_encoding(encoding: str, text: str, reported: str) -> None:
    document = read_document(text.encode(encoding), "version.txt")
    assert document.text == text
    assert document.format == "text"
    assert document.encoding == reported


def test_line_ends_and_page_breaks_are_tidied() -> None:
    document = read_document(b"one\r\ntwo\rthree\x0cfour\n\n\n\nfive  \n", "a.txt")
    assert document.text == "one\ntwo\nthree\n\nfour\n\nfive"


def test_markdown_keeps_text_and_drops_markup() -> None:
    source = "# Заголовок\n\nПервый *абзац*\nпродолжение.\n\n- пункт\n\n中文第一行\n第二行\n"
    document = read_document(source.encode(), "notes.md")
    assert document.format == "markdown"
    assert document.title == "Заголовок"
    assert document.text.split("\n\n") == [
        "Заголовок", "Первый абзац продолжение.", "пункт", "中文第一行第二行"]


def test_html_paragraphs_without_scripts_or_styles() -> None:
    page = ("<!DOCTYPE html><html><head><meta charset='windows-1251'><title>Т</title>"
            "<style>p{}</style></head><body><div><p>Раз <b>два</b></p>три<br>четыре</div>"
            "<script>alert(1)</script><ul><li>пункт</li></ul></body></html>")
    document = read_document(page.encode("cp1251"), "page.html")
    assert document.format == "html"
    assert document.title == "Т"
    assert document.text == "Раз два\n\nтри\nчетыре\n\nпункт"
    assert "alert" not in document.text


def test_srt_subtitles_join_cues_and_split_on_pauses() -> None:
    subtitles = ("1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i>\nthere.\n\n"
                 "2\n00:00:02,100 --> 00:00:03,000\nStill talking.\n\n"
                 "3\n00:00:09,000 --> 00:00:10,000\n{\\an8}After a pause.\n")
    document = read_document(subtitles.encode("utf-16"), "film.srt")
    assert document.format == "srt"
    assert document.text == "Hello there.\nStill talking.\n\nAfter a pause."


def test_docx_paragraphs_and_tables_in_order() -> None:
    document = read_document(make_docx([ZH, RU, EN], title="Тест"), "version.docx")
    assert document.format == "docx"
    assert document.encoding is None
    assert document.title == "Тест"
    assert document.text.split("\n\n") == [ZH, RU, EN, "ячейка один", "单元格二"]


def test_odt_headings_and_paragraphs() -> None:
    document = read_document(make_odt([ZH, RU], title="Заголовок"), "version.odt")
    assert document.format == "odt"
    assert document.title == "Заголовок"
    assert document.text.split("\n\n") == ["Заголовок", ZH, RU]


def test_epub_chapters_in_spine_order() -> None:
    document = read_document(make_epub([RU, ZH], title="Книга"), "book.epub")
    assert document.format == "epub"
    assert document.title == "Книга"
    paragraphs = document.text.split("\n\n")
    assert paragraphs.index(RU) < paragraphs.index(ZH)
    assert "Глава 1" in paragraphs


def test_pdf_text_layer() -> None:
    pdf = make_pdf(["The first paragraph starts here and goes on for a", "while.",
                    "A second paragraph follows it on the page and is long", "too."])
    document = read_document(pdf, "paper.pdf")
    assert document.format == "pdf"
    assert "first paragraph" in document.text
    assert "second paragraph" in document.text


def test_content_beats_a_wrong_extension() -> None:
    document = read_document(make_docx([RU]), "renamed.txt")
    assert document.format == "docx"
    assert RU in document.text
    assert any("named .txt" in warning for warning in document.warnings)
    assert document.misnamed == ".txt"


def test_a_file_named_as_it_is_is_not_misnamed() -> None:
    assert read_document(make_docx([RU]), "version.docx").misnamed == ""
    assert read_document(make_odt([RU]), "version.odt").misnamed == ""


def test_five_megabyte_line_without_punctuation_imports() -> None:
    data = ("слово" * 1_000_000).encode("utf-8")[: 5 * 1024 * 1024 - 1]
    data = data.decode("utf-8", "ignore").encode("utf-8")
    document = read_document(data, "one-line.txt")
    assert isinstance(document, Document)
    assert len(document.text) > 2_000_000


@pytest.mark.parametrize(("text", "encoding"), [
    ("Привет, мир!", "cp1251"), ("Привет, мир!", "koi8_r"), ("Москва", "cp1251"),
    ("Москва (Moscow)", "koi8_r"), ("你好，世界！", "gb18030"), ("北京欢迎你", "gb18030"),
    ("Café déjà vu", "cp1252"), ("Straße München", "cp1252"),
])
def test_short_texts_in_legacy_encodings(text: str, encoding: str) -> None:
    document = read_document(text.encode(encoding), "short.txt")
    assert (document.text, document.encoding) == (text, encoding)
