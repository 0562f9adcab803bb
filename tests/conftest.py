"""Shared fixtures: the shipped fact store, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.load(FACTS)
