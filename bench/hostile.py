"""Hostile uploads: build each file, read it as the upload path does, print the slowest.

    .venv/bin/python -m bench.hostile            # every case, slowest first
    .venv/bin/python -m bench.hostile --repeat 3
    .venv/bin/python -m bench.hostile --served   # a real server: uploads vs /projects

The builders are shared with ``tests/io/test_hostile_limits.py`` and
``tests/web/test_hostile_uploads.py`` (which assert the outcome and count the
work done, never the time): here only the time of each case is measured, in
this process, as one request thread would spend it.
"""

from __future__ import annotations

import argparse
import io
import json
import time
import zipfile
from collections.abc import Callable
from typing import Any

CONTAINER = (b'<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
             b'<rootfile full-path="content.opf"/></rootfiles></container>')
WORD_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def epub(chapters: list[bytes]) -> bytes:
    """An EPUB whose spine lists ``chapters`` (XHTML bytes), deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip")
        archive.writestr("META-INF/container.xml", CONTAINER)
        items = "".join(f'<item id="c{n}" href="c{n}.xhtml" media-type="application/xhtml+xml"/>'
                        for n in range(len(chapters)))
        refs = "".join(f'<itemref idref="c{n}"/>' for n in range(len(chapters)))
        archive.writestr("content.opf", (
            '<package xmlns="http://www.idpf.org/2007/opf"><metadata/>'
            f"<manifest>{items}</manifest><spine>{refs}</spine></package>").encode())
        for n, chapter in enumerate(chapters):
            archive.writestr(f"c{n}.xhtml", chapter)
    return buffer.getvalue()


def epub_bomb(chapters: int = 5, size: int = 1000 * 1024) -> bytes:
    """The issue's bomb: chapters of about 1 MiB of ``<p>a.</p>`` each (about 12 KB zipped)."""
    body = b"<p>a.</p>" * (size // 9)
    return epub([b"<html><body>" + body + b"</body></html>"] * chapters)


def epub_many_elements(elements: int) -> bytes:
    """Within every ratio (varied text) but with ``elements`` paragraphs."""
    body = b"".join(b"<p>%d.</p>" % (n * 7919 % 1000003) for n in range(elements))
    return epub([b"<html><body>" + body + b"</body></html>"])


def deep_html(depth: int, text: bytes = b"deep text") -> bytes:
    return (b"<html><body>" + b"<div>" * depth + text + b"</div>" * depth
            + b"<p>after the block</p></body></html>")


def docx(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def deep_docx(depth: int) -> bytes:
    inner = b"<w:r><w:t>deep</w:t></w:r>"
    nested = b"<w:sdt>" * depth + inner + b"</w:sdt>" * depth
    return docx(b"<w:document " + WORD_NS + b"><w:body><w:p>" + nested
                + b"</w:p></w:body></w:document>")


def docx_bomb(megabytes: int = 20) -> bytes:
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    body = paragraph * (megabytes * 1048576 // len(paragraph))
    return docx(b"<w:document " + WORD_NS + b"><w:body>" + body + b"</w:body></w:document>")


def odt_spaces(count: str) -> bytes:
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
               'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               f'<office:body><office:text><text:p>a<text:s text:c="{count}"/>b</text:p>'
               "</office:text></office:body></office:document-content>").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def quoted_tsv(pairs: int = 50) -> bytes:
    """Plain TSV as CAT tools write it: some cells begin (or end) with a quotation mark."""
    lines = []
    for n in range(pairs):
        source = f'"Quoted {n}," she said.' if n % 5 == 0 else f"Line {n}."
        target = f'"Цитата {n}", сказала она.' if n % 5 == 0 else f"Строка {n}."
        lines.append(f"{source}\t{target}")
    return ("\n".join(lines) + "\n").encode()


def wide_csv(columns: int = 10_000) -> bytes:
    header = ",".join(f"c{n}" for n in range(columns))
    return (header + "\n" + ",".join("x" for _ in range(columns)) + "\n").encode()


def jsonl_rows(rows: int, labels: tuple[str, ...] = ("en", "ru")) -> bytes:
    return "".join(json.dumps({"row": n, "segments": {label: [n] for label in labels},
                               "text": {label: f"{label} sentence {n}." for label in labels}},
                              ensure_ascii=False) + "\n" for n in range(rows)).encode()


def tmx(languages: list[str], units: int = 2) -> bytes:
    tus = "".join("<tu>" + "".join(f'<tuv xml:lang="{lang}"><seg>{lang} {n}</seg></tuv>'
                                   for lang in languages) + "</tu>" for n in range(units))
    return (f'<?xml version="1.0"?><tmx version="1.4"><header srclang="{languages[0]}"/>'
            f"<body>{tus}</body></tmx>").encode()


CASES: dict[str, Callable[[], tuple[bytes, str, str]]] = {
    "epub bomb (5 x 1 MiB of <p>a.</p>)": lambda: (epub_bomb(), "bomb.epub", "document"),
    "epub of 300,000 paragraphs": lambda: (epub_many_elements(300_000), "many.epub", "document"),
    "html nested 300 deep": lambda: (deep_html(300), "deep.html", "document"),
    "docx nested 300 deep": lambda: (deep_docx(300), "deep.docx", "document"),
    "docx bomb (20 MiB document.xml)": lambda: (docx_bomb(), "bomb.docx", "document"),
    "odt with text:c=10^9": lambda: (odt_spaces("1000000000"), "spaces.odt", "document"),
    "text with NUL bytes after 64 KiB": lambda: (b"hello.\n" * 20000 + b"\x00" * 100000,
                                                 "nul.txt", "document"),
    "19 MB plain text": lambda: (b"The river rose in spring again.\n" * 600_000, "big.txt",
                                 "document"),
    "csv of 10,000 columns": lambda: (wide_csv(), "wide.csv", "aligned"),
    "tsv with quotes (50 pairs)": lambda: (quoted_tsv(), "quotes.tsv", "aligned"),
    "jsonl of 200,000 rows": lambda: (jsonl_rows(200_000), "big.jsonl", "aligned"),
}


def run_case(data: bytes, name: str, kind: str) -> str:
    from workbench.ingest import BadInputError, read_aligned, read_document

    try:
        if kind == "aligned":
            return f"read, {len(read_aligned(data, name).rows):,} rows"
        return f"read, {len(read_document(data, name).text):,} characters"
    except BadInputError as exc:
        return f"refused: {str(exc)[:90]}"


def _post(opener: Any, base: str, path: str, token: str, fields: dict[str, str],
          files: dict[str, tuple[str, bytes]]) -> tuple[int, float]:
    """POST a multipart form; (status, seconds)."""
    import urllib.error
    import urllib.request

    boundary = "----bench-hostile"
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in {"csrf_token": token, **fields}.items())
    body += b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{n}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode() + d + b"\r\n"
        for k, (n, d) in files.items()) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{base}{path}", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": base,
        "Referer": f"{base}/comparisons/new"})
    start = time.perf_counter()
    try:
        with opener.open(request, timeout=600) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - start


