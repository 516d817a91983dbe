"""The workbench: align versions of a text, score every pair, and show where meaning drifted."""

from __future__ import annotations

__version__ = "0.1.0"
