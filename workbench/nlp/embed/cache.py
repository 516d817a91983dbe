"""A disk cache of sentence embeddings, so the same text is never embedded twice.

SQLite in WAL mode, keyed by (model_id, sha256 of the text), vectors stored as
float32 blobs; contextual word vectors (for word-level drift) in a second
table, int8-coded (:mod:`workbench.nlp.embed.word_store`). Each thread gets its
own connection; other processes share the file through SQLite's locking (a
busy timeout makes writers wait their turn).
When the file is corrupt or cannot be written, the cache switches itself off
with one warning and the encoder keeps working without it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.config import cache_dir
from workbench.nlp.embed.encoder import check_texts, inner_token_vectors
from workbench.nlp.embed.word_store import WORDS_SCHEMA, lookup_words, store_words
from workbench.nlp.embed.words import Words, words_from_tokens
from workbench.nlp.types import Encoder, FloatArray, TokenVectors

logger = logging.getLogger(__name__)

CACHE_FILENAME = "embeddings.sqlite3"
BUSY_TIMEOUT_MS = 30_000
SCHEMA = """
CREATE TABLE IF NOT EXISTS embedding (
    model_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model_id, text_sha256)
) WITHOUT ROWID
"""


def default_cache_path() -> Path:
    """``cache_dir()/embeddings.sqlite3``."""
    return cache_dir() / CACHE_FILENAME


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class CacheStats:
    """Counts of texts: ``hits`` served from disk, ``misses`` not on disk, ``encoded`` embedded."""

    hits: int = 0
    misses: int = 0
    encoded: int = 0


class CachedEncoder:
    """Wraps an encoder with the disk cache; same ``model_id``, same vectors, fewer model calls."""

    def __init__(self, inner: Encoder, path: Path | str | None = None) -> None:
        self.inner = inner
        self.path = Path(path) if path is not None else default_cache_path()
        self.stats = CacheStats()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._disabled_reason: str | None = None

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def enabled(self) -> bool:
        return self._disabled_reason is None

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """Vectors for ``texts`` in order (duplicates too); only texts not on disk are embedded."""
        items = check_texts(texts)
        if not items:
            return self.inner.encode([])
        model_id = self.inner.model_id
        keys = [text_key(t) for t in items]
        unique = dict.fromkeys(keys)
        found = self._lookup(model_id, list(unique))
        missing = {k: t for k, t in zip(keys, items, strict=True) if k not in found}
        if missing:
            vectors = np.asarray(self.inner.encode(list(missing.values())), dtype=np.float32)
            fresh = dict(zip(missing, vectors, strict=True))
            self._store(model_id, fresh)
            found.update(fresh)
        with self._lock:
            misses = sum(1 for k in keys if k in missing)
            self.stats.misses += misses
            self.stats.hits += len(keys) - misses
            self.stats.encoded += len(missing)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Token vectors straight from the inner encoder (not cached)."""
        return inner_token_vectors(self.inner, self.model_id, texts)

    def encode_words(self, texts: Sequence[str]) -> list[Words]:
        """Word vectors of ``texts`` (see :mod:`.words`); only texts not on disk go to the model."""
        items = check_texts(texts)
        keys = [text_key(t) for t in items]
        conn = self._connection()
        found: dict[str, Words] = {}
        if conn is not None and keys:
            try:
                found = lookup_words(conn, self.model_id, list(dict.fromkeys(keys)))
            except sqlite3.Error as exc:
                self._disable(f"cannot read {self.path}: {exc}")
        missing = {k: t for k, t in zip(keys, items, strict=True) if k not in found}
        if missing:
            fresh = dict(zip(missing, words_from_tokens(self.encode_tokens,
                                                        list(missing.values())), strict=True))
            conn = self._connection()
            if conn is not None:
                try:
                    store_words(conn, self.model_id, fresh)
                except sqlite3.Error as exc:
                    self._disable(f"cannot write {self.path}: {exc}")
            found.update(fresh)
        return [found[k] for k in keys]

    def count(self, model_id: str | None = None) -> int:
        """How many vectors are stored (for one model, or all)."""
        sql, args = "SELECT COUNT(*) FROM embedding", tuple[str, ...]()
        if model_id is not None:
            sql, args = sql + " WHERE model_id = ?", (model_id,)
        conn = self._connection()
        if conn is None:
            return 0
        try:
            return int(conn.execute(sql, args).fetchone()[0])
        except sqlite3.Error as exc:
            self._disable(f"cannot read {self.path}: {exc}")
            return 0

    def size_bytes(self) -> int:
        """Bytes on disk, write-ahead log included."""
        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists())

    def close(self) -> None:
        """Close every connection this object opened (from any thread)."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    # -- storage ---------------------------------------------------------

    def _disable(self, reason: str) -> None:
        with self._lock:
            if self._disabled_reason is None:
                self._disabled_reason = reason
                logger.warning("embedding cache disabled, embedding without it: %s", reason)

    def _connection(self) -> sqlite3.Connection | None:
        if self._disabled_reason is not None:
            return None
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            # One thread at a time: switching a new file to WAL while another connection
            # does the same can fail with "database is locked" (busy_timeout does not cover it).
            with self._lock:
                conn = self._open()
                self._connections.append(conn)
        except (sqlite3.Error, OSError) as exc:
            self._disable(f"cannot open {self.path}: {exc}")
            return None
        self._local.conn = conn
        return conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            for attempt in range(50):  # another process may hold the lock for a moment
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                    break
                except sqlite3.OperationalError:
                    if attempt == 49:
                        raise
                    time.sleep(0.1)
            conn.execute("PRAGMA synchronous = NORMAL")
            with conn:
                conn.execute(SCHEMA)
                conn.execute(WORDS_SCHEMA)
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _lookup(self, model_id: str, keys: list[str]) -> dict[str, FloatArray]:
        """Stored vectors for ``keys``, in one query."""
        conn = self._connection()
        if conn is None:
            return {}
        try:
            rows = conn.execute(
                "SELECT text_sha256, vector FROM embedding WHERE model_id = ? "
                "AND text_sha256 IN (SELECT value FROM json_each(?))",
                (model_id, json.dumps(keys)),
            ).fetchall()
        except sqlite3.Error as exc:
            self._disable(f"cannot read {self.path}: {exc}")
            return {}
        found: dict[str, FloatArray] = {}
        for key, blob in rows:
            if isinstance(blob, bytes) and len(blob) % 4 == 0 and blob:
                found[key] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        dims = {v.shape[0] for v in found.values()}
        return found if len(dims) <= 1 else {}  # mixed sizes: a damaged store, re-embed

    def _store(self, model_id: str, vectors: dict[str, FloatArray]) -> None:
        conn = self._connection()
        if conn is None:
            return
        rows = [(model_id, k, v.astype("<f4").tobytes()) for k, v in vectors.items()]
        try:
            with conn:
                conn.executemany(
                    "INSERT OR IGNORE INTO embedding (model_id, text_sha256, vector) "
                    "VALUES (?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            self._disable(f"cannot write {self.path}: {exc}")
