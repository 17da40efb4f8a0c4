"""State of one dashboard session, without Streamlit: filters that stay valid, the view in
the URL, and the bounded cache of analysed articles.

Functions take the session state as a plain mutable mapping (Streamlit's
``st.session_state`` or a dict in tests), so every rule here is tested without a browser.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any

#: Query parameters that carry the view: collection, sources, actors, view (tab), language.
URL_KEYS = {"collection": "c", "sources": "s", "actors": "a", "view": "v", "lang": "lang"}
LIST_KEYS = frozenset({"sources", "actors"})
#: Analysed articles kept per session (each holds its full analysis, a few MB per long text).
ANALYSED_PER_SESSION = 4


def keep_valid(state: MutableMapping[str, Any], key: str, options: Sequence, default: Any = None) -> Any:
    """Make ``state[key]`` one of ``options``: kept when valid, else ``default`` (or the first option)."""
    options = list(options)
    value = state.get(key)
    if value not in options:
        value = default if default in options else (options[0] if options else None)
        state[key] = value
    return value


def keep_valid_many(state: MutableMapping[str, Any], key: str, options: Sequence, default: Sequence,
                    *, reset_when_options_change: bool = True) -> list:
    """Make the list ``state[key]`` a valid choice among ``options``.

    When the options change (another source, article or collection) the choice is reset to
    ``default`` (``reset_when_options_change``), so no stale value from the old options can
    hide rows of the new ones; otherwise values no longer offered are dropped.
    """
    options = list(options)
    marker = f"_options_{key}"
    changed = state.get(marker) != options
    state[marker] = options
    if key not in state or (changed and reset_when_options_change):
        value = [v for v in default if v in options]
    else:
        value = [v for v in state[key] if v in options]
    state[key] = value
    return value


def follow_sources(state: MutableMapping[str, Any], names: Sequence[str]) -> list[str]:
    """Sources shown: new sources join, sources the user removed stay removed, gone ones drop."""
    known = state.get("_known_sources", [])
    kept = [n for n in state.get("sources", []) if n in names]
    state["sources"] = kept + [n for n in names if n not in known and n not in kept]
    state["_known_sources"] = list(names)
    return state["sources"]


def follow_actors(state: MutableMapping[str, Any], offered: Sequence[str], default: Sequence[str]) -> list[str]:
    """Actors shown: the ``default`` (most mentioned of the current selection) until the user
    picks actors (``state["_actors_picked"]``); then the picked ones still offered."""
    if not state.get("_actors_picked") or "actors" not in state:
        state["actors"] = [a for a in default if a in offered]
    else:
        state["actors"] = [a for a in state["actors"] if a in offered]
    return state["actors"]


def read_url(state: MutableMapping[str, Any], params: Any) -> None:
    """Copy the view from the URL's query parameters into ``state`` (once per session)."""
    if state.get("_url_read"):
        return
    state["_url_read"] = True
    for key, short in URL_KEYS.items():
        if key in LIST_KEYS:
            values = params.get_all(short) if hasattr(params, "get_all") else params.get(short, [])
            if values:
                state[key] = [v for v in values if v]
                if key == "actors":
                    state["_actors_picked"] = True
                if key == "sources":
                    state["_known_sources"] = []
        else:
            value = params.get(short)
            if value:
                state[key] = value


def url_params(state: MutableMapping[str, Any]) -> dict[str, str | list[str]]:
    """The query parameters that reopen the current view."""
    out: dict[str, str | list[str]] = {}
    for key, short in URL_KEYS.items():
        value = state.get(key)
        if key == "actors" and not state.get("_actors_picked"):
            continue
        if value:
            out[short] = list(value) if key in LIST_KEYS else str(value)
    return out


def analysed(state: MutableMapping[str, Any], key: str, compute: Callable[[], Any],
             limit: int = ANALYSED_PER_SESSION) -> Any:
    """``compute()`` cached in the session under ``key``, at most ``limit`` results kept."""
    cache: OrderedDict = state.setdefault("_analysed", OrderedDict())
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    value = compute()
    cache[key] = value
    while len(cache) > limit:
        cache.popitem(last=False)
    return value
