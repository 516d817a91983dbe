"""Limits checked while extracting, no silent text loss, and the shared version checks.

Each case asserts the outcome and counts the work done (bytes decompressed, elements
seen) rather than timing it: ``bench/hostile.py`` prints the time of the same files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bench import hostile
from workbench.ingest import (
    BadInputError,
    TooLargeError,
    UnsafeInputError,
    limits,
    read_aligned,
    read_document,
)
from workbench.ingest.archive import SafeArchive
from workbench.ingest.versions import MAX_LABEL, VersionsError, check_versions


@dataclass
class Work:
    bytes_read: int = 0
    elements: int = 0


@pytest.fixture()
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[Work]:
    """Counts decompressed bytes and elements seen by every archive and budget."""
    seen = Work()
    original_read, original_element = SafeArchive.read, limits.TextBudget.element

    def read(self: SafeArchive, name: str) -> bytes:
        before = self.bytes_read
        try:
            return original_read(self, name)
        finally:
            seen.bytes_read += self.bytes_read - before

    def element(self: limits.TextBudget, depth: int) -> None:
        seen.elements += 1
        original_element(self, depth)

    monkeypatch.setattr(SafeArchive, "read", read)
    monkeypatch.setattr(limits.TextBudget, "element", element)
    yield seen


def test_the_epub_bomb_is_refused_on_its_headers(work: Work) -> None:
    bomb = hostile.epub_bomb()
    assert len(bomb) < 20_000
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_document(bomb, "bomb.epub")
    assert work.bytes_read < 1024  # only the mimetype: no chapter was decompressed


def test_a_small_member_with_a_huge_ratio_is_refused() -> None:
    """The old check only looked at members over 1 MiB."""
    chapter = b"<html><body>" + b"<p>a.</p>" * 50_000 + b"</body></html>"  # 450 KB
    with pytest.raises(UnsafeInputError, match="expands"):
        read_document(hostile.epub([chapter]), "small-bomb.epub")


def test_the_overall_ratio_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ingest import archive

    monkeypatch.setattr(archive, "MAX_OVERALL_RATIO", 2)
    chapter = b"<html><body>" + b"".join(b"<p>%d</p>" % n for n in range(20_000)) + b"</body>"
    with pytest.raises(UnsafeInputError, match="overall"):
        read_document(hostile.epub([chapter] * 3), "overall.epub")


def test_a_member_lying_about_its_size_is_stopped_while_decompressing(
        monkeypatch: pytest.MonkeyPatch, work: Work) -> None:
    from workbench.ingest import archive

    data = hostile.docx(b"<w:document " + hostile.WORD_NS + b"><w:body>"
                        + b"<w:p/>" * 200_000 + b"</w:body></w:document>")
    original = archive.SafeArchive.__init__

    def lying_headers(self: SafeArchive, raw: bytes, filename: str) -> None:
        monkeypatch.setattr(archive, "MAX_COMPRESSION_RATIO", 10**6)
        original(self, raw, filename)  # headers pass...
        monkeypatch.setattr(archive, "MAX_COMPRESSION_RATIO", 50)  # ...the bytes do not

    monkeypatch.setattr(archive.SafeArchive, "__init__", lying_headers)
    with pytest.raises(UnsafeInputError, match="expands"):
        read_document(data, "liar.docx")
    assert work.bytes_read < 1_200_000 - 1024  # stopped before the member's end


def test_too_many_elements_stop_the_reader_at_the_limit(
        monkeypatch: pytest.MonkeyPatch, work: Work) -> None:
    monkeypatch.setattr(limits, "MAX_ELEMENTS", 1_000)
    with pytest.raises(TooLargeError, match="more than 1,000 elements"):
        read_document(hostile.epub_many_elements(50_000), "many.epub")
    assert work.elements < 1_100  # container and package, then the chapter up to the limit


def test_epub_chapters_share_one_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ELEMENTS", 1_000)
    chapter = b"<html><body>" + b"".join(b"<p>%d</p>" % n for n in range(300)) + b"</body>"
    read_document(hostile.epub([chapter] * 2), "two.epub")
    with pytest.raises(TooLargeError, match="elements"):
        read_document(hostile.epub([chapter] * 4), "four.epub")


def test_the_text_limit_is_checked_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 10_000)
    chapter = b"<html><body>" + b"<p>" + b"word " * 5_000 + b"</p>" + b"</body></html>"
    with pytest.raises(TooLargeError, match="characters"):
        read_document(hostile.epub([chapter]), "long.epub")


@pytest.mark.parametrize("name", ["deep.html", "deep.xhtml"])
def test_html_deeper_than_the_limit_is_refused_not_cut(name: str) -> None:
    with pytest.raises(TooLargeError, match="deeper than 200"):
        read_document(hostile.deep_html(300), name)


def test_html_nested_within_the_limit_keeps_all_its_text() -> None:
    text = read_document(hostile.deep_html(190), "nested.html").text
    assert "deep text" in text and "after the block" in text


def test_deep_epub_chapter_is_refused() -> None:
    with pytest.raises(TooLargeError, match="deeper"):
        read_document(hostile.epub([hostile.deep_html(400)]), "deep.epub")


def test_deep_docx_is_refused_with_a_clear_message() -> None:
    with pytest.raises(TooLargeError, match="deeper than 200") as caught:
        read_document(hostile.deep_docx(300), "deep.docx")
    assert "XML_PARSE_HUGE" not in str(caught.value)


def test_a_docx_bomb_is_refused() -> None:
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_document(hostile.docx_bomb(), "bomb.docx")


def test_an_odt_space_count_cannot_blow_up() -> None:
    assert len(read_document(hostile.odt_spaces("1000000000"), "s.odt").text) <= 1_002
    assert read_document(hostile.odt_spaces("many"), "s.odt").text == "a b"


@pytest.mark.parametrize("data", [b"\x00" * 4096, b"hello.\n" * 20_000 + b"\x00" * 10,
                                  b"\xef\xbb\xbf" + b"\x00" * 100])
def test_nul_bytes_anywhere_mean_binary(data: bytes) -> None:
    with pytest.raises(BadInputError, match="binary"):
        read_document(data, "nul.txt")


def test_nul_bytes_in_aligned_material_are_refused() -> None:
    with pytest.raises(BadInputError, match="binary"):
        read_aligned(b"en\tru\n" * 20_000 + b"a\x00b\tc\n", "nul.tsv")


def test_plain_tsv_keeps_quotes_and_every_line() -> None:
    data = hostile.quoted_tsv(50)
    record = read_aligned(data, "quotes.tsv")
    lines = data.decode().splitlines()
    assert len(record.rows) == len(lines) == 50
    for row, line in zip(record.rows, lines, strict=True):
        assert "\t".join(row.text.values()) == line  # text never altered


def test_plain_tsv_with_crlf_and_an_unbalanced_quote() -> None:
    record = read_aligned(b'"open\tquote\r\nnext\tline\r\n', "crlf.tsv")
    assert [list(r.text.values()) for r in record.rows] == [['"open', "quote"], ["next", "line"]]


def test_csv_with_an_unclosed_quote_is_an_error_not_swallowed_lines() -> None:
    with pytest.raises(BadInputError, match="not valid CSV"):
        read_aligned(b'a,b\n"unclosed,x\nc,d\ne,f\n', "open.csv")


def test_csv_of_ten_thousand_columns_is_refused_at_once(work: Work) -> None:
    with pytest.raises(TooLargeError, match="10,000 columns"):
        read_aligned(hostile.wide_csv(), "wide.csv")


def test_labels_of_fifty_columns_are_all_kept() -> None:
    record = read_aligned(hostile.wide_csv(50), "fifty.csv")
    assert len(record.versions) == 50 and len(set(record.labels)) == 50


def test_element_limit_of_aligned_xml(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ingest import aligned

    monkeypatch.setattr(aligned, "MAX_TABLE_ELEMENTS", 100)
    with pytest.raises(TooLargeError, match="elements"):
        read_aligned(hostile.tmx(["en", "ru"], units=50), "many.tmx")


def test_an_external_dtd_is_not_fetched() -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">'
            b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg>'
            b'</tuv><tuv xml:lang="ru"><seg>b</seg></tuv></tu></body></tmx>')
    assert [r.text for r in read_aligned(data, "dtd.tmx").rows] == [{"en": "a", "ru": "b"}]


@pytest.mark.parametrize(("data", "name", "fmt"), [
    (hostile.docx(b"<w:document " + hostile.WORD_NS + b"><w:body><w:p><w:r><w:t>Hi</w:t>"
                  b"</w:r></w:p></w:body></w:document>"), "report.txt", "docx"),
    (hostile.epub([b"<html><body><p>Hi</p></body></html>"]), "book.pdf", "epub"),
])
def test_wrong_extensions_are_read_by_content(data: bytes, name: str, fmt: str) -> None:
    document = read_document(data, name)
    assert document.format == fmt and document.text == "Hi"


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "/tmp/x/notes.txt"])
def test_path_like_file_names_are_reduced_to_their_name(name: str) -> None:
    with pytest.raises(BadInputError) as caught:
        read_document(b"\x00" * 10, name)
    assert "/" not in str(caught.value).split(" looks")[0]


@pytest.mark.parametrize(("data", "encoding"), [
    ("Привет, мир! Как дела?".encode("utf-32"), "utf_32_le"),
    ("Hello there, world.".encode("utf-16-be"), "utf_16_be"),
    ("Привет, мир!".encode("koi8_r"), "koi8_r"),
    ("我们参观了故宫博物院。".encode("gb18030"), "gb18030"),
])
def test_odd_encodings_are_decoded(data: bytes, encoding: str) -> None:
    assert read_document(data, "odd.txt").encoding == encoding


def test_a_huge_line_is_read_whole() -> None:
    line = "word " * 400_000
    assert read_document(line.encode(), "line.txt").text == line.strip()


@dataclass
class V:
    label: str
    text: str = "Some text."
    lang: str | None = None


@pytest.mark.parametrize(("versions", "chain", "message"), [
    ([V("a")] * 1, None, "two to eight"),
    ([V(f"v{n}") for n in range(9)], None, "9 were given"),
    ([V("x" * 5000), V("b")], None, f"longer than {MAX_LABEL}"),
    ([V("a|b"), V("b")], None, "control"),
    ([V("a\x07"), V("b")], None, "control"),
    ([V("a", lang="evil" * 10), V("b")], None, "unknown language"),
    ([V("a", text="  "), V("b")], None, "empty"),
    ([V("a"), V("a")], None, "distinct"),
    ([V("a"), V("b")], ["a", "c"], "unknown version"),
    ([V("a"), V("b")], ["a", "a"], "distinct"),
])
def test_the_shared_version_check(versions: list[V], chain: list[str] | None,
                                  message: str) -> None:
    with pytest.raises(VersionsError, match=message):
        check_versions(versions, chain)


def test_the_form_limit_refuses_a_fifth_version() -> None:
    with pytest.raises(VersionsError, match="two to four versions; 5 were given"):
        check_versions([V(f"v{n}") for n in range(5)], max_versions=4)
    assert check_versions([V("a", lang="ru"), V("b", lang="en")], ["a", "b"]) == ["a", "b"]
