"""Small grammar helpers for the linguistic drift checks (tense, aspect, pronoun gender).

The model's geometry barely moves for a changed tense or pronoun, so these
checks read the grammar itself: English verb groups (lemminflect word forms),
Russian morphology (natasha's tagger) and Chinese time and aspect markers
(jieba words).
"""

from __future__ import annotations


def wordset(words: str) -> frozenset[str]:
    """A word list written as one space-separated string (easier to read and extend)."""
    return frozenset(words.split())
