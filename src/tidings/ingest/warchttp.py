"""The HTTP response inside a WARC record: status, headers, body encodings, charset."""

from __future__ import annotations

import codecs
import email.utils
import re
import zlib
from dataclasses import dataclass

from tidings.ingest.decode import read_bytes_as_text, sniff_binary
from tidings.ingest.errors import InputError
from tidings.ingest.validate import normalize_date
from tidings.ingest.warcstream import GZIP_MAGIC

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
# plain-text files every site has that are not articles
SITE_FILES = frozenset(
    {"robots.txt", "ads.txt", "app-ads.txt", "security.txt", "humans.txt", "llms.txt"}
)

_STATUS = re.compile(rb"HTTP/\d(?:\.\d)?[ \t]+(\d{3})\b")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class Payload:
    body: bytes
    kind: str  # "html", "text" or "sniff" (no content type: HTML or skipped)
    charset: str | None
    date: str | None  # from WARC-Date, else Last-Modified, else Date
    http: dict[str, str]  # the HTTP headers (empty for a resource record)


def fields(lines: list[bytes], *, strict: bool) -> dict[str, str]:
    """``Name: value`` header lines (folded lines joined) as a dict with lower-case names;
    a line that is not a header is skipped, or with ``strict`` raises ValueError."""
    out: dict[str, str] = {}
    last: str | None = None
    for raw in lines:
        text = raw.decode("utf-8", "replace").rstrip("\r\n")
        if text[:1] in (" ", "\t") and last is not None:
            out[last] += " " + text.strip()
            continue
        name, sep, value = text.partition(":")
        if not sep or not name.strip() or " " in name.strip():
            if strict:
                raise ValueError(text)
            continue
        last = name.strip().lower()
        out[last] = value.strip()
    return out


def inspect_block(
    head: bytes, warc: dict[str, str], length: int, max_bytes: int
) -> tuple[str | None, Payload | None, int]:
    """(why to skip, the payload to fill, where its body starts) from the block's start."""
    uri = warc.get("warc-target-uri", "").strip("<> ")
    date = day(warc.get("warc-date"))
    if warc.get("warc-type", "").lower() == "resource":
        http: dict[str, str] = {}
        mime_header = warc.get("content-type", "")
        body_at = 0
    else:
        is_http = warc.get("content-type", "").lower().startswith("application/http")
        if not head.startswith(b"HTTP/"):
            if is_http:
                raise InputError("the response block does not start with an HTTP status line")
            return "not an HTTP response", None, 0
        status = _STATUS.match(head)
        if status is None:
            raise InputError("the HTTP status line is malformed")
        if status.group(1) != b"200":
            return f"HTTP status {status.group(1).decode()}", None, 0
        ends = [at + len(mark) for mark in (b"\r\n\r\n", b"\n\n") if (at := head.find(mark)) >= 0]
        if not ends:
            raise InputError("the HTTP headers do not end (no blank line) within 256 KiB")
        body_at = min(ends)
        http = fields(head[:body_at].split(b"\n")[1:], strict=False)
        mime_header = http.get("content-type", "")
        date = date or day(http.get("last-modified")) or day(http.get("date"))
    mime, _, params = mime_header.partition(";")
    mime = mime.strip().lower()
    name = uri.split("?")[0].rstrip("/").rsplit("/", 1)[-1].lower()
    if mime in HTML_TYPES:
        kind = "html"
    elif mime in TEXT_TYPES and name not in SITE_FILES:
        kind = "text"
    elif not mime and length - body_at <= max_bytes:
        kind = "sniff"
    else:
        return f"content type {mime or 'none'}", None, 0
    if length - body_at > max_bytes:
        raise InputError(
            f"the body is {length - body_at:,} bytes, over the limit of {max_bytes:,} bytes: "
            f"raise the limit (--max-bytes) to read it"
        )
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    found = charset.group(1) if charset else None
    return None, Payload(b"", kind, found, date, http), body_at


def decoded_body(body: bytes, http: dict[str, str], max_bytes: int) -> bytes:
    """The body with its transfer and content encodings (chunked, gzip, deflate) undone."""
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = dechunk(body)
    coding = http.get("content-encoding", "").strip().lower()
    if coding in ("", "identity"):
        return body
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise InputError(
            f"the body is {coding}-encoded, which tidings cannot decompress: "
            f"crawl with gzip or no Content-Encoding"
        )
    modes = (31,) if coding != "deflate" else (15, -15)
    for wbits in modes:
        decoder = zlib.decompressobj(wbits)
        try:
            out = decoder.decompress(body, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes:
            raise InputError(
                f"the body decompresses to over {max_bytes:,} bytes, the limit: "
                f"raise the limit (--max-bytes) to read it"
            )
        return out
    if coding != "deflate" and not body.startswith(GZIP_MAGIC):
        return body  # stored already decompressed, as some crawlers do
    raise InputError(f"the {coding}-encoded body is corrupt and cannot be decompressed")


def dechunk(body: bytes) -> bytes:
    """A chunked body joined; the body itself when it is not chunked (some crawlers
    store it already joined but keep the header)."""
    out = bytearray()
    i = 0
    while i < len(body):
        eol = body.find(b"\n", i, i + 1024)
        size_text = body[i:eol].split(b";")[0].strip() if eol >= 0 else b""
        if not size_text or not all(c in b"0123456789abcdefABCDEF" for c in size_text):
            return bytes(out) if out else body
        size = int(size_text, 16)
        if size == 0:
            return bytes(out)
        start = eol + 1
        out += body[start : start + size]
        i = start + size
        if body[i : i + 2] == b"\r\n":
            i += 2
        elif body[i : i + 1] == b"\n":
            i += 1
    return bytes(out)


def day(value: str | None) -> str | None:
    """An ISO (WARC-Date) or RFC 1123 (HTTP) timestamp as YYYY-MM-DD; None if unreadable."""
    if not value:
        return None
    try:
        return normalize_date(value)
    except InputError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def to_text(body: bytes, charset: str | None, max_bytes: int) -> str:
    """The body as text: the declared charset when it fits, else the usual sniffing."""
    if charset and not body.startswith(_BOMS) and sniff_binary(body) is None:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = ""
        if codec in ("latin-1", "iso8859-1", "ascii"):
            codec = "cp1252"  # what browsers do with these labels
        if codec:
            try:
                text = body.decode(codec)
            except UnicodeDecodeError:
                text = ""
            if text.strip() and "\x00" not in text:
                return text
    return read_bytes_as_text(body, max_bytes=max_bytes)
