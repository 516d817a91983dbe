"""Negation cues of zh / ru / en text, counted by strength.

*Explicit* cues negate a clause (not / no / never, 不 / 没 / 未 / 无法, не / нет / без).
*Affixal* cues carry a negation inside a word or a fixed compound ("unprecedented",
"asymptomatic", 前所未有, 无症状, «нестабильный»): a translation often renders an
explicit cue by one of them and back, so they count towards a side's total but
never make a negation on their own. Verbs that refuse, deny or prevent
(拒绝, «отказываться», "block") are neither: "did not block" against 阻止 is a
flipped meaning. Fixed expressions that contain a cue but do
not negate ("not only", "no doubt", "in no time", "nobody but X", 无论, 无数, 无疑,
并不仅, 不一会儿, 不料, 别处, 腰断了没有 (asks whether), «не только», «ничуть не хуже»)
are not cues at all. Negative concord counts once: «никто не
пришёл» = "nobody came", "neither ... nor", «ни ... ни». A contrast ("X, а не Y",
X而非Y, "X rather than Y") is rendered by "than", "not", "instead of" or a
comparison: it counts as affixal. So do English words whose meaning holds a
negation ("bad", "wrong", "refuse", "far from", "too young to"): a translator
renders 不好 / «плохо» by them. A Chinese cue inside a set phrase of four or
more characters that CC-CEDICT lists (一声不吭 "kept silent", 一丝不苟
"meticulous", 大惑不解 "puzzled", 不知不觉 "unwittingly") is affixal too: the
phrase is one lexical unit, which literary translators render by its meaning.
Chinese in Traditional characters is read in Simplified (the lists hold
Simplified forms; offsets are kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.nlp.drift.extract.names import simplified
from workbench.nlp.drift.lexicon.zh_en import headwords_in

_EXPLICIT: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|cannot|without)\b"
                     r"|n['’]t\b|\bno[- ]one\b", re.IGNORECASE),
    "ru": re.compile(r"(?<![\w-])(?:не|нет|ни|никогда|никто|никого|никому|ничто|ничего|ничем|"
                     r"нигде|никуда|никак|никакой|никакого|никакие|никаких|нельзя|без|отнюдь)"
                     r"(?![\w-])", re.IGNORECASE),
    "zh": re.compile(r"无法|無法|未能|不能|从未|從未|并未|並未|毫无|毫無|绝不|絕不|并不|並不|"
                     r"不|没|沒|無|无|未|别|別|非|莫|勿|甭"),
}
# Correlatives and concord partners: they join the explicit cue nearest to them (in English only
# "nor" after "neither").
_CONCORD = {
    "en": re.compile(r"neither|nor", re.IGNORECASE),
    "ru": re.compile(r"ни|никогда|никто|никого|никому|ничто|ничего|ничем|нигде|никуда|никак|"
                     r"никакой|никакого|никакие|никаких", re.IGNORECASE),
}
_NOT_NEGATION: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\bnot only\b|\bnot just\b|\bnot merely\b|\bno doubt\b|\bnothing but\b|"
                     r"\bno\.\s*\d|\bnone other\b|\bno matter\b|\bnevertheless\b|\bnonetheless\b|"
                     r"\bwhether or not\b|\bor not\b|\bno (?:less|fewer) than\b|\bnot least\b|"
                     r"\bcannot help\b|\bcan['’]t help\b|\bno sooner\b|\bif not more\b|"
                     r"\bcould(?:n['’]t|\s+not)\s+(?:[a-z]+\s+){1,4}?more\b|"
                     # "never mind", "had no choice but to stay" (= had to), "not until" (= 才)
                     r"\bnever mind\b|\bno (?:choice|alternative|option) but\b|\bnot until\b|"
                     # idioms of time and place: "in no time" (= soon), "out of nowhere"
                     r"\bin no time\b|\bout of nowhere\b|"
                     # "nobody but / except X" says "only X" (只有吴佩珍)
                     r"\b(?:nobody|no[- ]one|none|nothing)\b(?=\s+but\b|[^.;!?]{0,60}?\b(?:except|"
                     r"other than|apart from)\b)",
                     re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)(?:не только|не просто|не столько|не раз|ни разу|не менее|не более|"
                     r"не так давно|не случайно|без сомнения|несмотря|ни один из|ничуть не хуже|"
                     r"не хуже|не исключено|как никогда|чуть ли не|едва ли не|не иначе как|"
                     r"не кто иной|не что иное|не то чтобы|не говоря уже|чуть не|бы ни|без ума|"
                     r"пока(?:\s+[а-яё]+){0,3}?\s+не)(?!\w)", re.IGNORECASE),
    "zh": re.compile(
        r"不仅|不僅|不但|不光|不单|不單|不只|并不仅|並不僅|不断|不斷|不久|不少|不同(?!意)|不过|不過|"
        r"不得不|不管|不论|不論|不禁|不免|不妨|不外乎|差不多|不错|不錯|了不起|不时|不時|"
        r"说不定|說不定|不得了|不由得|无论|無論|无数|無數|无疑|無疑|毫无疑问|毫無疑問|无比|"
        r"無比|无与伦比|无非|無非|无不|無不|无人机|無人機|非常|非洲|南非|非但|除非|莫非|"
        r"未来|未來|并非只|莫斯科|否则|否則|别的|別的|特别|特別|分别|分別|区别|區別|差别|"
        r"类别|级别|个别|告别|识别|是否|能否|与否|可否|别人|別人|对不起|對不起|不一样|不一樣|"
        r"([\u4e00-\u9fff])[不没沒]\1|([\u4e00-\u9fff]{2})[不没]\2|"
        # V了没有 asks whether (腰断了没有, 摆了饭了没有): "ask if it is broken"
        r"了[没沒]有?(?=[?？吗嗎呢，,。！!；;]|$)|"
        # adverbs and words of "other" that hold 不 / 别 without negating: 不一会儿 "soon",
        # 不料 "only to find", 不觉 / 不由 "could not help", 不止 "more than", 不住地
        # "incessantly", 别处 "elsewhere", 若非 "unless"
        r"不一会|不一會|不料|不觉(?!得)|不覺(?!得)|不由|不止|不住(?=[的地])|别处|別處|别家|別家|若非|"
        r"无可(?:怀疑|置疑|否认|厚非)|忍不住|"
        r"别克|尚别|不丹|不来梅|莫桑比克|莫尔|莫迪|莫夫|非盟"),
}
_AFFIXAL: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\bun(?!der|it|ion|iqu|iv|if|til|to\b|cle|animous|less\b)[a-z]{3,}|"
        r"\bin(?:abilit|adequa|capab|complet|consisten|correct|effect|efficien|evitab|formal|"
        r"sufficien|visib|valid|stabil|secur|justice|equalit|accura|appropriat|convenien|credib|"
        r"human|activ|dependen)[a-z]*|"
        r"\bim(?:possib|prop|balanc|moral|patien|plausib|practic|precis|matur|partial|punit)[a-z]*|"
        r"\bil(?:legal|licit|logical|litera)[a-z]*|"
        r"\bir(?:regular|relevan|responsib|reversib|rational)[a-z]*|\bnon-?[a-z]{3,}|"
        r"\b(?!(?:un|b|nevertheless))[a-z]{3,}less(?:ly|ness)?\b|"
        r"\ba(?:symptomatic|typical|political|moral|sexual)\b|"
        r"\bdis(?:agree|approv|satisf|content|honest|abilit|abled|advantag|trust|regard)[a-z]*|"
        r"\b[a-z]+-free\b|\b(?:fail|lack|absen|hardly|barely|scarcely|rarely|seldom)[a-z]*|"
        r"\brather than\b|\binstead of\b|"
        # words whose meaning holds a negation, the way translators render 不好 / «плохо»
        # ("bad"), 不要 ("refrain"), 不知道 ("ignorant"), 并不完美 ("far from perfect"),
        # 不应该一个人去 ("too young to go alone"), 不可或缺 ("indispensable")
        r"\b(?:bad|badly|wrong|wrongly|refus|refrain|ignoran|ignor|hesitat|indispens|inviolab|"
        r"forbid|prohibit)[a-z]*|\bfar from\b|\btoo [a-z]+ to\b|\bat a loss\b|"
        r"\bindisput[a-z]*|\bundeni[a-z]*|"
        # "had yet to begin" = 还没有开始, "stopped moving" = 不动了
        r"\b(?:have|has|had|is|are|was|were|am)\s+yet\s+to\b|\bstop(?:s|ped|ping)?\s+[a-z]+ing\b|"
        # a negative question asks ("don't you agree?" = 你承不承认？): it does not deny
        r"\b(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|wo|should|must|"
        r"ca|need)n['’]t\s+(?:you|we|they|he|she|it|i|there|that|this)\b(?=[^.!?。]*\?)",
        re.IGNORECASE),
    "ru": re.compile(
        r"(?<![\w-])(?:не(?!дел|скольк|котор|мног|мал|давн|обходим|редк|больш|фт|бес|бо|рв|мец|"
        r"мц|вест|задолго|ужели|чт|кт|гр|он|йр|йтр|ч[её]т|жн|сколь|ль|пал)[а-яё]{4,}|"
        r"бе[зс](?!ед|поко)[а-яё]{4,}|отсутств\w*|лиш[её]н\w*|едва|вряд ли|редко|мало|плохо|"
        r"(?<=[,\s])а\s+не|вместо)(?![\w-])",
        re.IGNORECASE),
    "zh": re.compile(
        r"前所未有|史无前例|史無前例|闻所未闻|聞所未聞|无症状|無症狀|无线|無線|无辜|無辜|无偿|"
        r"無償|无私|無私|无效|無效|无关|無關|无家可归|無家可歸|无限|無限|无形|無形|无人|無人|"
        r"无视|無視|无助|無助|无能|無能|无罪|無罪|无意|無意|无缘|無緣|无奈|無奈|无须|無須|无需|"
        r"無需|无聊|無聊|无厌|無厭|无[\u4e00-\u9fff]不[\u4e00-\u9fff]|不礼貌|不禮貌|不满|不滿|不安|不良|不幸|不利|不足|不确定|不確定|不稳定|不穩定|不平衡|不平等|"
        r"不公|不法|不当|不當|不合理|不必要|不可避免|不可能|不正常|不明|不知名|不合法|不健康|"
        r"不便|不适|不適|不清|不再|非法|非正式|非政府|非典型|非营利|非營利|未成年|未知|未经|"
        r"未經|不[\u4e00-\u9fff]不[\u4e00-\u9fff]|无[\u4e00-\u9fff]无[\u4e00-\u9fff]|"
        r"缺乏|缺少|缺席|失败|失敗|难以|難以|免费|免費|免除|而非|而不是|而不|并非|並非|不见了|"
        # adjectives and verbs whose negation is lexical: 不高兴 = "unhappy", "upset", "offended"
        r"不高兴|不高興|不开心|不開心|不愉快|不舒服|不耐烦|不耐煩|不像话|不像話|不正当|不正當|"
        r"不争|不爭|不大好看|不好看|不起眼|不情愿|不情願|不乐意|不樂意|"
        # 好久不见 / 几年不见: "long time no see", "years since I saw you"
        r"(?:好久|许久|許久|多年|几年|幾年|[一二两兩三四五六七八九十几幾]+年|多日|几天|幾天)不见"),
}


@dataclass(frozen=True)
class NegationCues:
    """The explicit cues of a text, grouped (concord partners share a group), and affixal ones."""

    explicit: tuple[tuple[tuple[int, int], ...], ...]
    affixal: tuple[tuple[int, int], ...]

    @property
    def strength(self) -> int:
        """Explicit negations (one per concord group)."""
        return len(self.explicit)

    @property
    def total(self) -> int:
        """Explicit and affixal negations together."""
        return len(self.explicit) + len(self.affixal)

    def spans(self) -> list[list[int]]:
        return [[s, e] for group in self.explicit for s, e in group]


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def _groups(text: str, lang: str, cues: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Join concord partners (ни-words, neither / nor) to the nearest cue of the same sentence."""
    concord = _CONCORD.get(lang)
    groups: list[list[tuple[int, int]]] = []
    for span in cues:
        word = text[span[0] : span[1]]
        if groups and concord is not None:
            last = groups[-1][-1]
            between = text[last[1] : span[0]]
            previous = text[last[0] : last[1]]
            if lang == "en":  # "neither X nor Y" is one negation, "didn't X, nor did Y" two
                partner = word.lower() == "nor" and previous.lower() == "neither"
            else:
                partner = bool(concord.fullmatch(word) or concord.fullmatch(previous))
            if partner and not re.search(r"[.;!?。；！？]", between) and len(between) <= 60:
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups


