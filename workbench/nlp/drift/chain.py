"""Which pairs to compare, and at which hop of a translation chain each drift first appears.

With ``chain=["zh", "ru", "en"]`` (zh translated into ru, ru into en) the hops
``zh|ru`` and ``ru|en`` are compared, and so is the direct pair ``zh|en``.
A drift found at a hop gets that hop; ``carried`` says whether it is still
there when the hop's source is compared with the last version of the chain
(for the last hop there is no later version, so ``carried`` is false). A drift
seen only in the direct comparison -- no hop of the row has a drift of its
type -- is reported on the direct pair as "lost in relay" (except the types in
:data:`NOT_RELAYED`). Without a chain every pair of versions is
compared in the given order and ``carried`` stays ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.comparison import FlagRecord
from workbench.nlp.drift.base import DriftError, Finding
from workbench.nlp.drift.messages import message, reason_args, reason_key
from workbench.nlp.drift.ranking import by_severity
from workbench.nlp.types import pair_key

Pair = tuple[str, str]
GENERIC = frozenset({"low_score", "length"})
"""Signals that are not a drift type of their own: shown on hops, not as "lost in relay"
(two translation steps always score lower end to end; the direct score is still given)."""
NOT_RELAYED = GENERIC | {"name"}
"""Not reported as "lost in relay": a name matched at both hops is the same name
end to end; a direct-only name mismatch is a transliteration miss (zh-en)."""
NOT_RELAYED_REASONS = frozenset({"words_dropped", "words_added", "words_replaced", "broken"})
"""Word-level reasons not reported as "lost in relay" either: two free translation steps
always differ word by word end to end, and a broken sentence is already seen at its hop."""


@dataclass(frozen=True)
class PairPlan:
    """The comparisons to run: chain hops, the checks for carried drift, and the rest."""

    hops: list[Pair]
    carry_checks: dict[Pair, Pair] = field(default_factory=dict)  # hop -> (hop source, last)
    direct: Pair | None = None
    others: list[Pair] = field(default_factory=list)

    @property
    def all_pairs(self) -> list[Pair]:
        pairs = [*self.hops, *self.carry_checks.values()]
        if self.direct:
            pairs.append(self.direct)
        return list(dict.fromkeys([*pairs, *self.others]))

    @property
    def scored_pairs(self) -> list[Pair]:
        """Pairs given a score: hops, the direct pair and other versions (not extra checks)."""
        return list(dict.fromkeys([*self.hops, *([self.direct] if self.direct else []),
                                   *self.others]))


def plan_pairs(labels: Sequence[str], chain: Sequence[str] | None) -> PairPlan:
    """The comparisons for ``labels`` (in reading order) and an optional ``chain``."""
    if len(set(labels)) != len(labels):
        raise DriftError(f"version labels must be distinct: {', '.join(labels)}")
    if not chain:
        return PairPlan(hops=[], others=[(a, b) for i, a in enumerate(labels)
                                          for b in labels[i + 1 :]])
    unknown = [c for c in chain if c not in labels]
    if unknown:
        raise DriftError(f"chain names unknown version(s) {', '.join(unknown)}; "
                         f"versions are {', '.join(labels)}")
    if len(set(chain)) != len(chain) or len(chain) < 2:
        raise DriftError("a chain lists two or more distinct versions in translation order")
    hops = [(chain[i], chain[i + 1]) for i in range(len(chain) - 1)]
    last = chain[-1]
    carry = {hop: (hop[0], last) for hop in hops[:-1]}
    direct = (chain[0], last) if len(chain) > 2 else None
    others = [(chain[0], label) for label in labels if label not in chain]
    return PairPlan(hops=hops, carry_checks=carry, direct=direct, others=others)


def same_drift(f: Finding, g: Finding, shared: Sequence[str]) -> bool:
    """Do ``f`` and ``g`` (from comparisons sharing the labels ``shared``) describe one drift?"""
    if f.type != g.type:
        return False
    for label in shared:
        kf, kg = f.keys_for(label), g.keys_for(label)
        if "*" in kf or "*" in kg or kf & kg:
            return True
    return False


def _record(f: Finding, pair: Pair, carried: bool | None, relay: bool = False) -> FlagRecord:
    detail = message("relay", detail=f.detail) if relay else f.detail
    return FlagRecord(type=f.type, hop=pair_key(*pair), detail=detail,
                      spans={k: [list(s) for s in v] for k, v in f.spans.items()},
                      severity=f.severity, carried=carried,
                      reason_key=reason_key(detail), reason_args=reason_args(detail))


def attribute(plan: PairPlan, findings: dict[Pair, list[Finding]]) -> list[FlagRecord]:
    """One row's findings per comparison -> flags with hop and ``carried``, most severe first."""
    flags: list[FlagRecord] = []
    hop_findings: list[tuple[Pair, Finding]] = []
    for hop in plan.hops:
        check = plan.carry_checks.get(hop)
        for f in findings.get(hop, []):
            carried = False
            if check is not None:
                shared = sorted(set(hop) & set(check))
                carried = any(same_drift(f, g, shared) for g in findings.get(check, []))
            flags.append(_record(f, hop, carried))
            hop_findings.append((hop, f))
    if plan.direct is not None:
        for g in findings.get(plan.direct, []):
            # Any drift of that type at a hop of this row explains the direct one.
            seen = any(f.type == g.type for _, f in hop_findings)
            if (not seen and g.type not in NOT_RELAYED
                    and reason_key(g.detail) not in NOT_RELAYED_REASONS):
                flags.append(_record(g, plan.direct, None, relay=True))
    for pair in plan.others:
        flags.extend(_record(f, pair, None) for f in findings.get(pair, []))
    return by_severity(flags)
