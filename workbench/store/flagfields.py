"""One flag-to-dict function: the columns every shape of a flag shares.

A flag lives as a :class:`workbench.comparison.FlagRecord` (pipeline, exports),
a :class:`workbench.store.rowdata.FlagData` (a stored row), a snapshot dict in
the undo history and a row of ``flags``; :func:`flag_fields` reads the shared
columns from any of them, so that the conversions between them are not each
written out by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict


class FlagFields(TypedDict):
    """What every flag has, whatever its shape."""

    source: str
    type: str
    hop: str
    detail: str
    spans: dict[str, Any]
    severity: str
    carried: bool | None
    comment: str


def flag_fields(flag: object) -> FlagFields:
    """The shared columns of ``flag``: an object with these attributes or a snapshot dict."""
    if isinstance(flag, Mapping):
        return FlagFields(source=flag["source"], type=flag["type"], hop=flag["hop"],
                          detail=flag["detail"], spans=flag["spans"],
                          severity=flag["severity"], carried=flag["carried"],
                          comment=flag["comment"])
    read: Any = flag
    return FlagFields(source=read.source, type=read.type, hop=read.hop, detail=read.detail,
                      spans=read.spans, severity=read.severity, carried=read.carried,
                      comment=read.comment)


__all__ = ["FlagFields", "flag_fields"]
