"""The SQLite embedding cache: hits, misses, order, duplicates, degradation (no model needed)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np
import pytest

from workbench.nlp.embed import CachedEncoder, InvalidTextError
from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.types import TokenVectors


def test_misses_then_hits_in_order_with_duplicates(tmp_path: Path) -> None:
    inner = FakeEncoder()
    cached = CachedEncoder(inner, tmp_path / "c.sqlite3")
    texts = ["один", "two", "三", "two", "один"]
    first = cached.encode(texts)
    assert inner.calls == 1 and inner.texts_encoded == 3  # duplicates embedded once
    assert cached.stats.misses == 5 and cached.stats.hits == 0 and cached.stats.encoded == 3
    np.testing.assert_allclose(first, inner.encode(texts), atol=1e-7)
    inner.calls = inner.texts_encoded = 0
    again = cached.encode(list(reversed(texts)))
    assert inner.calls == 0  # re-scoring the same text never re-embeds it
    np.testing.assert_array_equal(again, first[::-1])
    assert cached.stats.hits == 5
    cached.close()


def test_only_misses_are_encoded_in_one_batch(tmp_path: Path) -> None:
    inner = FakeEncoder()
    cached = CachedEncoder(inner, tmp_path / "c.sqlite3")
    cached.encode(["a", "b"])
    inner.calls = inner.texts_encoded = 0
    out = cached.encode(["b", "c", "a", "d", "c"])
    assert inner.calls == 1 and inner.texts_encoded == 2
    assert out.shape == (5, inner.dim) and out.dtype == np.float32
    np.testing.assert_array_equal(out[1], out[4])


def test_persists_across_instances_and_keys_by_model(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    CachedEncoder(FakeEncoder(), path).encode(["hello"])
    inner = FakeEncoder()
    CachedEncoder(inner, path).encode(["hello"])
    assert inner.calls == 0
    other = FakeEncoder(dim=64)  # a different model_id must not reuse the vectors
    vec = CachedEncoder(other, path).encode(["hello"])
    assert other.calls == 1 and vec.shape == (1, 64)
    assert CachedEncoder(inner, path).count() == 2


def test_empty_input_and_bad_input(tmp_path: Path) -> None:
    cached = CachedEncoder(FakeEncoder(), tmp_path / "c.sqlite3")
    assert cached.encode([]).shape == (0, 256)
    with pytest.raises(InvalidTextError, match="not a single string"):
        cached.encode("a string")
    with pytest.raises(InvalidTextError, match="text 1 is int"):
        cached.encode(["ok", 3])  # type: ignore[list-item]


def test_corrupt_cache_degrades_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    inner = FakeEncoder()
    cached = CachedEncoder(inner, path)
    with caplog.at_level(logging.WARNING):
        out = cached.encode(["x", "y", "x"])
    assert out.shape == (3, 256) and not cached.enabled
    assert "embedding cache disabled" in caplog.text
    assert inner.texts_encoded == 2


def test_unwritable_cache_dir_degrades(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cached = CachedEncoder(FakeEncoder(), blocker / "sub" / "c.sqlite3")
    assert cached.encode(["x"]).shape == (1, 256)
    assert not cached.enabled


def test_threads_share_the_cache(tmp_path: Path) -> None:
    inner = FakeEncoder()
    cached = CachedEncoder(inner, tmp_path / "c.sqlite3")
    texts = [f"sentence {i}" for i in range(40)]
    errors: list[BaseException] = []

    def work() -> None:
        try:
            cached.encode(texts)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert cached.count() == 40
    cached.close()


class _TokenFake(FakeEncoder):
    """A fake with token vectors (one per word), counting the texts it is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.token_texts: list[str] = []

    def encode_tokens(self, texts: list[str]) -> list[TokenVectors]:
        import re

        self.token_texts.extend(texts)
        out = []
        for text in texts:
            spans = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
            vectors = (self.encode([text[s:e] for s, e in spans]) if spans
                       else np.zeros((0, 8), dtype=np.float32))
            out.append(TokenVectors(spans, vectors))
        return out


def test_word_vectors_are_stored_and_read_back(tmp_path: Path) -> None:
    inner = _TokenFake()
    texts = ["Police fired tear gas.", "Полиция применила газ.", "Police fired tear gas."]
    first = CachedEncoder(inner, tmp_path / "c.sqlite3").encode_words(texts)
    assert first[0][0] == [(0, 6), (7, 12), (13, 17), (18, 21)]
    assert inner.token_texts == texts[:2]  # each distinct text once
    again = CachedEncoder(inner, tmp_path / "c.sqlite3").encode_words(texts)
    assert inner.token_texts == texts[:2]  # the second instance reads them from disk
    for (spans_a, vec_a), (spans_b, vec_b) in zip(first, again, strict=True):
        assert spans_a == spans_b
        np.testing.assert_allclose(vec_a, vec_b, rtol=1e-6)  # fresh and cached: the same vectors
        assert np.allclose(np.linalg.norm(vec_b, axis=1), 1.0, atol=1e-5)
