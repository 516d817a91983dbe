"""Tests of workbench.review."""

from __future__ import annotations
