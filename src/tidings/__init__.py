"""tidings: news in, event data out."""

__version__ = "0.1.0"
