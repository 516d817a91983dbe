"""Download names: RFC 6266 / 5987 headers that keep Chinese and Russian and nothing unsafe."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.comparison import ComparisonRecord, VersionInfo
from workbench.export import content_disposition, download_name, safe_filename


def utf8_name(header: str) -> str:
    assert "filename*=UTF-8''" in header
    return unquote(header.split("filename*=UTF-8''", 1)[1])


def test_chinese_and_russian_are_kept_with_an_ascii_fallback() -> None:
    header = content_disposition("Сравнение 中文 версий.tmx")
    assert header.startswith('attachment; filename="')
    assert utf8_name(header) == "Сравнение 中文 версий.tmx"
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.isascii() and fallback.endswith(".tmx")


def test_plain_ascii_names_need_no_extended_parameter() -> None:
    assert content_disposition("report.csv") == 'attachment; filename="report.csv"'
    assert content_disposition("report.html", "inline") == 'inline; filename="report.html"'


@pytest.mark.parametrize(("raw", "clean"), [
    ("../../etc/passwd", "etc_passwd"),
    ("a/b\\c.csv", "a_b_c.csv"),
    ("evil\u202egpj.exe", "evilgpj.exe"),
    ("line\r\nbreak\x00.txt", "linebreak.txt"),
    ("\u2066isolate\u2069 \u200f.csv", "isolate.csv"),
    ("   ", "download"),
    (".hidden", "hidden"),
    ('quote".csv', "quote_.csv"),
])
def test_unsafe_characters_are_removed(raw: str, clean: str) -> None:
    assert safe_filename(raw) == clean


def test_long_names_keep_their_extension() -> None:
    name = safe_filename("очень " * 100 + ".xlsx")
    assert len(name) <= 150 and name.endswith(".xlsx")


@given(st.text(max_size=300))
def test_header_is_always_safe(raw: str) -> None:
    header = content_disposition(raw)
    assert header.isascii()
    assert not any(ch in header for ch in "\r\n\x00")
    name = utf8_name(header) if "filename*=" in header else header.split('"')[1]
    assert name and "/" not in name and "\\" not in name
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in name)


def test_download_name_from_the_title() -> None:
    record = ComparisonRecord("习近平 / Си Цзиньпин", [VersionInfo("zh", "zh")], [])
    assert download_name(record, "xliff") == "习近平 _ Си Цзиньпин.xlf"
