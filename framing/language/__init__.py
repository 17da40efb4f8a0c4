"""The German language layer: pipeline (tokens, sentences, tags, lemmas), analysis arrays, voices."""
