"""RSS 2.0 and Atom feed files -> one Article per item or entry.

Parsed with lxml without network access, DTD loading or entity resolution, so a feed
with external entities (XXE) cannot read files and one with nested entity definitions
("billion laughs") cannot blow up memory. Item content that is HTML goes through the
same extraction as a web page.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator

from tidings.ingest.article import from_html, from_text, looks_like_html
from tidings.ingest.errors import InputError
from tidings.model import Article

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_FEED_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<(rss|feed|rdf:RDF)\b", re.S)


def looks_like_feed(text: str) -> bool:
    return bool(_FEED_START.match(text[:4096]))


def _date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()  # Atom: ISO 8601
    except ValueError:
        return None


def _text(el) -> str | None:  # noqa: ANN001
    return el.text.strip() if el is not None and el.text and el.text.strip() else None


def read_feed(text: str, *, source: str | None = None, date: str | None = None,
              max_chars: int | None = None) -> Iterator[Article | InputError]:
    """Articles from an RSS or Atom document; a bad item yields an InputError."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"not a readable RSS/Atom feed: {exc}", source=source) from None
    items = root.findall(".//item") or root.findall(f".//{ATOM}entry")
    if not items:
        raise InputError("feed has no <item> or <entry>: nothing to code", source=source)
    for n, it in enumerate(items, 1):
        atom = it.tag.startswith(ATOM)
        title = _text(it.find(f"{ATOM}title" if atom else "title"))
        if atom:
            link_el = it.find(f"{ATOM}link")
            link = link_el.get("href") if link_el is not None else None
            body = _text(it.find(f"{ATOM}content")) or _text(it.find(f"{ATOM}summary"))
            when = _date(_text(it.find(f"{ATOM}published")) or _text(it.find(f"{ATOM}updated")))
            ident = _text(it.find(f"{ATOM}id"))
        else:
            link = _text(it.find("link"))
            body = _text(it.find(CONTENT)) or _text(it.find("description"))
            when = _date(_text(it.find("pubDate")))
            ident = _text(it.find("guid"))
        if not body:
            yield InputError(f"item {n}: no text in the feed item", source=source)
            continue
        kwargs = {"id": ident or None, "date": when or date, "url": link, "source": source, "title": title}
        if max_chars is not None:
            kwargs["max_chars"] = max_chars
        try:
            if looks_like_html(body):
                yield from_html(body, **kwargs)
            else:
                yield from_text(_strip_tags(body), **kwargs)
        except InputError as exc:
            yield InputError(f"item {n}: {exc}", source=source)


_TAG = re.compile(r"<[A-Za-z/][^>]*>")


def _strip_tags(body: str) -> str:
    """The text of an HTML fragment ("<p>Bolivia protested ...</p>"), paragraphs kept."""
    if not _TAG.search(body):
        return body
    from lxml import html

    try:
        frag = html.fragment_fromstring(body, create_parent="div")
    except (ValueError, TypeError):
        return _TAG.sub(" ", body)
    for br in frag.iter("br", "p", "div", "li"):
        br.tail = ("\n\n" + br.tail) if br.tail else "\n\n"
    return frag.text_content()
