"""Target-sentiment classifier (placeholder until trained)."""

from __future__ import annotations


def load():
    return None
