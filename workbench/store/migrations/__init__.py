"""Alembic migrations of the workbench database (run by ``workbench.store.upgrade_database``)."""

from __future__ import annotations
