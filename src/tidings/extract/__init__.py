"""Per-article extraction that needs no parse: sentences, actors, dates, places, counts
and quotes with their speakers."""
