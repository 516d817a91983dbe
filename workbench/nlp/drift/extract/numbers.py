"""Numbers in zh / ru / en text, normalised to value ranges.

Handles digits with any grouping ("1 200,50", "1,200.50", full-width １２),
Chinese numerals and mixed forms (两千, 350万, 1.2亿, 十多万, 几千), Russian and
English number words (шестисот, six thousand, twenty-five), percentages and
approximations (около / about / 约 / 左右 / 多 / more than), which widen the
value into a range. Two quantities agree when their ranges overlap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from workbench.nlp.drift.extract import numwords as nw
from workbench.nlp.drift.extract.numforms import centuries_and_decades, clock_times, fractions
from workbench.nlp.drift.extract.zh_surnames import SURNAMES

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")  # not "，": a comma in zh
_SCALE_WORDS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3, "百": 1e2,
                "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_RU_SCALE = "|".join(p for p, _ in nw.RU_SCALES)
_SCALE = rf"万|萬|亿|億|千|百|thousand|million|billion|trillion|{_RU_SCALE}"
_PERCENT = r"%|percent|per cent|процент\w*|п\.\s?п\."
_DIGITS = re.compile(
    r"(?P<pre>百分之)?(?<![A-Za-zА-Яа-яЁё\d.,\-])"
    r"(?P<num>\d{1,3}(?:(?:[ \u00a0\u202f]\d{3})+|(?:,\d{3})+|(?:\.\d{3}){2,})(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)(?![\d])(?P<ord>st|nd|rd|th|-?[а-яё]{1,2}(?![а-яё])|-летие\w*|-летн\w*)?"
    r"(?!(?!тыс|млн|млрд)[A-Za-zА-Яа-яЁё])"
    r"(?P<more>多|余|餘)?(?:\s?(?P<scale>" + _SCALE + r")(?![A-Za-zА-Яа-яЁё]))?(?P<more2>多|余|餘)?"
    r"(?:\s?(?P<pct>" + _PERCENT + r"))?",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?P<pre>百分之)?(?:(?P<vague>[几幾数數]|上(?=[百千万萬]))(?P<vscale>[十百千万萬])(?P<vscale2>[万萬亿億])?"
    rf"|(?P<num>[{nw.ZH_NUMERAL_CHARS}]+(?:[点點][{nw.ZH_NUMERAL_CHARS}]+)?)"
    rf"(?P<few>(?<=[十拾])[几幾])?(?P<more>多|余|餘)?(?P<scale>[万萬亿億])?)"
)
_EN_TOKEN = (rf"(?:{nw.words_regex(list(nw.EN_NUMBER_WORDS) + list(nw.EN_SCALES))})"
             rf"(?:-(?:{nw.words_regex(list(nw.EN_HYPHEN_TAILS))}))?")
_EN_AND = "|".join(rf"(?<={scale})\s+and\s+" for scale in ("hundred", "thousand", "million",
                                                                "billion"))
_RU_TOKEN = "|".join([p for p, _ in nw.RU_NUMBER_WORDS] + [p for p, _ in nw.RU_SCALES])
_WORD_RUN = {
    # "and" joins a scale and what follows ("a hundred and twenty"), not two numbers
    # ("between ten and twenty")
    "en": re.compile(rf"\b(?:{_EN_TOKEN})(?:(?:{_EN_AND}|\s+|-)(?:{_EN_TOKEN}))*\b"
                     rf"(?:\s?(?P<pct>{_PERCENT}))?", re.IGNORECASE),
    "ru": re.compile(rf"(?<![\w-])(?:{_RU_TOKEN})(?:\s+(?:{_RU_TOKEN}|{nw.RU_ONES}))*(?![\w-])"
                     rf"(?:\s?(?P<pct>{_PERCENT}))?", re.IGNORECASE),
}
_VAGUE = re.compile(rf"(?<!\w)(?:{'|'.join(p for p, _ in nw.VAGUE_PLURALS)})(?!\w)", re.IGNORECASE)
_APPROX = [re.compile(("" if re.search(r"[\u4e00-\u9fff]", cue) else r"(?<!\w)")
                      + rf"(?:{cue})\s*$", re.IGNORECASE) for cue in nw.APPROX_BEFORE]
_APPROX_ZH_AFTER = re.compile(nw.APPROX_AFTER_ZH)


@dataclass(frozen=True)
class Quantity:
    """A number found in a text.

    ``value`` is the nominal value; ``low``/``high`` the range a *vague* form
    stands for (十多万 = 100,000-199,999, "thousands", 几千); ``approx`` marks a
    hedge (about / около / 约) that keeps the nominal value. ``at_least`` marks
    a floor said with 多 / 余 (40余年 = "more than 40 years", not "45 years").
    ``kind`` is "" for a count, or clock / century / decade / fraction.
    """

    value: float
    low: float
    high: float
    start: int
    end: int
    text: str
    percent: bool = False
    from_digits: bool = True
    vague: bool = False
    approx: bool = False
    at_least: bool = False
    kind: str = ""

    def overlaps(self, other: Quantity) -> bool:
        """Same number: equal values, or a value inside the other's vague range."""
        tol = 1e-6 * max(abs(self.value), abs(other.value), 1.0)
        if "clock" in (self.kind, other.kind):
            return _same_time(self, other)
        if self.vague and other.vague:
            return self.low <= other.high + tol and other.low <= self.high + tol
        if self.vague:
            return _inside(self, other.value, tol)
        if other.vague:
            return _inside(other, self.value, tol)
        return abs(self.value - other.value) <= tol

    def label(self) -> str:
        def fmt(v: float) -> str:
            return f"{v:,.0f}" if abs(v - round(v)) < 1e-6 else f"{v:,.2f}"

        if self.kind == "clock":
            return f"{int(self.value) // 60}:{int(self.value) % 60:02d}"
        if self.kind in ("century", "decade"):
            return f"{self.value:.0f}" + (" century" if self.kind == "century" else "s")
        value = f"{fmt(self.low)}–{fmt(self.high)}" if self.vague else fmt(self.value)
        return ("~" if self.approx else "") + value + ("%" if self.percent else "")


