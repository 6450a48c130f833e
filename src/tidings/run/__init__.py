"""Running the coder over many articles: the ingest loop, its worker processes, the
per-article time budget."""
