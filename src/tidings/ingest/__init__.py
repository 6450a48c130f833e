"""Input stage: bytes, text, HTML and JSONL in; cleaned :class:`~tidings.model.Article` out.

Every problem with the input is an :class:`InputError` with a one-line message saying
what is wrong and what to do.
"""

from tidings.ingest.article import from_html, from_text, looks_like_html, make_id
from tidings.ingest.clean import boilerplate_patterns, clean_text, is_boilerplate, is_doubled
from tidings.ingest.decode import DEFAULT_MAX_BYTES, read_bytes_as_text
from tidings.ingest.errors import InputError
from tidings.ingest.readers import read_jsonl, read_path
from tidings.ingest.validate import (
    DEFAULT_MAX_CHARS,
    detect_language_ok,
    normalize_date,
    validate_article_text,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "InputError",
    "boilerplate_patterns",
    "clean_text",
    "detect_language_ok",
    "from_html",
    "from_text",
    "is_boilerplate",
    "is_doubled",
    "looks_like_html",
    "make_id",
    "normalize_date",
    "read_bytes_as_text",
    "read_jsonl",
    "read_path",
    "validate_article_text",
]
