"""Sentiment toward actors, split by job: ``mentions`` (registry and discovered names),
``speakers`` (who speaks), ``tone`` (how a mention is presented), ``score`` (the per-article result).

The names below load their submodule on first use (PEP 562), so importing a light
submodule such as ``relative`` (intervals over stored polarities) does not load spaCy.
"""

from importlib import import_module

_HOME = {"Descriptor": "descriptors", "ActorScore": "score", "ActorsResult": "score", "Mention": "score",
         "score_actors": "score", "Evidence": "tone", "target_evidence": "tone", "target_polarity": "tone"}

__all__ = ["ActorScore", "ActorsResult", "Descriptor", "Evidence", "Mention", "score_actors",
           "target_evidence", "target_polarity"]


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
