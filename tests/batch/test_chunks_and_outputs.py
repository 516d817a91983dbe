"""How jobs are cut into chunks, and what a rerun leaves in the output folder (no model)."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.batch.chunks import chunk_jobs, input_bytes
from workbench.batch.manifest import DocumentSet
from workbench.batch.runner import plan, read_state, record_result
from workbench.batch.work import DONE, FAILED, BatchSettings, SetJob, SetResult, output_paths
from workbench.batch.worker import threads_per_worker


def _job(folder: Path, name: str, size: int) -> SetJob:
    files = []
    for lang in ("de", "fr"):
        path = folder / f"{name}.{lang}.txt"
        path.write_text("x" * (size // 2), encoding="utf-8")
        files.append(path)
    return SetJob(DocumentSet(name, files), BatchSettings(), digest=name)


def test_small_sets_travel_together_large_ones_alone_largest_first(tmp_path: Path) -> None:
    sizes = {"huge": 20_000, "big": 6_000, "mid": 3_000, **{f"s{i}": 400 for i in range(12)}}
    jobs = [_job(tmp_path, name, size) for name, size in sizes.items()]
    chunks = chunk_jobs(jobs, workers=2, max_bytes=2_000)
    names = [[job.document_set.name for job in chunk] for chunk in chunks]
    assert sorted(n for chunk in names for n in chunk) == sorted(sizes)  # each job exactly once
    assert names[:3] == [["huge"], ["big"], ["mid"]]  # larger than a chunk: alone, largest first
    small = names[3:]
    assert all(len(chunk) == 5 for chunk in small[:-1]) and len(small[-1]) == 2
    assert all(sum(input_bytes(j) for j in chunk) <= 2_000 for chunk in chunks[3:])
    # a small batch: at least 8 chunks per worker, so no worker is left with a long tail
    few = chunk_jobs([_job(tmp_path, f"t{i}", 400) for i in range(16)], workers=2)
    assert len(few) == 16
    # one worker: the same rule, fewer but bigger chunks
    assert len(chunk_jobs([_job(tmp_path, f"t{i}", 400) for i in range(16)], workers=1)) == 8
    assert chunk_jobs([], workers=2) == []


def test_threads_are_the_cores_divided_by_the_workers() -> None:
    assert [threads_per_worker(w, cores=8) for w in (1, 2, 3, 8, 16)] == [8, 4, 2, 1, 1]
    assert threads_per_worker(2, cores=2) == 1 and threads_per_worker(1, cores=2) == 2


def test_a_set_that_fails_on_a_rerun_leaves_no_old_output_behind(tmp_path: Path) -> None:
    folder, outdir = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    outdir.mkdir()
    job = _job(folder, "ch1", 10)
    settings = BatchSettings(tmx=True)
    record_result(outdir, job.document_set, settings, SetResult(
        "ch1", DONE, digest="old", rows=2, outputs={"jsonl": b"{}\n", "tmx": b"<tmx/>"}))
    paths = output_paths(outdir, job.document_set, settings)
    assert all(path.is_file() for path in paths.values())

    record_result(outdir, job.document_set, settings,
                  SetResult("ch1", FAILED, digest="new", reason="ch1.fr.txt is empty"))
    assert not any(path.exists() for path in paths.values())
    state = read_state(outdir, job.document_set)
    assert state is not None and state["status"] == FAILED and state["digest"] == "new"
    assert state["reason"] == "ch1.fr.txt is empty"
    assert [j.document_set.name for j in plan_jobs(outdir, job)] == ["ch1"]  # redone next time
    assert sorted(p.name for p in outdir.iterdir() if not p.name.startswith(".")) == \
        ["ch1.state.json"]


def test_a_rerun_without_tmx_removes_the_old_tmx(tmp_path: Path) -> None:
    job = _job(tmp_path, "ch2", 10)
    record_result(tmp_path, job.document_set, BatchSettings(tmx=True), SetResult(
        "ch2", DONE, digest="a", outputs={"jsonl": b"{}\n", "tmx": b"<tmx/>"}))
    record_result(tmp_path, job.document_set, BatchSettings(), SetResult(
        "ch2", DONE, digest="b", outputs={"jsonl": b'{"comparison": {}}\n'}))
    assert (tmp_path / "ch2.jsonl").read_bytes() == b'{"comparison": {}}\n'
    assert not (tmp_path / "ch2.tmx").exists()
    assert json.loads((tmp_path / "ch2.state.json").read_text(encoding="utf-8"))["digest"] == "b"


def plan_jobs(outdir: Path, job: SetJob) -> list[SetJob]:
    from workbench.batch.manifest import Corpus

    return plan(Corpus([job.document_set]), job.settings, outdir)[0]
