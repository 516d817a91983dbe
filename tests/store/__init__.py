"""Tests of workbench.store."""

from __future__ import annotations
