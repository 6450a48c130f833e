"""One document to one :class:`~tidings.model.Article`: plain text or an HTML page."""

from __future__ import annotations

import hashlib
import re

from tidings.errors import HTML_CLEANER, MissingDependency, require
from tidings.extract.dateline import dateline_date
from tidings.ingest.clean import clean_text, strip_unparsable
from tidings.ingest.errors import InputError
from tidings.ingest.prolog import skip_prolog
from tidings.ingest.validate import (
    DEFAULT_MAX_CHARS,
    json_type,
    normalize_date,
    validate_article_text,
)
from tidings.model import Article

_HTML_START = re.compile(r"<(?:!doctype\s+html|html)\b", re.I)  # after the prolog
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|article|section|header|footer|nav|main|meta|link|"
    r"script|style|title|h[1-6]|a|br|ul|ol|li|table|tr|td|img|figure|figcaption)\b[^<>]*>",
    re.I,
)
_SNIFF_CHARS = 65_536
PARSER_MAX_DEPTH = 255  # lxml (libxml2) drops elements nested deeper than this, text and all
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
# elements that never nest (void) or whose end tag the parser implies (p, li, td...)
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th tbody thead tfoot option optgroup colgroup rt rp".split()
)


def make_id(body: str) -> str:
    """The default article id: ``sha1:`` + the first 16 hex digits of the body's SHA-1."""
    return "sha1:" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:16]


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document (or a fragment full of HTML tags)."""
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if _HTML_START.match(head, skip_prolog(head)):
        return True
    if not head.startswith("<"):
        # a plain-text article may quote a tag or two; a page fragment has many
        return len(_HTML_TAG.findall(head, 0, 4096)) >= 8
    return len(_HTML_TAG.findall(head)) >= 3


def too_deep(html: str, limit: int = PARSER_MAX_DEPTH) -> bool:
    """True when elements in ``html`` nest deeper than ``limit``: the parser drops what is
    below, so a page whose text sits there looks empty. Counts open and close tags, so
    it stops early on a deep page and costs one regex pass on others."""
    depth = 0
    for m in _TAG_TOKEN.finditer(html):
        if m.group(3) or m.group(2).lower() in _FLAT:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > limit:
                return True
    return False


def check_id(id: object) -> str | None:
    """A given article id as a clean string (ints allowed), None when not given."""
    if id is None:
        return None
    if isinstance(id, bool) or not isinstance(id, (str, int)):
        raise InputError(f"id must be a string, got {json_type(id)}: give a string id")
    text = strip_unparsable(str(id)).strip()
    if not text:
        raise InputError("id is empty: give a non-empty id or leave it out")
    return text


def check_str(value: object, field: str) -> str | None:
    """An optional string field, stripped; None when absent or blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{field} must be a string, got {json_type(value)}")
    return strip_unparsable(value).strip() or None


def from_text(
    raw: str,
    *,
    id: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """An :class:`Article` from a scraped plain-text article.

    The text goes through :func:`clean_text` (title, boilerplate, doubled captions)
    and :func:`validate_article_text`. ``title``, when given, overrides the detected
    title. ``id`` defaults to :func:`make_id` of the cleaned body.
    """
    if not isinstance(raw, str):
        raise InputError(f"expected text, got {type(raw).__name__}: decode the bytes first")
    if len(raw) > 4 * max_chars:
        raise InputError(
            f"input is {len(raw):,} characters, far over the limit of {max_chars:,}: "
            f"split it or raise the limit (--max-chars)"
        )
    checked_id = check_id(id)
    iso_date = normalize_date(date)
    given_title = check_str(title, "title")
    detected, body = clean_text(raw, known_title=given_title)
    validate_article_text(body, max_chars=max_chars)
    if iso_date is None:
        iso_date = dateline_date(body)  # "LONDON, March 3, 2019 (Reuters) -"
    return Article(
        id=checked_id or make_id(body),
        text=body,
        title=detected,
        date=iso_date,
        url=check_str(url, "url"),
        source=source,
    )


def _extract(html: str, url: str | None) -> object:
    """trafilatura's bare extraction: main text + metadata, no comments, no network."""
    require(*HTML_CLEANER)  # jusText needs it; without it every page would look broken
    require("trafilatura", "trafilatura", "reading HTML", "pip install trafilatura")
    import trafilatura  # heavy import: only when HTML comes in

    return trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        with_metadata=True,
        deduplicate=False,
        # inert markup a browser never shows: a <template> holds text for scripts
        prune_xpath=["//template"],
        # publication date from markup only (meta tags, <time>, JSON-LD, URL): a date
        # guessed from the article text is often the date of an event it reports
        date_extraction_params={"original_date": True, "extensive_search": False},
    )


def _meta_str(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def from_html(
    html: str,
    *,
    id: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """An :class:`Article` from an HTML page, without any network access.

    trafilatura extracts the main text (comments excluded, precision favoured) and
    the page metadata; title, date and canonical URL come from the page unless given
    here. The text then goes through the same boilerplate cleaning as plain text.
    """
    if not isinstance(html, str):
        raise InputError(f"expected HTML text, got {type(html).__name__}: decode the bytes first")
    if not html.strip():
        raise InputError("empty input: the HTML page is blank: give an article page")
    if len(html) > 10 * max_chars:
        raise InputError(
            f"HTML page is {len(html):,} characters, over the limit of {10 * max_chars:,}: "
            f"save the article part or raise the limit (--max-chars)"
        )
    checked_id = check_id(id)
    iso_date = normalize_date(date)
    given_title = check_str(title, "title")
    given_url = check_str(url, "url")
    try:
        doc = _extract(strip_unparsable(html), given_url)
    except RecursionError:
        raise InputError(
            "the HTML is nested too deeply to parse: give the article as plain text"
        ) from None
    except MemoryError:
        raise InputError("the HTML page is too large to parse: give a smaller page") from None
    except MissingDependency:
        raise
    except Exception as exc:  # the parser is a black box; any failure is a bad page
        raise InputError(
            f"the HTML could not be parsed ({type(exc).__name__}): give the article as plain text"
        ) from None
    text = _meta_str(doc, "text") if doc is not None else None
    if (doc is None or text is None) and too_deep(html):
        raise InputError(
            f"the HTML is nested too deeply to parse (more than {PARSER_MAX_DEPTH} levels of "
            f"elements) and no article text was found above that depth: give the article as "
            f"plain text"
        )
    if doc is None or text is None:
        raise InputError(
            "no article text found in the HTML (the page has no main text block): "
            "give an article page or its plain text"
        )
    page_title = given_title or _meta_str(doc, "title")
    detected, body = clean_text(str(getattr(doc, "text", "")), known_title=page_title, unwrap=False)
    validate_article_text(body, max_chars=max_chars)
    if iso_date is None:
        try:
            iso_date = normalize_date(_meta_str(doc, "date"))
        except InputError:
            iso_date = None  # an odd date in the page metadata is not the user's fault
    if iso_date is None:
        iso_date = dateline_date(body)
    return Article(
        id=checked_id or make_id(body),
        text=body,
        title=detected,
        date=iso_date,
        url=given_url or _meta_str(doc, "url"),
        source=source,
    )
