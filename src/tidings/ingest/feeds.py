"""RSS (0.9x, 1.0, 2.0) and Atom feed files -> one Article per item or entry, read by
feedparser.

Entities are handled before the XML parser sees the document: the DOCTYPE is removed;
entities it declares with a short literal value are replaced by that value, and
external ones (XXE) or ones built from other entities ("billion laughs") by nothing,
with one error saying so; HTML named entities (&eacute;, &nbsp;, common in feeds
that point at the RSS 0.91 DTD) become their characters; any other ``&name;`` stays as
literal text. feedparser then reads the document with nothing left to expand or fetch,
so no file is read and nothing expands. Item content that is HTML goes
through the same extraction as a web page.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html as htmllib
import re
from collections.abc import Iterator

from tidings.ingest.article import from_html, from_text, looks_like_html
from tidings.ingest.decode import DEFAULT_MAX_BYTES, read_bytes_as_text, sniff_binary
from tidings.ingest.errors import InputError
from tidings.ingest.prolog import match_doctype, skip_prolog
from tidings.model import Article

MAX_ENTITY_VALUE = 200  # longer literal entity values are left out, like nested ones
MIN_EXPANSION = 1_000_000  # entities may add this many characters, or the feed's own size
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b")  # after the prolog and any DOCTYPE
_XML_DECL = re.compile(r"\A\s*<\?xml\s[^>]*?\?>", re.S)
_ENCODING = re.compile(rb"\A\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_ENTITY_DECL = re.compile(
    r"<!ENTITY\s+(%\s+)?([^\s\"'>]+)\s+(?:\"([^\"]*)\"|'([^']*)'|[^>]*?(?:SYSTEM|PUBLIC)\b[^>]*)\s*>",
    re.S,
)
_REF = re.compile(r"&([A-Za-z_][\w.:-]*);")
_NESTED = re.compile(r"[<%]|&[A-Za-z_]")  # markup, or a reference to another entity
_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})


def looks_like_feed(text: str) -> bool:
    head = text[:65_536]  # the prolog may be long (comments); the walk is linear
    pos = skip_prolog(head)
    doctype = match_doctype(head, pos)
    if doctype is not None:
        pos = skip_prolog(head, doctype.end())
    return bool(_FEED_ROOT.match(head, pos))


def decode_feed(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a feed file: the encoding its XML declaration names when the bytes are
    not UTF-8 (an ISO-8859-1 or windows-1251 feed), else the usual sniffing."""
    match = _ENCODING.match(data[:200])
    if match is not None and len(data) <= max_bytes and sniff_binary(data) is None:
        codec = match.group(1).decode("ascii").lower()
        if codec not in ("utf-8", "utf8") and not codec.startswith(("utf-16", "utf-32", "ucs")):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252" if codec in ("iso-8859-1", "latin-1", "latin1",
                                                             "us-ascii", "ascii") else codec)
                except (LookupError, UnicodeDecodeError):
                    text = ""
                if text.strip() and "\x00" not in text:
                    return text
    return read_bytes_as_text(data, max_bytes=max_bytes)


def _without_entities(text: str) -> tuple[str, list[str]]:
    """``text`` with no DOCTYPE and no entity references but the five of XML; the names of
    the declared entities left out (external, nested or too long)."""
    declared: dict[str, str] = {}
    dropped: list[str] = []
    start = skip_prolog(text)
    match = match_doctype(text, start)
    if match is not None:
        for decl in _ENTITY_DECL.finditer(match.group(1) or ""):
            parameter, name = decl.group(1), decl.group(2)
            value = decl.group(3) if decl.group(3) is not None else decl.group(4)
            if parameter:
                continue  # a parameter entity only works inside the DTD, which is gone
            if value is None or len(value) > MAX_ENTITY_VALUE or _NESTED.search(value):
                dropped.append(name)
            else:  # plain text and character references (&#169;)
                declared[name] = re.sub(r"&(?!#)", "&amp;", value)
        text = text[:start] + text[match.end():]
    gone = set(dropped)
    budget = [max(MIN_EXPANSION, len(text))]  # characters entities may add, all together

    def replace(ref: re.Match[str]) -> str:
        name = ref.group(1)
        if name in _XML_PREDEFINED:
            return ref.group(0)
        if name in declared:
            value = declared[name]
            budget[0] -= len(value)
            if budget[0] >= 0:
                return value
            if name not in gone:  # a short entity used a million times: a memory bomb too
                gone.add(name)
                dropped.append(name)
            return ""
        if name in gone:
            return ""
        char = htmllib.entities.html5.get(name + ";")
        return htmllib.escape(char, quote=False) if char else "&amp;" + name + ";"

    return _REF.sub(replace, text), dropped


def _date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()  # Atom: ISO 8601
    except ValueError:
        return None


def read_feed(text: str, *, source: str | None = None, date: str | None = None,
              max_chars: int | None = None) -> Iterator[Article | InputError]:
    """Articles from an RSS (0.9x, 1.0, 2.0) or Atom document; a bad item yields an
    InputError, and so do entities left out (external or nested ones), once per feed."""
    import feedparser

    text, dropped = _without_entities(_XML_DECL.sub("", text, count=1))
    # bytes, not str: feedparser fetches a string that looks like a URL; these are the document
    parsed = feedparser.parse(text.encode("utf-8"), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries or (parsed.get("bozo") and not any(_body(e) for e in parsed.entries)):
        if parsed.get("bozo"):
            raise InputError(f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}",
                             source=source)
        raise InputError("feed has no <item> or <entry>: nothing to code", source=source)
    return _items(parsed.entries, dropped, source=source, date=date, max_chars=max_chars)


def _items(items: list, dropped: list[str], *, source: str | None, date: str | None,
           max_chars: int | None) -> Iterator[Article | InputError]:
    if dropped:
        names = ", ".join(dropped[:5]) + (f" and {len(dropped) - 5} more" if len(dropped) > 5 else "")
        yield InputError(
            f"the feed declares entities that are external files, built from other entities or "
            f"used so often they would multiply its size ({names}): not expanded, left out of "
            f"the text (they could read local files or blow up memory)", source=source)
    for n, it in enumerate(items, 1):
        title = (it.get("title") or "").strip() or None
        link = it.get("link") or None  # the entry's rel="alternate" link, never rel="self"
        body = _body(it)
        when = _entry_date(it)
        ident = (it.get("id") or "").strip() or None
        if not body:
            yield InputError(f"item {n}: no text in the feed item", source=source)
            continue
        kwargs = {"id": ident, "date": when or date, "url": link, "source": source, "title": title}
        if max_chars is not None:
            kwargs["max_chars"] = max_chars
        try:
            if looks_like_html(body):
                yield from_html(body, **kwargs)
            else:
                yield from_text(_strip_tags(body), **kwargs)
        except InputError as exc:
            yield InputError(f"item {n}: {exc}", source=source, article_id=ident)


def _body(it) -> str | None:  # noqa: ANN001 - feedparser's entry
    """The item's full content (content:encoded, Atom content), else its summary."""
    for c in it.get("content") or ():
        value = (c.get("value") or "").strip()
        if value:
            return value
    return (it.get("summary") or "").strip() or None


def _entry_date(it) -> str | None:  # noqa: ANN001 - feedparser's entry
    """The day the item was published (pubDate, Atom published/updated, dc:date), as its
    feed wrote it (its own time zone); feedparser's UTC reading when ours cannot."""
    for key in ("published", "updated", "created"):
        day = _date(it.get(key))
        if day:
            return day
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = it.get(key)
        if t:
            return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
    return None


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
