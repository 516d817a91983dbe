"""The local engine with the real model: the same bytes whatever the worker count, warm workers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.batch import BatchSettings, LocalEngine, load_corpus, run_batch
from workbench.batch.work import DONE


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every output's bytes, but a TMX header's creationdate (the time it was written)."""
    return {p.name: re.sub(rb'creationdate="[0-9TZ]+"', b"", p.read_bytes())
            for p in sorted(folder.iterdir())
            if p.suffix in (".jsonl", ".tmx") and p.name != "summary.jsonl"}


@pytest.mark.model
@pytest.mark.slow
def test_outputs_are_identical_with_one_or_two_workers_and_workers_stay_warm(
    corpus_dir: Path, tmp_home: Path
) -> None:
    (corpus_dir / "single.fr.txt").write_text("Une seule version. Elle est courte.",
                                              encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    settings = BatchSettings(chain=("de", "fr"), tmx=True)

    with LocalEngine(workers=1, threads=2) as engine:
        one = run_batch(corpus, settings, tmp_home / "one", engine).results
        again = run_batch(corpus, BatchSettings(chain=("de", "fr"), cache_dir=str(
            tmp_home / "other-cache")), tmp_home / "again", engine).results
    two = run_batch(corpus, settings, tmp_home / "two", LocalEngine(workers=2, threads=1)).results

    aligned = [r for r in one if r.status == DONE]
    assert sorted(r.name for r in aligned) == ["alps", "lake", "single"]
    assert [r.status for r in two] == [r.status for r in one]
    outputs = _outputs(tmp_home / "one")
    assert len(outputs) == 6 and outputs == _outputs(tmp_home / "two")
    assert {k: v for k, v in outputs.items() if k.endswith(".jsonl")} == _outputs(
        tmp_home / "again")
    # each worker ran torch on the threads it was given, not on every core
    assert {r.threads for r in aligned} == {2}
    assert {r.threads for r in two if r.status == DONE} == {1}
    # one process did every set of both runs: its model was loaded once, and kept
    assert len({r.worker for r in one + again if r.status == DONE}) == 1
    assert all(r.cpu_seconds > 0 for r in aligned)
    # the settings' cache folder is the one the workers filled
    assert (tmp_home / "other-cache" / "embeddings.sqlite3").is_file()
