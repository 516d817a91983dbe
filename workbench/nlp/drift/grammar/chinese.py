"""Chinese time and aspect markers, found as whole jieba words (了 in 了解 is not 了)."""

from __future__ import annotations

import logging
from functools import lru_cache

from workbench.nlp.drift.grammar import wordset

PAST = wordset(
    "曾 曾经 曾經 昨天 昨日 去年 前年 上周 上週 上月 上个月 此前 日前 早前 先前 当时 當時 "
    "刚刚 剛剛 年前 前夕")
"""Words that put an event in the past (了 does not: 体现了 “reflects”, 太晚了 “is too late”)."""
MAYBE_PAST = PAST | wordset("了 已 已经 已經 业已 早已 过 過")
"""Words a past may translate; 已经 is also “already” with a present (“is already over”)."""
FUTURE = wordset(
    "将 將 将要 將要 即将 即將 明天 明日 明年 后天 後天 下周 下週 下月 下个月 届时 屆時 将于 "
    "將於")
MAYBE_FUTURE = FUTURE | wordset(
    "会 會 要 就要 计划 計劃 拟 擬 准备 準備 打算 预计 預計 有望 预期 預期 预定 預定 今后 "
    "今後 以后 以後 将来 將來 未来 未來 力争 争取")
"""Words a future may translate (会 is also a habit, 计划 “plans to”), not a future marker."""
PRESENT = wordset(
    "正在 正 目前 现在 現在 如今 当前 當前 眼下 现 仍 仍然 依然 至今 今天 今日")
PROGRESSIVE = wordset(
    "正在 正 着 著 一直 不断 不斷 持续 持續 继续 繼續 日益 越来越 越來越 逐渐 逐漸 仍在 还在 "
    "還在 进行 進行 陆续 陸續 试图 試圖 努力 正值 每天 每年 经常 常常 往往 总是 始终 始終")
"""Words that let an action be read as ongoing or repeated (在 before a verb is added in code)."""
PERFECT = MAYBE_PAST | wordset(
    "以来 以來 至今 迄今 为止 為止 一直 年来 年來 近年 多年 累计 累計 先后 先後 首次 第一次 "
    "从未 從未 始终 始終 长期 長期 历来 歷來 向来 向來 从来 從來 一向 持之以恒")
"""Words that let a translation use a perfect (“has risen”, “since 1985”)."""


@lru_cache(maxsize=1024)
def words(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """jieba words of ``text`` with their character offsets and part-of-speech tags."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    out: list[tuple[str, int, int, str]] = []
    pos = 0
    for pair in jieba.posseg.cut(text):
        start = text.find(pair.word, pos)
        if start < 0:
            continue
        pos = start + len(pair.word)
        if pair.word.strip():
            out.append((pair.word, start, pos, pair.flag))
    return tuple(out)


def _disposal(ws: tuple[tuple[str, int, int, str], ...], i: int) -> bool:
    """将 marking the object (“将其反射回去”, “将公民身份问题纳入”), not the future."""
    if ws[i][0] not in {"将", "將"} or i + 1 >= len(ws):
        return False
    word, _, _, flag = ws[i + 1]
    return (flag[:1] in {"r", "n", "m"} and word not in {"于", "於", "在"}) or word in "《“「"


_GUO_WORDS = wordset(
    "超过 超過 通过 通過 经过 經過 不过 不過 难过 難過 度过 度過 越过 越過 穿过 穿過 透过 "
    "透過 路过 路過 过过")
_WITH_AUX = {"会": "并会 也会 还会 都会 就会 将会 才会 仍会",
             "将": "并将 也将 还将 都将 亦将 仍将 将会"}


@lru_cache(maxsize=16)
def _expand(table: frozenset[str]) -> frozenset[str]:
    extra = {w for key, group in _WITH_AUX.items() if key in table for w in group.split()}
    return table | extra


def markers(text: str, table: frozenset[str], *, strict: bool = False) -> list[list[int]]:
    """Spans of the words of ``text`` found in ``table`` (with 来过 for 过, 并会 for 会...).

    ``strict`` leaves out a 了 that ends a clause (“太晚了”: a change of state, not a past).
    """
    table = _expand(table)
    spans = []
    ws = words(text)
    for i, (w, s, e, _) in enumerate(ws):
        if _disposal(ws, i):
            continue
        if strict and w == "了" and (i + 1 == len(ws) or ws[i + 1][3] == "x"):
            continue
        if ("在" in table and w in {"在", "正"} and i + 1 < len(ws)
                and ws[i + 1][3].startswith("v")):
            spans.append([s, e])  # 在 + verb: an action in progress
            continue
        if w in table or ("过" in table and len(w) == 2 and w[1] in "过過"
                          and w not in _GUO_WORDS):
            spans.append([s, e])
    return spans
