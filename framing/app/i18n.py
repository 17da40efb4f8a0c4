"""The dashboard's words in German and English, read from ``framing/app/strings/<lang>.toml``.

Every label, explanation, measure name and category label the dashboard shows lives in
those data files, one per language, with the same keys. :func:`strings` returns a
:class:`Strings` that formats a key with named values (``tr("n_rows", n=3)``); a key
missing in one language falls back to English, then to the key itself, so a missing
string is visible but never breaks the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import tomllib

LANGUAGES = ("de", "en")
DEFAULT = "de"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


@lru_cache(maxsize=len(LANGUAGES))
def table(lang: str) -> dict[str, str]:
    """All strings of ``lang`` as ``{"section.key": text}``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    text = resources.files("framing").joinpath(f"app/strings/{lang}.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


@dataclass(frozen=True)
class Strings:
    """The strings of one language; call it with a key and named values."""

    lang: str

    def __call__(self, key: str, **values: Any) -> str:
        text = table(self.lang).get(key) or table("en").get(key) or key
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in table(self.lang) or key in table("en")

    def category(self, name: str) -> str:
        """Readable label of a loaded-vocabulary category (the code itself when unknown)."""
        key = f"category.{name}"
        return self(key) if self.has(key) else name

    def number(self, value: float, spec: str = ".1f") -> str:
        """``value`` formatted, with a decimal comma in German; an en dash for NaN."""
        if value is None or value != value:
            return "–"
        text = f"{value:{spec}}"
        if text.startswith("-") and float(text.replace(",", "")) == 0:
            text = text[1:]
        if self.lang == "de":
            text = text.replace(",", "\u202f").replace(".", ",")
        return text.replace("-", "−")


def strings(lang: str | None) -> Strings:
    return Strings(lang if lang in LANGUAGES else DEFAULT)
