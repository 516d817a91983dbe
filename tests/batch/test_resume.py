"""Which sets a rerun skips, and the summary table (no model: results are recorded by hand)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from workbench.batch.manifest import scan_directory
from workbench.batch.runner import plan, record_result
from workbench.batch.summary import BatchProgress, lowest_sets, summary_table
from workbench.batch.work import DONE, FAILED, UP_TO_DATE, BatchSettings, SetResult, state_path


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.de.txt").write_text(f"Satz {name}.", encoding="utf-8")
        (folder / f"{name}.fr.txt").write_text(f"Phrase {name}.", encoding="utf-8")
    return folder


def _aligned(name: str, digest: str, **figures: object) -> SetResult:
    return SetResult(name=name, status=DONE, digest=digest, rows=3, segments=6,
                     outputs={"jsonl": b"{}\n"}, **figures)  # type: ignore[arg-type]


def test_only_sets_recorded_as_aligned_under_the_same_digest_are_skipped(tmp_path: Path) -> None:
    corpus = scan_directory(_corpus(tmp_path))
    outdir = tmp_path / "out"
    outdir.mkdir()
    settings = BatchSettings(chain=("de", "fr"))
    jobs, known = plan(corpus, settings, outdir)
    assert [j.document_set.name for j in jobs] == ["a", "b"] and not known
    first, second = jobs
    record_result(outdir, first.document_set, settings, _aligned("a", first.digest))
    record_result(outdir, second.document_set, settings,
                  SetResult(name="b", status=FAILED, digest=second.digest, reason="boom"))
    jobs, known = plan(corpus, settings, outdir)
    assert [j.document_set.name for j in jobs] == ["b"]  # the failed set is redone
    assert [(r.name, r.status, r.rows) for r in known] == [("a", UP_TO_DATE, 3)]

    # a TMX asked for now but not written then: the set is redone
    jobs, _ = plan(corpus, BatchSettings(chain=("de", "fr"), tmx=True), outdir)
    assert [j.document_set.name for j in jobs] == ["a", "b"]
    # a missing output, or a state file that cannot be read: redone
    (outdir / "a.jsonl").unlink()
    assert len(plan(corpus, settings, outdir)[0]) == 2
    record_result(outdir, first.document_set, settings, _aligned("a", first.digest))
    state_path(outdir, first.document_set).write_text("{not json", encoding="utf-8")
    assert len(plan(corpus, settings, outdir)[0]) == 2


def test_unreadable_files_fail_the_set_before_any_work(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    corpus = scan_directory(folder)
    (folder / "b.fr.txt").unlink()
    jobs, known = plan(corpus, BatchSettings(), tmp_path)
    assert [j.document_set.name for j in jobs] == ["a"]
    assert known[0].name == "b" and known[0].status == FAILED
    assert "b.fr.txt" in known[0].reason


def test_summary_table_counts_signals_per_type_and_hop_and_lists_weak_sets() -> None:
    results = [
        SetResult("good", DONE, rows=10, segments=20, flagged_rows=1, mean_score=0.9,
                  lowest_score=0.5, signals={"omission@zh|ru": 1}),
        SetResult("weak", UP_TO_DATE, rows=5, segments=10, flagged_rows=3, mean_score=0.4,
                  lowest_score=0.1, signals={"omission@zh|ru": 2, "number@ru|en": 1}),
        SetResult("bad", FAILED, reason="x.txt is empty"),
    ]
    table = summary_table(results, lowest=5, seconds=2.0)
    assert "sets: 3 (1 aligned, 1 up to date, 1 failed)" in table
    assert "rows: 15 (4 with signals), segments: 30" in table
    assert "10.0 segments/s" in table  # only the sets aligned in this run count for speed
    assert re.search(r"^omission +zh\|ru +3$", table, re.MULTILINE)
    assert re.search(r"^number +ru\|en +1$", table, re.MULTILINE)
    assert "bad: x.txt is empty" in table
    assert [r.name for r in lowest_sets(results, 5)] == ["weak", "good"]
    assert table.index("  weak") < table.index("  good")


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise() -> None:
    result = SetResult("ch01", DONE, rows=4, segments=8, signals={"omission@zh|en": 2},
                       seconds=1.5)
    bar_stream, line_stream = io.StringIO(), io.StringIO()
    bar = BatchProgress(stream=bar_stream, bar=True)
    bar.start(total=2, to_run=2)
    bar.advance(result)
    bar.close()
    assert "1/2" in bar_stream.getvalue() and "seg/s" in bar_stream.getvalue()
    lines = BatchProgress(stream=line_stream, bar=False)
    lines.start(total=2, to_run=1)
    lines.advance(result)
    lines.advance(SetResult("ch02", FAILED, reason="ch02.en.txt is empty"))
    first, second = line_stream.getvalue().splitlines()[1:]
    assert re.fullmatch(r"\[1/2\] ch01: aligned \(4 rows, 2 signals, 1\.5 s\); "
                        r"\d+\.\d segments/s", first)
    assert re.fullmatch(r"\[2/2\] ch02: failed \(ch02\.en\.txt is empty\); "
                        r"\d+\.\d segments/s", second)
