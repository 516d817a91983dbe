"""The in-memory memos (``nlp/embed/memo.py``): each text embedded once, counted exactly."""

from __future__ import annotations

from workbench.nlp.embed.fake import FakeEncoder
from workbench.nlp.embed.memo import MemoEncoder, shared_memo
from workbench.review.encoders import rescoring_encoder


def test_a_run_memo_embeds_each_distinct_text_once() -> None:
    fake = FakeEncoder()
    memo = MemoEncoder(fake)
    first = memo.encode(["a cat", "a dog", "a cat"])
    again = memo.encode(["a dog", "a cat", "a bird"])
    assert fake.texts_encoded == 3 and memo.size == 3
    assert (first[0] == again[1]).all() and (first[1] == again[0]).all()


def test_the_shared_memo_lasts_per_encoder_and_restarts_past_its_bound() -> None:
    fake, other = FakeEncoder(), FakeEncoder()
    memo = shared_memo(fake, max_texts=2)
    assert shared_memo(memo, max_texts=2) is memo and rescoring_encoder(memo) is memo
    assert shared_memo(other, max_texts=2) is not memo
    memo.encode(["one", "two"])
    assert shared_memo(fake, max_texts=2) is memo  # at the bound: kept
    shared_memo(fake, max_texts=2).encode(["one", "two", "three"])
    assert fake.texts_encoded == 3
    fresh = shared_memo(fake, max_texts=2)  # past it: started afresh
    assert fresh is not memo and fresh.size == 0


def test_corrections_share_one_memo_per_encoder() -> None:
    fake = FakeEncoder()
    rescoring_encoder(fake).encode(["the river rose"])
    rescoring_encoder(fake).encode(["the river rose"])
    assert fake.texts_encoded == 1
