"""Alembic revision scripts, oldest first."""

from __future__ import annotations
