"""The word-vector table of the embedding cache (see :mod:`workbench.nlp.embed.cache`).

One row per (model, text): the word spans as int32 pairs, one float32 scale
per word and the int8 codes of :func:`workbench.nlp.embed.words.quantise`.
"""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from workbench.nlp.embed.words import Words, dequantise, quantise

WORDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS word_vectors (
    model_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    spans BLOB NOT NULL,
    scales BLOB NOT NULL,
    codes BLOB NOT NULL,
    PRIMARY KEY (model_id, text_sha256)
) WITHOUT ROWID
"""


def _decode(spans: bytes, scales: bytes, codes: bytes) -> Words | None:
    pairs = np.frombuffer(spans, dtype="<i4")
    scale = np.frombuffer(scales, dtype="<f4")
    code = np.frombuffer(codes, dtype=np.int8)
    n = len(scale)
    if len(pairs) != 2 * n or (n and len(code) % n):
        return None  # a damaged row: embed again
    if n == 0:
        return [], np.zeros((0, 1), dtype=np.float32)
    words = [(int(a), int(b)) for a, b in pairs.reshape(n, 2)]
    return words, dequantise(code.reshape(n, -1), scale)


def lookup_words(conn: sqlite3.Connection, model_id: str, keys: list[str]) -> dict[str, Words]:
    """Stored word vectors for ``keys``, in one query (raises ``sqlite3.Error``)."""
    rows = conn.execute(
        "SELECT text_sha256, spans, scales, codes FROM word_vectors WHERE model_id = ? "
        "AND text_sha256 IN (SELECT value FROM json_each(?))",
        (model_id, json.dumps(keys)),
    ).fetchall()
    found: dict[str, Words] = {}
    for key, spans, scales, codes in rows:
        words = _decode(spans, scales, codes)
        if words is not None:
            found[key] = words
    return found


def store_words(conn: sqlite3.Connection, model_id: str, fresh: dict[str, Words]) -> None:
    """Store word vectors (raises ``sqlite3.Error``)."""
    rows = []
    for key, (spans, vectors) in fresh.items():
        codes, scale = quantise(vectors) if spans else (np.zeros(0, np.int8), np.zeros(0))
        rows.append((model_id, key, np.asarray(spans, dtype="<i4").tobytes(),
                     np.asarray(scale, dtype="<f4").tobytes(), codes.tobytes()))
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO word_vectors (model_id, text_sha256, spans, scales, codes) "
            "VALUES (?, ?, ?, ?, ?)", rows)
