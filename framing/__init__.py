"""Source bias and framing comparator for German news articles.

Read articles with :mod:`framing.io.reader`, analyse them with :mod:`framing.language.analysis`,
score them with :mod:`framing.score` (loaded vocabulary, actors, opinion vs report,
readability). Nothing is loaded at import time.
"""

__version__ = "0.1.0"
