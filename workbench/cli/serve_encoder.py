"""One model for the whole server: the jobs process encodes for the web workers.

A correction in the review (merge, split, move, an inline re-alignment) rescores rows
and needs sentence vectors. Loading the model in every web worker would cost each one
the model's memory (about 0.7 GB here) and its load time on its first correction. Instead
the jobs process, which has the model for the jobs anyway, answers encode requests on
a Unix socket in the server's private folder (``multiprocessing.connection``, with a
random key the supervisor hands its children through the environment), and each web
worker's rescoring encoder is a :class:`RemoteEncoder`. Vectors are the model's own (the
jobs process answers from the rescoring memo over the default encoder and its disk cache,
``review.encoders``), so results are the same, and one memo serves every worker.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from multiprocessing.connection import Client, Connection, Listener
from typing import Any

KEY_VARIABLE = "WORKBENCH_SERVE_KEY"
"""Environment variable with the socket's key (hex), set by ``workbench serve``."""


def _authkey() -> bytes:
    return bytes.fromhex(os.environ[KEY_VARIABLE])


class EncoderService:
    """In the jobs process: answer ``encode``, ``tokens`` and ``model_id`` requests."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._listener = Listener(address, family="AF_UNIX", authkey=_authkey())
        self._closed = False

    def start(self) -> None:
        threading.Thread(target=self._accept, name="workbench-encoder", daemon=True).start()

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                connection = self._listener.accept()
            except (OSError, EOFError):  # closed at shutdown, or a client with the wrong key
                if self._closed:
                    return
                continue
            threading.Thread(target=self._serve, args=(connection,), daemon=True,
                             name="workbench-encoder-client").start()

    @staticmethod
    def _serve(connection: Connection) -> None:
        from workbench.review.encoders import rescoring_encoder

        with connection:
            while True:
                try:
                    method, texts = connection.recv()
                except (EOFError, OSError):
                    return
                try:
                    encoder = rescoring_encoder(None)  # the default model, memoised here
                    if method == "encode":
                        answer: Any = encoder.encode(texts)
                    elif method == "tokens":
                        answer = encoder.encode_tokens(texts)
                    else:
                        answer = encoder.model_id
                    connection.send(("ok", answer))
                except Exception as exc:  # the worker raises it with its message
                    connection.send(("error", f"{type(exc).__name__}: {exc}"))


class RemoteEncoder:
    """In a web worker: the :class:`~workbench.nlp.types.Encoder` (and token encoder) of
    the jobs process. One connection per thread, opened on first use."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._local = threading.local()
        self._model_id: str | None = None

    def _call(self, method: str, texts: Sequence[str] = ()) -> Any:
        from workbench.nlp.embed.errors import EmbeddingError

        for attempt in (1, 2):  # a connection left broken (jobs process restarted): once more
            connection = getattr(self._local, "connection", None)
            try:
                if connection is None:
                    connection = Client(self.address, family="AF_UNIX", authkey=_authkey())
                    self._local.connection = connection
                connection.send((method, list(texts)))
                status, answer = connection.recv()
                break
            except (OSError, EOFError) as exc:
                self._local.connection = None
                if attempt == 2:
                    raise EmbeddingError(f"the model (in the jobs process) cannot be reached: "
                                         f"{exc}") from None
        if status != "ok":
            raise EmbeddingError(str(answer))
        return answer

    @property
    def model_id(self) -> str:
        if self._model_id is None:
            self._model_id = str(self._call("model_id"))
        return self._model_id

    def encode(self, texts: Sequence[str]) -> Any:
        return self._call("encode", texts)

    def encode_tokens(self, texts: Sequence[str]) -> Any:
        return self._call("tokens", texts)


__all__ = ["KEY_VARIABLE", "EncoderService", "RemoteEncoder"]
