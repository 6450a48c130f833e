"""RSS 2.0 and Atom feed files -> one Article per item or entry.

Entities are handled before the XML parser sees the document: the DOCTYPE is removed;
entities it declares with a short literal value are replaced by that value, and
external ones (XXE) or ones built from other entities ("billion laughs") by nothing,
with one error saying so; HTML named entities (&eacute;, &nbsp;, common in feeds
that point at the RSS 0.91 DTD) become their characters; any other ``&name;`` stays as
literal text. lxml then parses without network access, DTD loading or entity
resolution, so no file is read and nothing expands. Item content that is HTML goes
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

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
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


def _text(el) -> str | None:  # noqa: ANN001
    """All the text inside ``el`` (child elements too), stripped; None when blank."""
    if el is None:
        return None
    text = "".join(el.itertext())
    return text.strip() or None


def _body(el) -> str | None:  # noqa: ANN001
    """The content of ``el``: its text, or its markup when it holds elements (Atom xhtml)."""
    if el is None or len(el) == 0:
        return _text(el)
    from lxml import etree

    inner = htmllib.escape(el.text or "", quote=False) + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in el
    )
    return inner.strip() or None


def read_feed(text: str, *, source: str | None = None, date: str | None = None,
              max_chars: int | None = None) -> Iterator[Article | InputError]:
    """Articles from an RSS or Atom document; a bad item yields an InputError, and so do
    entities left out (external or nested ones), once per feed."""
    from lxml import etree

    text, dropped = _without_entities(_XML_DECL.sub("", text, count=1))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"not a readable RSS/Atom feed: {exc}", source=source) from None
    items = root.findall(".//item") or root.findall(f".//{ATOM}entry")
    if not items:
        raise InputError("feed has no <item> or <entry>: nothing to code", source=source)
    return _items(items, dropped, source=source, date=date, max_chars=max_chars)


def _items(items: list, dropped: list[str], *, source: str | None, date: str | None,
           max_chars: int | None) -> Iterator[Article | InputError]:
    if dropped:
        names = ", ".join(dropped[:5]) + (f" and {len(dropped) - 5} more" if len(dropped) > 5 else "")
        yield InputError(
            f"the feed declares entities that are external files, built from other entities or "
            f"used so often they would multiply its size ({names}): not expanded, left out of "
            f"the text (they could read local files or blow up memory)", source=source)
    for n, it in enumerate(items, 1):
        atom = it.tag.startswith(ATOM)
        title = _text(it.find(f"{ATOM}title" if atom else "title"))
        if atom:
            link_el = it.find(f"{ATOM}link")
            link = link_el.get("href") if link_el is not None else None
            body = _body(it.find(f"{ATOM}content")) or _body(it.find(f"{ATOM}summary"))
            when = _date(_text(it.find(f"{ATOM}published")) or _text(it.find(f"{ATOM}updated")))
            ident = _text(it.find(f"{ATOM}id"))
        else:
            link = _text(it.find("link"))
            body = _body(it.find(CONTENT)) or _body(it.find("description"))
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
            yield InputError(f"item {n}: {exc}", source=source, article_id=ident or None)


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
