"""import(export(x)) == x for TMX, XLIFF, CSV, TSV and JSONL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.io.records import demo_record, records
from workbench.comparison import ComparisonRecord
from workbench.export import ExportOptions, export
from workbench.ingest import read_aligned

LOSSLESS = ["tmx", "csv", "tsv", "jsonl"]
EXTENSION = {"tmx": "tmx", "csv": "csv", "tsv": "tsv", "jsonl": "jsonl", "xliff": "xlf"}
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def round_trip(record: ComparisonRecord, fmt: str) -> ComparisonRecord:
    return read_aligned(export(record, fmt, ExportOptions()), f"back.{EXTENSION[fmt]}")


def rounded(record: ComparisonRecord) -> ComparisonRecord:
    """What JSONL keeps: similarities and scores rounded to 4 places (RowRecord.to_json)."""
    for row in record.rows:
        row.similarity = {k: round(v, 4) for k, v in row.similarity.items()}
        row.score = {k: round(v, 4) for k, v in row.score.items()}
    return record


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_demo_corpus_round_trip(fmt: str) -> None:
    record = demo_record()
    expected = rounded(demo_record()) if fmt == "jsonl" else demo_record()
    assert round_trip(record, fmt) == expected


def test_demo_corpus_round_trip_xliff_per_pair() -> None:
    record = demo_record()
    back = read_aligned(export(record, "xliff", ExportOptions(pair=("ru", "en"))), "p.xlf")
    assert back.labels == ["ru", "en"]
    assert back.chain == ["ru", "en"]
    assert [row.text for row in back.rows] == [
        {"ru": row.text["ru"], "en": row.text["en"]} for row in record.rows]
    assert all(set(row.score) == {"ru|en"} for row in back.rows)
    assert all(flag.hop == "ru|en" for row in back.rows for flag in row.flags)
    assert round_trip(back, "xliff") == back


@pytest.mark.parametrize("fmt", ["tmx", "csv", "tsv"])
@SETTINGS
@given(record=records())
def test_awkward_round_trip(fmt: str, record: ComparisonRecord) -> None:
    assert round_trip(record, fmt) == record


@SETTINGS
@given(record=records(round_scores=True))
def test_awkward_round_trip_jsonl(record: ComparisonRecord) -> None:
    assert round_trip(record, "jsonl") == record


@SETTINGS
@given(record=records(versions=2))
def test_awkward_round_trip_xliff(record: ComparisonRecord) -> None:
    assert round_trip(record, "xliff") == record


@pytest.fixture(scope="module")
def pipeline_record() -> ComparisonRecord:
    """The demo aligned and checked by the real pipeline (fake encoder: plumbing only)."""
    from workbench.nlp.embed.fake import FakeEncoder
    from workbench.pipeline import compare, load_demo

    title, inputs, chain = load_demo()
    return compare(inputs, FakeEncoder(), chain=chain, title=title).record


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [*LOSSLESS, "xliff"])
def test_pipeline_output_round_trip(pipeline_record: ComparisonRecord, fmt: str) -> None:
    if fmt == "xliff":
        pair = read_aligned(export(pipeline_record, "xliff", ExportOptions(pair=("zh", "ru"))),
                            "pair.xlf")
        assert len(pair.rows) == len(pipeline_record.rows)
        assert round_trip(pair, "xliff") == pair
        return
    back = round_trip(pipeline_record, fmt)
    expected = pipeline_record
    if fmt == "jsonl":
        expected = rounded(read_aligned(export(pipeline_record, "tmx"), "copy.tmx"))
    assert back == expected
    assert any(row.flags for row in back.rows)
