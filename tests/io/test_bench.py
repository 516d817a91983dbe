"""The export benchmark runs (on a small record) and reports its figures per format; no clock
is asserted here (the benchmark prints them)."""

from __future__ import annotations

import pytest

from bench.export_speed import build_record, run_one


def test_benchmark_record_is_realistic() -> None:
    record = build_record(30)
    assert len(record.rows) == 30 and record.labels == ["zh", "ru", "en"]
    assert any(row.flags for row in record.rows)


@pytest.mark.parametrize("fmt", ["tmx", "xlsx"])
def test_benchmark_measures_one_format(fmt: str) -> None:
    # how fast is for ``python -m bench.export_speed`` to print; here: that it measures the
    # export of every row it built (the output grows with the rows)
    small, large = run_one(fmt, 20), run_one(fmt, 200)
    assert small["format"] == large["format"] == fmt
    assert {"seconds", "extra_mb", "output_mb"} <= set(large)
    assert int(large["output_bytes"]) > 2 * int(small["output_bytes"]) > 0
