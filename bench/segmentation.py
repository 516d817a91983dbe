"""Segmentation benchmark: boundary accuracy and speed on the Tatoeba sentences.

Run ``python -m bench.segmentation``. It reads
``<shared>/data/tatoeba/{cmn-eng.cmn, cmn-eng.eng, rus-eng.rus}`` (never copied into
the project; see :func:`workbench.config.shared_dir`), glues the one-per-line
sentences into paragraphs of five, segments them again and reports, per language:
boundary precision (cuts that fall between two original sentences) and recall
(original boundaries after sentence-final punctuation that were found), segments/s
and characters/s. It also times a synthetic 100k-character news text and a 5 MB
line without punctuation. Figures on a shared machine are noisy. Some Tatoeba
entries hold two sentences ("No, I'm not! Oh!"), so a correct split there counts
against precision.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from workbench.config import shared_dir
from workbench.nlp.segment.core import segment_text

FILES = {"zh": "cmn-eng.cmn", "en": "cmn-eng.eng", "ru": "rus-eng.rus"}
SENTENCES_PER_PARAGRAPH = 5
NEWS = {
    "en": "MOSCOW, Aug. 29 (Reuters) - Mr. Putin met U.S. envoy John Smith Jr. on Tuesday. "
          "The talks lasted two hours, officials said.\n\n",
    "ru": "В. В. Путин провёл встречу, т. е. переговоры, в Кремле в 2024 г. Затем он уехал. "
          "Об этом сообщил Д. С. Песков.\n\n",
    "zh": "国务院总理李强主持召开会议。会议指出：“要稳就业。各地要抓好落实。”与会者表示赞同。\n\n",
}
_FINAL = tuple(".!?。！？…\"'”’»」』)）")


def build_document(sentences: list[str], lang: str) -> tuple[str, set[int], set[int]]:
    """The glued text, all sentence-end offsets, and those after sentence-final punctuation."""
    joiner = "" if lang in {"zh", "ja"} else " "
    parts: list[str] = []
    ends: set[int] = set()
    punctuated: set[int] = set()
    position = 0
    for i, sentence in enumerate(sentences):
        if i and i % SENTENCES_PER_PARAGRAPH == 0:
            parts.append("\n\n")
            position += 2
        elif i:
            parts.append(joiner)
            position += len(joiner)
        parts.append(sentence)
        position += len(sentence)
        ends.add(position)
        if sentence.endswith(_FINAL):
            punctuated.add(position)
    return "".join(parts), ends, punctuated


def score(lang: str, sentences: list[str], repeat: int = 5) -> dict[str, float]:
    text, ends, punctuated = build_document(sentences, lang)
    segment_text(text[:1000], lang)  # warm up: language tables are built on first use
    started = time.perf_counter()
    for _ in range(repeat):
        segments = segment_text(text, lang)
    elapsed = (time.perf_counter() - started) / repeat
    cuts = {s.end for s in segments}
    precision = len(cuts & ends) / len(cuts) if cuts else 0.0
    inner = {end for end in punctuated if end != len(text)}
    recall = len(cuts & inner) / len(inner) if inner else 0.0
    return {"sentences": len(sentences), "segments": len(segments), "precision": precision,
            "recall": recall, "segments_per_s": len(segments) / elapsed,
            "chars_per_s": len(text) / elapsed}


def time_text(text: str, lang: str) -> tuple[int, float]:
    started = time.perf_counter()
    segments = segment_text(text, lang)
    return len(segments), time.perf_counter() - started


def main() -> int:
    folder = shared_dir() / "data" / "tatoeba"
    if not folder.is_dir():
        print(f"skipped: Tatoeba data not found at {folder}")
    else:
        for lang, name in FILES.items():
            path: Path = folder / name
            if not path.is_file():
                print(f"{lang}: skipped, {path} missing")
                continue
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            r = score(lang, [line for line in lines if line])
            print(f"{lang}: {r['sentences']:.0f} sentences -> {r['segments']:.0f} segments, "
                  f"boundary precision {r['precision']:.3f}, recall {r['recall']:.3f}, "
                  f"{r['segments_per_s']:,.0f} segments/s, {r['chars_per_s']:,.0f} chars/s")
    for lang, paragraph in NEWS.items():
        text = (paragraph * (100_000 // len(paragraph) + 1))[:100_000]
        count, seconds = time_text(text, lang)
        print(f"{lang} 100k chars: {count} segments in {seconds * 1000:.0f} ms "
              f"({count / seconds:,.0f} segments/s, {len(text) / seconds:,.0f} chars/s)")
    count, seconds = time_text("word " * 1_000_000, "en")
    print(f"5 MB line without punctuation: {count} segments in {seconds:.2f} s (goal < 10 s)")
    count, seconds = time_text("а. " * 200_000, "ru")
    print(f"600k chars of «а. » (razdel alone is quadratic there): {count} segments in "
          f"{seconds:.2f} s (goal < 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
