"""The Dask engine against a LocalCluster of two worker processes, with the real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.helpers import align_rows, batch_rows, summary_lines
from workbench.batch import BatchSettings, load_corpus, run_batch

distributed = pytest.importorskip("distributed")


@pytest.fixture()
def client(tmp_home: Path) -> Iterator[object]:
    """Two worker processes, one task thread each (they inherit the temporary cache)."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


@pytest.mark.model
@pytest.mark.slow
def test_dask_engine_aligns_like_align_and_loads_the_model_on_each_worker(
    corpus_dir: Path, tmp_home: Path, client: object
) -> None:
    from workbench.batch.dask_engine import DaskEngine, model_loaded

    (corpus_dir / "empty.de.txt").write_text("Jetzt nicht mehr leer. Es gibt Text.",
                                             encoding="utf-8")
    (corpus_dir / "empty.fr.txt").write_text("Plus vide maintenant. Il y a du texte.",
                                             encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    outdir = tmp_home / "out"
    engine = DaskEngine(client=client, threads=1)  # type: ignore[arg-type]
    report = run_batch(corpus, BatchSettings(chain=("de", "fr")), outdir, engine)

    statuses = {r.name: r.status for r in report.results}
    assert statuses == {"alps": "aligned", "empty": "aligned", "lake": "aligned",
                        "single": "failed"}
    assert "give two or more files" in summary_lines(outdir)["single"]["reason"]  # type: ignore[operator]
    for name in ("alps", "lake"):
        expected = align_rows([corpus_dir / f"{name}.de.txt", corpus_dir / f"{name}.fr.txt"],
                              "de,fr")
        assert batch_rows(outdir / f"{name}.jsonl") == expected
    # the WorkerPlugin loaded the model once in each worker process
    loaded = client.run(model_loaded)  # type: ignore[attr-defined]
    assert len(loaded) == 2 and all(loaded.values())
    # ... and kept torch to the thread it was given (the loader alone would take every core)
    threads = client.run(lambda: __import__("torch").get_num_threads())  # type: ignore[attr-defined]
    assert list(threads.values()) == [1, 1]
    # a rerun through the same engine has nothing to send to the cluster but the bad set
    again = run_batch(corpus, BatchSettings(chain=("de", "fr")), outdir, engine)
    assert sorted(r.status for r in again.results) == ["failed", "up to date", "up to date",
                                                        "up to date"]
