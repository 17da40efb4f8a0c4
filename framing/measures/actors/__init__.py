"""Sentiment toward actors, split by job: ``mentions`` (registry and discovered names),
``speakers`` (who speaks), ``tone`` (how a mention is presented), ``score`` (the per-article result)."""

from framing.measures.actors.descriptors import Descriptor
from framing.measures.actors.score import ActorScore, ActorsResult, Mention, score_actors
from framing.measures.actors.tone import Evidence, target_evidence, target_polarity

__all__ = ["ActorScore", "ActorsResult", "Descriptor", "Evidence", "Mention", "score_actors",
           "target_evidence", "target_polarity"]