SET_PHRASE = 4
"""Shortest CC-CEDICT headword whose negation is lexical (三字 words such as 没办法 are not)."""


def _set_phrases(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Set phrases of at least :data:`SET_PHRASE` characters holding a cue not already read."""
    cue = _EXPLICIT["zh"]
    spans: list[tuple[int, int]] = []
    for start, end in headwords_in(text, SET_PHRASE):
        if spans and start < spans[-1][1]:
            continue  # a phrase inside the previous one
        if cue.search(text, start, end) and not any(s < end and start < e for s, e in taken):
            spans.append((start, end))
    return spans


def find_cues(text: str, lang: str) -> NegationCues:
    """The negation cues of ``text`` (no cues for a language without a list)."""
    lang = lang[:2].lower()
    explicit = _EXPLICIT.get(lang)
    if explicit is None:
        return NegationCues((), ())
    if lang == "zh":
        text = simplified(text)  # 無微不至 as 无微不至: the lists hold Simplified forms
    blocked = [(m.start(), m.end()) for m in _NOT_NEGATION[lang].finditer(text)]
    affixal = [(m.start(), m.end()) for m in _AFFIXAL[lang].finditer(text)
               if not _inside(m.start(), blocked)]
    if lang == "zh":
        affixal += _set_phrases(text, [*blocked, *affixal])
    cues = [(m.start(), m.end()) for m in explicit.finditer(text)
            if not _inside(m.start(), blocked) and not _inside(m.start(), affixal)]
    groups = _groups(text, lang, cues)
    return NegationCues(tuple(tuple(g) for g in groups), tuple(affixal))
