"""The same-language word diff: inserted, deleted and replaced words, and its inline reading."""

from __future__ import annotations

import pytest

from workbench.nlp.drift.worddiff import changed, diff_words, inline_pieces, tokenize


def _changes(a: str, b: str) -> list[tuple[str, list[str], list[str]]]:
    return [(op.tag, [w.text for w in op.a], [w.text for w in op.b])
            for op in changed(diff_words(a, b))]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Kazakhstan and its landlocked neighbours met.", "Kazakhstan and its neighbours met.",
     [("delete", ["landlocked"], [])]),
    ("Operation Web destroyed forty aircraft.", "Operation Spider Web destroyed forty aircraft.",
     [("insert", [], ["Spider"])]),
    ("The treaty rests on amity and trust.", "The treaty rests on goodwill and trust.",
     [("replace", ["amity"], ["goodwill"])]),
    ("The meeting opens on Monday.", "The summit opens on Monday.",
     [("replace", ["meeting"], ["summit"])]),
    ("Он приехал в Москву в марте.", "Он не приехал в Москву в мае.",
     [("insert", [], ["не"]), ("replace", ["марте"], ["мае"])]),
    ("会议在北京举行。", "峰会在北京举行。", [("replace", ["会议"], ["峰会"])]),
])
def test_diff_marks_inserted_deleted_and_replaced_words(
        a: str, b: str, expected: list[tuple[str, list[str], list[str]]]) -> None:
    assert _changes(a, b) == expected


@pytest.mark.parametrize(("a", "b"), [
    ("The Leaders met in Astana.", "the leaders met in astana"),          # case, punctuation
    ("“Peace,” he said — at last!", "Peace he said at last"),
    ("Сотрудничество — это ключ.", "сотрудничество это ключ"),
    ("上海合作组织成立于2001年。", "上海合作组织成立于2001年"),
    ("It’s a new era.", "It's a new era."),                               # curly apostrophe
])
def test_case_and_punctuation_are_not_changes(a: str, b: str) -> None:
    assert _changes(a, b) == []


def test_word_offsets_point_into_the_text() -> None:
    for text in ("Spider Web, 2025: the drones' strike.", "上合组织峰会在天津举行",
                 "Саммит ШОС-2025"):
        words = tokenize(text)
        assert words and all(text[w.start:w.end] == w.text for w in words)
    assert [w.text for w in tokenize("Саммит ШОС-2025 прошёл")] == ["Саммит", "ШОС-2025", "прошёл"]


def test_jieba_resegmentation_of_the_same_characters_is_equal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # jieba may cut the same characters differently in two texts: that is not a change
    import jieba

    cuts = {"他们举行会谈": ["他们", "举行会谈"], "他们举行会谈了": ["他们", "举行", "会谈", "了"]}

    def tokenize_like_jieba(text: str) -> list[tuple[str, int, int]]:
        out, pos = [], 0
        for word in cuts[text]:
            out.append((word, pos, pos + len(word)))
            pos += len(word)
        return out

    monkeypatch.setattr(jieba, "tokenize", tokenize_like_jieba)
    assert _changes("他们举行会谈", "他们举行会谈了") == [("replace", ["举行会谈"],
                                                        ["举行", "会谈", "了"])]
    cuts["他们举行会谈。"] = ["他们", "举行", "会谈"]
    assert _changes("他们举行会谈", "他们举行会谈。") == []


@pytest.mark.parametrize(("a", "b"), [
    ("Kazakhstan and its landlocked neighbours met.", "Kazakhstan and its neighbours met."),
    ("The meeting opens on Monday.", "The summit opens on Monday, officials said."),
    ("They met today.", "They met."),
    ("会议在北京举行。", "峰会在北京隆重举行。"),
    ("", "A new text."),
])
def test_inline_pieces_rebuild_the_second_text(a: str, b: str) -> None:
    pieces = inline_pieces(a, b)
    assert "".join(t for kind, t in pieces if kind != "del") == b
    deleted = " ".join(t.strip() for kind, t in pieces if kind == "del")
    assert deleted == " ".join(" ".join(w.text for w in op.a)
                               for op in changed(diff_words(a, b)) if op.a)


def test_inline_pieces_keep_deleted_words_apart_from_their_neighbours() -> None:
    pieces = inline_pieces("its landlocked neighbours", "its neighbours")
    assert pieces == [("same", "its "), ("del", "landlocked "), ("same", "neighbours")]
    assert inline_pieces("the meeting ended", "the summit ended") == [
        ("same", "the "), ("del", "meeting "), ("ins", "summit"), ("same", " ended")]
    assert inline_pieces("They met today", "They met") == [("same", "They met"),
                                                           ("del", " today")]
