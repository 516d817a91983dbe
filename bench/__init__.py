"""Benchmarks: ``python -m bench.<name>`` prints figures (they may be noisy on a shared machine)."""

from __future__ import annotations
