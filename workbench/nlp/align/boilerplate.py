"""Publisher lines and headers: segments that are rows of their own, never part of a merge.

News and agency texts open with lines such as "Source: ...", "Translation.
Region: ...", "An important disclaimer is at the bottom of this article." or
"责任编辑：...". One version often has them and the others do not, and their
embeddings are close to nothing in particular, so a merge can swallow them
into the first content row at little cost. Such a segment may still pair 1-1
with a matching line of the other version, or stay alone (1-0 / 0-1), but no
bead of several segments on its side may contain it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

LABELS = (
    # English
    "source", "sources", "translation", "translated by", "region", "disclaimer", "copyright",
    "photo", "photos", "credit", "credits", "editor", "edited by", "author", "by", "reporter",
    "read more", "see also", "related", "tags", "published", "updated", "original title",
    # Russian
    "источник", "источники", "перевод", "регион", "редактор", "автор", "фото", "корреспондент",
    "оригинал", "опубликовано", "обновлено", "читайте также", "теги",
    # Chinese
    "来源", "来源于", "责任编辑", "编辑", "记者", "原标题", "作者", "图", "摄", "译者", "翻译",
    "发布",
)
_ALTERNATIVES = "|".join(sorted((re.escape(x) for x in LABELS), key=len, reverse=True))
_LABEL = re.compile(
    r"^\s*[\[(（【]?\s*(?:" + _ALTERNATIVES + r")\s*[]）)】]?\s*[:：|｜]", re.IGNORECASE)
_MARKERS = re.compile(
    r"disclaimer|all rights reserved|©|\(c\)\s*\d{4}|https?://|www\.|版权所有|免责声明|"
    r"все права защищены|отказ от ответственности", re.IGNORECASE)
MAX_CHARS = 160  # a publisher line is short; a long sentence mentioning a URL is content


def is_boilerplate(text: str) -> bool:
    """A header or publisher line ("Source: ...", a disclaimer notice, a copyright line)."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_CHARS:
        return False
    if _LABEL.match(stripped) or _MARKERS.search(stripped):
        return True
    # "Translation. Region: Russian Federal": a label after a short first phrase
    head, _, tail = stripped.partition(". ")
    return bool(tail) and len(head) <= 20 and bool(_LABEL.match(tail))


def solo_mask(segments: Sequence[str]) -> npt.NDArray[np.bool_]:
    """``mask[i]``: segment ``i`` may only be in a bead where it is alone on its side."""
    return np.fromiter((is_boilerplate(s) for s in segments), dtype=bool, count=len(segments))
