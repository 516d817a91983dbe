"""The export benchmark runs (on a small record) and reports time and memory per format."""

from __future__ import annotations

import pytest

from bench.export_speed import build_record, run_one


def test_benchmark_record_is_realistic() -> None:
    record = build_record(30)
    assert len(record.rows) == 30 and record.labels == ["zh", "ru", "en"]
    assert any(row.flags for row in record.rows)


@pytest.mark.parametrize("fmt", ["tmx", "xlsx"])
def test_benchmark_measures_one_format(fmt: str) -> None:
    result = run_one(fmt, 200)
    assert result["format"] == fmt
    assert 0 <= float(result["seconds"]) < 5
    assert float(result["output_mb"]) >= 0
