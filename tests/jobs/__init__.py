"""Tests of workbench.jobs."""

from __future__ import annotations
