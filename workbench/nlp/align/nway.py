"""N-way alignment: one grid of rows for two or more versions.

Method: align each version with the next one (the mapping's order is the chain
order, and neighbours in a translation chain are the closest texts), then merge
the pairwise beads by transitive closure: segments linked by any bead share a
row. Because every pairwise alignment is monotone, each group of linked
segments is a run of consecutive segments in every version, and the groups
can be ordered so that every version reads in order. A 1-2 merge in one hop and
an omission in the next therefore come out as one row holding the merge, and
one row that is empty for the version that left the sentence out.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence

from workbench.nlp.align.api import check_segments, make_banks
from workbench.nlp.align.config import AlignConfig
from workbench.nlp.align.errors import AlignError
from workbench.nlp.align.pair import PairJob
from workbench.nlp.align.spans import fill_banks
from workbench.nlp.types import Bead, Encoder, Row

Node = tuple[int, int]  # (version number, segment index)


class _Groups:
    """Union-find over segments of all versions, with each group's span per version.

    Segments of reviewer anchors are ``fixed``: a union that would pull an anchor
    row into another group, or make a group span an anchored segment, is refused
    (the bead's segments then stay in separate rows), so anchors come back exactly.
    """

    def __init__(self, sizes: Sequence[int]) -> None:
        self.parent: dict[Node, Node] = {
            (v, i): (v, i) for v, n in enumerate(sizes) for i in range(n)
        }
        self.spans: dict[Node, dict[int, tuple[int, int]]] = {
            node: {node[0]: (node[1], node[1])} for node in self.parent}
        self.fixed: dict[int, set[int]] = {}

    def fix(self, nodes: Sequence[Node]) -> None:
        """Make ``nodes`` one anchor group that nothing else may join."""
        self.union(nodes)
        for v, i in nodes:
            self.fixed.setdefault(v, set()).add(i)

    def guarded_union(self, nodes: Sequence[Node]) -> None:
        roots = {self.find(n) for n in nodes}
        if len(roots) < 2:
            return
        if any((v, i) in self.parent and self._is_fixed(v, i) for r in roots
               for v, (i, _) in self.spans[r].items()):
            return  # an anchor group never grows
        merged: dict[int, tuple[int, int]] = {}
        for root in roots:
            for v, (lo, hi) in self.spans[root].items():
                old = merged.get(v, (lo, hi))
                merged[v] = (min(lo, old[0]), max(hi, old[1]))
        for v, (lo, hi) in merged.items():
            if any(lo < i < hi for i in self.fixed.get(v, ())):
                return  # the group would span an anchored segment
        self.union(list(nodes))

    def _is_fixed(self, v: int, i: int) -> bool:
        return i in self.fixed.get(v, ())

    def find(self, node: Node) -> Node:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, nodes: Sequence[Node]) -> None:
        roots = sorted({self.find(n) for n in nodes})
        spans = self.spans[roots[0]]
        for other in roots[1:]:
            self.parent[other] = roots[0]
            for v, (lo, hi) in self.spans.pop(other).items():
                old = spans.get(v, (lo, hi))
                spans[v] = (min(lo, old[0]), max(hi, old[1]))


def align_versions(
    texts: Mapping[str, Sequence[str]],
    encoder: Encoder,
    *,
    paragraphs: Mapping[str, Sequence[int]] | None = None,
    anchors: Sequence[Row] | None = None,
    config: AlignConfig | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> list[Row]:
    """Rows in which every segment of every version appears exactly once, in order.

    ``anchors`` are rows a reviewer confirmed: each comes back exactly as given
    and the rest is re-aligned around them. ``progress(fraction, message)`` follows
    the embedding of joined segments, the slow part.
    """
    labels = list(texts)
    if len(labels) < 2:
        raise AlignError("aligning versions needs at least two versions")
    segments = [check_segments(texts[label], f"version {label!r}") for label in labels]
    fixed = _checked_anchors(anchors or [], labels, [len(s) for s in segments])
    cfg = config or AlignConfig()
    banks = make_banks(segments, encoder)
    jobs = []
    for k in range(len(labels) - 1):
        a, b = labels[k], labels[k + 1]
        pair_anchors = [Bead(r.cells.get(a, ()), r.cells.get(b, ())) for r in fixed]
        jobs.append(PairJob(banks[k], banks[k + 1],
                            src_paragraphs=(paragraphs or {}).get(a),
                            tgt_paragraphs=(paragraphs or {}).get(b),
                            anchors=[x for x in pair_anchors if x.src or x.tgt], config=cfg))
    fill_banks(banks, encoder, None if progress is None else
               lambda done, total: progress(done / total,
                                            f"embedded {done} of {total} joined segments"))
    while any([job.absorb_step() for job in jobs]):  # a list: every job takes its step
        fill_banks(banks, encoder)  # the few joined beads the third pass judges
    groups = _Groups([len(s) for s in segments])
    for row in fixed:
        groups.fix([(labels.index(lab), i) for lab, cells in row.cells.items() for i in cells])
    for k, job in enumerate(jobs):
        for bead in job.beads:
            groups.guarded_union([(k, i) for i in bead.src] + [(k + 1, j) for j in bead.tgt])
    return _ordered_rows(groups, labels, [len(s) for s in segments])


def _checked_anchors(anchors: Sequence[Row], labels: list[str], sizes: list[int]) -> list[Row]:
    seen: set[tuple[str, int]] = set()
    for row in anchors:
        for label, cells in row.cells.items():
            if label not in labels:
                raise AlignError(f"anchor row names unknown version {label!r}")
            size = sizes[labels.index(label)]
            for i in cells:
                if not 0 <= i < size:
                    raise AlignError(f"anchor row names segment {i} of {label!r}, which has {size}")
                if (label, i) in seen:
                    raise AlignError(f"segment {i} of {label!r} is in two anchor rows")
                seen.add((label, i))
    return [Row({k: tuple(v) for k, v in r.cells.items()}) for r in anchors
            if any(r.cells.values())]


def _close_intervals(groups: _Groups, sizes: list[int]) -> None:
    """Pull into a group every segment lying between two of its segments (rows are runs)."""
    changed = True
    while changed:
        changed = False
        for v, n in enumerate(sizes):
            first: dict[Node, int] = {}
            for i in range(n):
                g = groups.find((v, i))
                if g in first and first[g] < i - 1 and groups.find((v, i - 1)) != g:
                    groups.union([(v, k) for k in range(first[g], i + 1)])
                    changed = True
                first.setdefault(groups.find((v, i)), i)


def _ordered_rows(groups: _Groups, labels: list[str], sizes: list[int]) -> list[Row]:
    """Groups as rows, ordered so that every version reads in order (a topological sort).

    Ties go to the group whose earliest segment comes first in the earliest
    version; if reviewer anchors cross each other across versions so that no
    such order exists, the groups caught in the conflict are merged into one row.
    """
    _close_intervals(groups, sizes)
    members: dict[Node, list[Node]] = {}
    for v, n in enumerate(sizes):
        for i in range(n):
            members.setdefault(groups.find((v, i)), []).append((v, i))
    after: dict[Node, set[Node]] = {g: set() for g in members}
    for v, n in enumerate(sizes):
        for i in range(1, n):
            g0, g1 = groups.find((v, i - 1)), groups.find((v, i))
            if g0 != g1:
                after[g0].add(g1)
    waiting = {g: 0 for g in members}
    for g in after:
        for h in after[g]:
            waiting[h] += 1
    ready = [(min(members[g]), g) for g in members if waiting[g] == 0]
    heapq.heapify(ready)
    order: list[Node] = []
    while ready:
        _, g = heapq.heappop(ready)
        order.append(g)
        for h in after[g]:
            waiting[h] -= 1
            if waiting[h] == 0:
                heapq.heappush(ready, (min(members[h]), h))
    if len(order) < len(members):
        stuck = [(v, i) for g in members if g not in set(order) for (v, i) in members[g]]
        groups.union(stuck)
        return _ordered_rows(groups, labels, sizes)
    rows = []
    for g in order:
        cells: dict[str, tuple[int, ...]] = {label: () for label in labels}
        for v, i in sorted(members[g]):
            cells[labels[v]] = (*cells[labels[v]], i)
        rows.append(Row(cells))
    return rows