def _record(answers: list[tuple[int, float]], opener: Any, base: str, token: str,
            upload: tuple[str, dict[str, str], dict[str, tuple[str, bytes]]]) -> None:
    answers.append(_post(opener, base, upload[0], token, upload[1], upload[2]))


def served(only: str = "") -> None:
    """Uploads in parallel against ``workbench serve``; /projects latency meanwhile."""
    import tempfile
    from pathlib import Path

    from tests.web.serving import running_server, seed_instance

    with tempfile.TemporaryDirectory() as folder:
        seed_instance(Path(folder) / "instance")
        with running_server(Path(folder) / "instance", "--no-demo", "--threads", "12",
                            timeout=120) as base:
            _scenarios(base, only)


def _scenarios(base: str, only: str) -> None:
    """Each scenario's uploads at once, reading ``/projects`` meanwhile (and a minute on)."""
    import http.cookiejar
    import re
    import threading
    import urllib.request

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{base}/comparisons/new", timeout=30).read().decode()
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    token = found.group(1) if found else ""
    scenarios: dict[str, list[tuple[str, dict[str, str], dict[str, tuple[str, bytes]]]]] = {
        "8 epub bombs at once": [
            ("/comparisons/preview", {"text_2": "Hello there."},
             {"file_1": ("bomb.epub", epub_bomb())})] * 8,
        "3 element floods at once": [
            ("/comparisons/preview", {"text_2": "Hello there."},
             {"file_1": ("many.epub", epub_many_elements(300_000))})] * 3,
        "19 MB text preview (segmented by a job)": [
            ("/comparisons/preview", {"text_2": "Hello there.", "lang_1": "en"},
             {"file_1": ("big.txt", b"The river rose in spring again.\n" * 590_000)})],
        "100,000-row JSONL import (read by a job)": [
            ("/comparisons/import", {}, {"file": ("big.jsonl", jsonl_rows(100_000))})],
    }
    for label, uploads in scenarios.items():
        if only and only not in label:
            continue
        answers: list[tuple[int, float]] = []
        threads = [threading.Thread(target=_record, args=(answers, opener, base, token, u))
                   for u in uploads]
        latencies: list[float] = []
        for thread in threads:
            thread.start()
        deadline = time.perf_counter() + 60  # and the jobs the uploads queued, a while
        while any(t.is_alive() for t in threads) or time.perf_counter() < deadline:
            start = time.perf_counter()
            with urllib.request.urlopen(f"{base}/projects", timeout=120) as response:
                response.read()
            latencies.append(time.perf_counter() - start)
            time.sleep(0.2)
        for thread in threads:
            thread.join()
        latencies.sort()
        statuses = sorted(status for status, _ in answers)
        print(f"{label}: upload answers {statuses}, slowest upload request "
              f"{max(s for _, s in answers):.2f} s; /projects meanwhile n={len(latencies)} "
              f"p50 {latencies[len(latencies) // 2]:.3f} s, max {latencies[-1]:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--served", action="store_true", help="against a real server")
    parser.add_argument("--only", default="", help="served scenarios whose name holds this")
    args = parser.parse_args()
    if args.served:
        served(args.only)
        return
    results = []
    for label, build in CASES.items():
        data, name, kind = build()
        best, outcome = float("inf"), ""
        for _ in range(args.repeat):
            start = time.perf_counter()
            outcome = run_case(data, name, kind)
            best = min(best, time.perf_counter() - start)
        results.append((best, label, len(data), outcome))
    results.sort(reverse=True)
    print(f"{'seconds':>8} {'bytes':>11}  case -> outcome")
    for seconds, label, size, outcome in results:
        print(f"{seconds:8.3f} {size:11,}  {label} -> {outcome}")
    print(f"slowest: {results[0][1]} ({results[0][0]:.3f} s, best of {args.repeat}); reading "
          "only: the web path segments large drafts and reads large imports in the job queue")


if __name__ == "__main__":
    main()
