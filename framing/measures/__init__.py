"""One module per measure: loaded vocabulary, actors, opinion vs report, readability."""