def _inside(vague: Quantity, value: float, tol: float) -> bool:
    """``value`` fits ``vague``: anywhere in its range, or exactly its floor for 40余 / 3000多."""
    if vague.at_least:
        return abs(vague.low - value) <= tol
    return vague.low - tol <= value <= vague.high + tol


def _same_time(a: Quantity, b: Quantity) -> bool:
    """Two times on a 12-hour dial, or a time and a bare hour (9:00 a.m. = 9点 read as 9)."""
    if a.kind == b.kind == "clock":
        return a.value == b.value
    clock, plain = (a, b) if a.kind == "clock" else (b, a)
    if plain.vague or plain.kind:
        return False
    hour = int(clock.value // 60)
    return plain.value in (hour, hour + 12) or (hour == 0 and plain.value in (12, 24))


def parse_digits(num: str, lang: str) -> float:
    """``"1 200,50"`` / ``"1,200.50"`` / ``"3,5"`` -> float, grouping told from decimals."""
    num = re.sub(r"[ \u00a0\u202f]", "", num)
    if "," in num and "." in num:
        decimal = "," if num.rfind(",") > num.rfind(".") else "."
        group = "." if decimal == "," else ","
        return float(num.replace(group, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in num:
            parts = num.split(sep)
            grouping = len(parts) > 2 or (len(parts[-1]) == 3 and not (sep == "," and lang == "ru"))
            if sep == "." and len(parts) == 2:
                grouping = False
            return float("".join(parts)) if grouping else float(num.replace(sep, "."))
    return float(num)


def _place(value: float) -> float:
    """The unit of the last significant digit of ``value`` (300 -> 100, 15 -> 1)."""
    if not float(value).is_integer():
        decimals = len(repr(float(value)).split(".")[1])
        return float(10**-decimals)
    place = 1.0
    v = int(value)
    while v and v % 10 == 0:
        v //= 10
        place *= 10
    return place


def _approximate(text: str, q: Quantity, lang: str) -> Quantity:
    """Mark ``q`` approximate when a hedge precedes it (about, около, 约...) or follows (左右)."""
    before = text[max(0, q.start - 30) : q.start]
    for pattern in _APPROX:
        m = pattern.search(before)
        if m:
            start = q.start - len(before) + m.start()
            return replace(q, start=start, text=text[start : q.end], approx=True)
    after = _APPROX_ZH_AFTER.match(text, q.end)
    if after and lang == "zh":
        return replace(q, end=after.end(), text=text[q.start : after.end()], approx=True)
    return q


def _zh_match(m: re.Match[str]) -> tuple[float, float] | None:
    if m.group("vague"):
        unit = {"十": 10.0, "百": 100.0, "千": 1000.0}.get(m.group("vscale"), 1e4)
        mult = _SCALE_WORDS.get(m.group("vscale2") or "", 1.0)
        low = (unit if m.group("vague") == "上" else 2 * unit) * mult
        return low, 9.999 * unit * mult
    num = m.group("num")
    mult = _SCALE_WORDS.get(m.group("scale") or "", 1.0)
    if len(num) > 1 and num[-1] in "万萬亿億" and (
            re.search("[点點]", num) or nw.zh_approximate_pair(num[:-1])):
        mult *= _SCALE_WORDS[num[-1]]  # 三点五万 = 3.5 x 10,000; 一二十万 = 100,000-200,000
        num = num[:-1]
    pair = nw.zh_approximate_pair(num)
    if pair is not None:
        return pair[0] * mult, pair[1] * mult
    if m.group("few"):  # 十几 = 11-19, 二十几 = 21-29
        tens = nw.zh_numeral_value(num)
        if tens is None:
            return None
        return (tens + 1) * mult, (tens + 9) * mult + (mult - 1 if mult > 1 else 0.0)
    if len(num) == 1 and num in "一十" and not m.group("scale") and not (
            num == "十" and _ZH_COUNTED.match(m.string, m.end())):
        return None  # 一 is mostly "a"/"one of"; a lone 十 is a count only before 年 / 个 / 人...
    if len(num) > 1 and num[-1] in "两兩" and num[-2] in "十百千万萬" and not m.group("scale"):
        num = num[:-1]  # 二十两银子 = 20 taels: 22 is 二十二, never 二十两
    value = nw.zh_numeral_value(num)
    if value is None:
        return None
    high = value + _place(value) * 0.999 if m.group("more") else value
    return value * mult, high * mult


_ZH_COUNTED = re.compile(r"[年个個天名位人次门門岁歲倍项項件家所条條种種周週]")
_ZH_NAMED = re.compile(
    "[" + "".join(sorted(SURNAMES)) + r"]小?(?P<n>[二三四五六七八九])"
    r"(?![零〇一二两兩三四五六七八九十百千万萬亿億\d年个個天名位人次门門岁歲倍项項件家所条條种種"
    r"周週月日号號点點时時分秒方面边邊届屆])")
"""A personal name with a numeral (王二, 张三, 罗小四): the numeral counts nothing."""
_LABEL = re.compile(r"\s*[(（]?(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．)）](?![\d])"
                    r"(?=\s*\S)")
"""A list or section label opening a Chinese segment ("6. 片厂", "一、", "（三）"); not read in
other languages, where "9. September" opens a German date."""
_ZH_ORDINAL = re.compile(rf"第(?P<num>[{nw.ZH_NUMERAL_CHARS}]+)")
_GENITIVE_THOUSAND = re.compile(r"(?:до|около|более|свыше|менее|от|из|порядка|почти|больше|"
                                r"меньше|с|выше|ниже)\s+$", re.IGNORECASE)
_AFTER_FRACTION = re.compile(rf"\s?(?P<scale>{_SCALE})(?![A-Za-zА-Яа-яЁё])", re.IGNORECASE)


def _scale_value(word: str) -> float:
    word = word.lower()
    return next((float(v) for p, v in nw.RU_SCALES if re.fullmatch(p, word)),
                _SCALE_WORDS.get(word, 1.0))


def extract_numbers(text: str, lang: str) -> list[Quantity]:
    """Every number in ``text`` with its value (or vague range) and character span."""
    lang = lang[:2].lower()
    norm = text.translate(_FULLWIDTH)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    label = _LABEL.match(norm) if lang == "zh" else None
    if label:  # "6. 片厂", "一、": a list or section label, not a quantity
        taken.append((label.start("n"), label.end("n")))

    def add(low: float, high: float, s: int, e: int, pct: bool, digits: bool, *,
            at_least: bool = False, kind: str = "") -> None:
        vague = high > low
        q = Quantity(low, low, high, s, e, text[s:e], pct, digits, vague, False, at_least, kind)
        q = _approximate(norm, q, lang)
        found.append(replace(q, text=text[q.start : q.end]))
        taken.append((s, e))

    for form in clock_times(norm, lang) + centuries_and_decades(norm, lang):
        if free(form.start, form.end):
            add(form.value, form.value, form.start, form.end, False, True, kind=form.kind)
    for form in fractions(norm, lang, lambda w: nw.word_value(w, lang)):
        after = _AFTER_FRACTION.match(norm, form.end)
        end, mult = (after.end(), _scale_value(after.group("scale"))) if after else (form.end, 1.0)
        if free(form.start, end):
            add(form.value * mult, form.value * mult, form.start, end, False, True,
                kind="fraction")
    for m in _DIGITS.finditer(norm):
        if not free(m.start("num"), m.end("num")):
            continue
        value = parse_digits(m.group("num"), lang)
        mult = _scale_value(m.group("scale") or "")
        if m.group("more"):  # 300多万: 3,000,000-3,999,999
            high = (value + _place(value) * 0.999) * mult
        elif m.group("more2"):  # 5万多: 50,000-59,999
            high = value * mult + mult * 0.999
        else:
            high = value * mult
        add(value * mult, high, m.start(), m.end(), bool(m.group("pct") or m.group("pre")), True,
            at_least=bool(m.group("more") or m.group("more2")))
    if lang == "zh":
        for m in _ZH_ORDINAL.finditer(norm):  # 第十届 = "the 10th"; 第一 is mostly "first"
            ordinal = nw.zh_numeral_value(m.group("num"))
            if ordinal is not None and ordinal > 1 and free(m.start(), m.end()):
                add(ordinal, ordinal, m.start(), m.end(), False, False, kind="ordinal")
        blocked = [(b.start(), b.end()) for b in nw.ZH_BLOCKED.finditer(norm)]
        blocked += [(b.start("n"), b.end("n")) for b in _ZH_NAMED.finditer(norm)]
        for m in _ZH.finditer(norm):
            if not free(m.start(), m.end()) or any(bs < m.end() and m.start() < be
                                                   for bs, be in blocked):
                continue
            rng = _zh_match(m)
            if rng is not None:
                add(rng[0], rng[1], m.start(), m.end(), bool(m.group("pre")), False,
                    at_least=bool(m.group("more")))
    elif lang in _WORD_RUN:
        _word_numbers(norm, lang, free, add)
    return sorted(found, key=lambda q: q.start)


def _word_numbers(norm: str, lang: str, free: Callable[[int, int], bool],
                  add: Callable[..., None]) -> None:
    """Russian and English number words, vague plurals ("thousands") and scale-only runs."""
    _vague_plurals(norm, free, add, several_words=True)  # "tens of thousands", "a few hundred"
    for m in _WORD_RUN[lang].finditer(norm):
        if not free(m.start(), m.end()):
            continue
        run = norm[m.start() : m.end() - len(m.group("pct") or "")].strip()
        pct = bool(m.group("pct"))
        if lang == "ru" and re.fullmatch(r"тысячи", run, re.IGNORECASE) and \
                _GENITIVE_THOUSAND.search(norm[max(0, m.start() - 12) : m.start()]):
            add(1000.0, 1000.0, m.start(), m.end(), pct, False)  # "до тысячи": a thousand
            continue
        vague = next((r for p, r in nw.VAGUE_PLURALS
                      if re.fullmatch(p, run, re.IGNORECASE)), None)
        if vague is not None:
            add(vague[0], vague[1], m.start(), m.end(), pct, False)
            continue
        only_scale = nw.scale_only(run, lang)
        if only_scale is not None:  # "decades", "тысячи": some number of that scale
            add(only_scale, 9.999 * only_scale, m.start(), m.end(), pct, False)
            continue
        word_value = nw.word_value(run, lang)
        if word_value is not None:
            add(word_value, word_value, m.start(), m.end(), pct, False)
    _vague_plurals(norm, free, add, several_words=False)


def _vague_plurals(norm: str, free: Callable[[int, int], bool], add: Callable[..., None], *,
                   several_words: bool) -> None:
    """The vague plurals of :data:`numwords.VAGUE_PLURALS` of several words, or of one (those
    of several go first, so that "a few hundred" is not read as "hundred")."""
    for m in _VAGUE.finditer(norm):
        if free(m.start(), m.end()) and (" " in m.group(0).strip()) == several_words:
            lo, hi = next(r for p, r in nw.VAGUE_PLURALS
                          if re.fullmatch(p, m.group(0), re.IGNORECASE))
            add(lo, hi, m.start(), m.end(), False, False)
