"""WARC web archives (.warc, .warc.gz) -> one Article per HTML or plain-text capture.

A WARC 1.0/1.1 file is a sequence of records: a ``WARC/1.x`` line, ``Name: value``
headers, a blank line, ``Content-Length`` bytes of block, and two CRLFs. ``response``
records hold an HTTP response (status line, headers, body), ``resource`` records the
document itself. Each 200 response or resource whose content type is HTML (or plain
text) becomes an :class:`~tidings.model.Article` through :func:`from_html` (or
:func:`from_text`), with the record's WARC-Target-URI as url and source, its
WARC-Record-ID as id (so a re-ingested WARC gives the same ids, and two captures of
one URL give two ids), and its WARC-Date as the publication date when the page shows
none. Other records (requests, metadata, revisits, redirects, images...) are skipped
and counted in :class:`WarcStats`.

The file is streamed; a broken record (bad headers, a Content-Length that does not
fit, a corrupt or truncated gzip member, garbage between records) yields one
:class:`InputError` naming the record and its byte offset, and reading goes on at the
next ``WARC/1.`` line or gzip member, so every good record is kept.
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tidings.ingest.article import from_html, from_text, looks_like_html
from tidings.ingest.decode import DEFAULT_MAX_BYTES, sniff_binary
from tidings.ingest.errors import InputError
from tidings.ingest.validate import DEFAULT_MAX_CHARS, normalize_date
from tidings.ingest.warchttp import Payload, decoded_body, fields, inspect_block, to_text
from tidings.ingest.warcstream import GZIP_MAGIC, WarcBytes
from tidings.model import Article

WARC_SUFFIXES = (".warc", ".warc.gz")

_LINE = 1 << 16  # longest header line
_HEAD = 1 << 18  # longest WARC or HTTP header block
_KEEP = 1 << 20  # skipped blocks up to this size stay in memory to resynchronise in

Item = Article | InputError


@dataclass
class WarcStats:
    """What a WARC reader saw: records, articles, errors, and skipped records by reason."""

    records: int = 0
    articles: int = 0
    errors: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


class _Broken(Exception):
    """The record's framing is bad: report it, then look for the next record from
    ``rewind`` (an offset) or after putting ``back`` (bytes just read) back."""

    def __init__(self, reason: str, *, back: bytes = b"", rewind: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.back = back
        self.rewind = rewind


def is_warc_name(path: str | os.PathLike[str]) -> bool:
    return Path(path).name.lower().endswith(WARC_SUFFIXES)


def _head(path: Path) -> tuple[bool, bytes | None]:
    """(gzip?, the first uncompressed bytes, None when a gzip start cannot be read)."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(1 << 16)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not raw.startswith(GZIP_MAGIC):
        return False, raw[:64]
    try:
        return True, zlib.decompressobj(31).decompress(raw, 64)
    except zlib.error:
        return True, None


def looks_like_warc(path: str | os.PathLike[str]) -> bool:
    """True when the file starts (after gzip, if any) with a ``WARC/1.`` line."""
    try:
        _, head = _head(Path(path))
    except InputError:
        return False
    return head is not None and head.lstrip(b"\r\n").startswith(b"WARC/1.")


def read_warc(
    path: str | os.PathLike[str],
    *,
    date: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    stats: WarcStats | None = None,
    source: str | None = None,
) -> Iterator[Item]:
    """Articles from a WARC file (plain or gzipped), one per HTML or text capture.
    ``source`` names the input in errors (default: the path).

    ``date`` and ``url`` are defaults for captures with no date (in the page, WARC-Date,
    Last-Modified or Date) or no WARC-Target-URI. ``max_bytes`` limits each response
    body, ``max_chars`` each article. A bad record yields an :class:`InputError` whose
    message starts ``"record N at byte B"``; a file that is not a WARC raises one.
    """
    target = Path(path)
    if not target.exists():
        raise InputError(f"no such file: {target}: check the path")
    if target.is_dir():
        raise InputError(f"{target} is a directory, not a WARC file: use read_path for directories")
    gz, head = _head(target)
    if head is not None and not head.lstrip(b"\r\n").startswith(b"WARC/1."):
        if not head:
            raise InputError(f"{target} is empty: give a .warc or .warc.gz web archive")
        sniffed = sniff_binary(head)
        what = "gzip-compressed but holds no WARC records" if gz else (
            f"{sniffed[0]}, not a WARC file" if sniffed else "not a WARC file"
        )
        raise InputError(
            f"{target} is {what} (it does not start with a 'WARC/1.x' line): "
            f"give a .warc or .warc.gz web archive"
        )
    return _items(
        target,
        gz,
        date=normalize_date(date),
        url=url,
        max_bytes=max_bytes,
        max_chars=max_chars,
        stats=stats if stats is not None else WarcStats(),
        source=source,
    )


def _items(
    path: Path,
    gz: bool,
    *,
    date: str | None,
    url: str | None,
    max_bytes: int,
    max_chars: int,
    stats: WarcStats,
    source: str | None = None,
) -> Iterator[Item]:
    source = source or str(path)

    def error(message: str, record_id: str | None = None) -> InputError:
        stats.errors += 1
        return InputError(message, source=source, article_id=record_id)

    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        src = WarcBytes(fh, gz=gz)
        number = 0
        while True:
            start = src.pos
            line = src.readline(_LINE)
            if not line:
                if src.broken is None:
                    return
                yield error(f"after record {number}: {src.broken}: skipped to the next gzip member")
                src.resync()
                continue
            if not line.strip():  # the blank lines that end a record
                continue
            if not line.startswith(b"WARC/1."):
                yield error(
                    f"garbage at byte {src.where(start)} after record {number} (not a "
                    f"'WARC/1.x' line): skipped to the next record"
                )
                _next_record(src, at_line_start=line.endswith(b"\n"))
                continue
            number += 1
            stats.records += 1
            label = f"record {number} at byte {src.where(start)}"
            headers: dict[str, str] = {}
            uri: str | None = None
            try:
                headers = _warc_headers(src)
                uri = headers.get("warc-target-uri", "").strip("<> ") or None
                if uri:
                    label += f" ({uri:.100})"
                payload = _block(src, headers, max_bytes=max_bytes, stats=stats)
            except _Broken as exc:
                yield error(f"{label}: {exc.reason}: skipped it", _record_id(headers))
                if src.broken is not None:
                    src.resync()
                    continue
                if exc.rewind is not None:
                    src.rewind(exc.rewind)
                elif exc.back:
                    src.unread(exc.back)
                _next_record(src)
                continue
            except InputError as exc:
                yield error(f"{label}: {exc.message}", _record_id(headers))
                continue
            if payload is None:
                continue
            try:
                article = _article(
                    payload,
                    record_id=_record_id(headers),
                    uri=uri,
                    url=url,
                    date=date,
                    source=source,
                    max_bytes=max_bytes,
                    max_chars=max_chars,
                )
            except InputError as exc:
                yield error(f"{label}: {exc.message}", _record_id(headers))
                continue
            if article is None:
                stats.skipped["not HTML and no content type"] += 1
                continue
            stats.articles += 1
            yield article


def _next_record(src: WarcBytes, *, at_line_start: bool = True) -> None:
    """Read on to the next line that starts with ``WARC/1.`` (left unread) or the end."""
    while True:
        line = src.readline(_LINE)
        if not line:
            return
        if at_line_start and line.startswith(b"WARC/1."):
            src.unread(line)
            return
        at_line_start = line.endswith(b"\n")


def _warc_headers(src: WarcBytes) -> dict[str, str]:
    lines: list[bytes] = []
    size = 0
    while True:
        line = src.readline(_LINE)
        if not line.endswith(b"\n"):
            back = b"".join(lines) + line
            if len(line) >= _LINE:
                raise _Broken("a header line is longer than 64 KiB", back=back)
            raise _Broken(src.broken or "the file ends inside the record's headers", back=back)
        if not line.strip():
            break
        lines.append(line)
        size += len(line)
        if size > _HEAD:
            raise _Broken("the headers are longer than 256 KiB", back=b"".join(lines))
    try:
        return fields(lines, strict=True)
    except ValueError as exc:
        raise _Broken(
            f"bad header line {str(exc)!r:.60}: a WARC header is 'Name: value'",
            back=b"".join(lines) + line,
        ) from None


def _record_id(headers: dict[str, str]) -> str | None:
    return headers.get("warc-record-id", "").strip("<> ") or None


def _short(src: WarcBytes, length: int, block_start: int) -> str:
    missing = block_start + length - src.pos
    return src.broken or (
        f"Content-Length says {length:,} bytes but the file ends {missing:,} bytes short"
    )


def _read(src: WarcBytes, n: int, length: int, block_start: int, prefix: bytes = b"") -> bytes:
    """``prefix`` and the next ``n`` bytes of the block, all of them or :class:`_Broken`."""
    data = prefix + src.read(n)
    if len(data) < len(prefix) + n:
        raise _Broken(_short(src, length, block_start), back=data)
    return data


def _skip_or_keep(src: WarcBytes, head: bytes, length: int, block_start: int) -> None:
    """Read past the rest of a block not worth coding and check where it ends."""
    rest = length - len(head)
    if length <= _KEEP:
        _finish(src, length, block_start, _read(src, rest, length, block_start, head))
        return
    if src.skip(rest) < rest:
        raise _Broken(_short(src, length, block_start), rewind=block_start)
    _finish(src, length, block_start, None)


def _finish(src: WarcBytes, length: int, block_start: int, kept: bytes | None) -> None:
    """Check that the block ends where Content-Length says: two CRLFs (anything after
    them is the next record's business), or else blank lines and then the next record
    or the end of the file."""
    if src.peek(4) == b"\r\n\r\n":
        src.skip(4)
        return
    skipped = b""
    while src.peek(1) in (b"\r", b"\n"):
        skipped += src.read(1)
    following = src.peek(7)
    if not following or following == b"WARC/1.":
        return
    reason = (
        f"the record does not end where its Content-Length ({length:,} bytes) says: "
        f"the length is wrong"
    )
    if kept is not None:
        raise _Broken(reason, back=kept + skipped)
    raise _Broken(reason, rewind=block_start)


def _block(
    src: WarcBytes, headers: dict[str, str], *, max_bytes: int, stats: WarcStats
) -> Payload | None:
    """The body worth coding of one record, None for a record to skip; reads the whole
    block and checks its end (or raises :class:`_Broken`)."""
    raw_length = headers.get("content-length", "")
    if not (raw_length.isascii() and raw_length.isdigit()):
        raise _Broken(
            f"bad Content-Length {raw_length!r:.30}" if raw_length else "no Content-Length header"
        )
    length = int(raw_length)
    start = src.pos
    kind = headers.get("warc-type", "").lower()
    if kind not in ("response", "resource") or headers.get("warc-segment-number", "1") != "1":
        stats.skipped[kind or "untyped record"] += 1
        _skip_or_keep(src, b"", length, start)
        return None
    head = _read(src, min(length, _HEAD), length, start)
    payload: Payload | None = None
    problem: InputError | None = None
    skip = None
    try:
        skip, payload, body_at = inspect_block(head, headers, length, max_bytes)
    except InputError as exc:
        problem, body_at = exc, length
    if skip:
        stats.skipped[skip] += 1
    if payload is None or problem is not None:
        _skip_or_keep(src, head, length, start)
        if problem is not None:
            raise problem
        return None
    block = _read(src, length - len(head), length, start, head)
    _finish(src, length, start, block)
    payload.body = decoded_body(block[body_at:], payload.http, max_bytes)
    if not payload.body.strip():
        stats.skipped["empty body"] += 1
        return None
    return payload


def _article(
    payload: Payload,
    *,
    record_id: str | None,
    uri: str | None,
    url: str | None,
    date: str | None,
    source: str,
    max_bytes: int,
    max_chars: int,
) -> Article | None:
    text = to_text(payload.body, payload.charset, max_bytes)
    kind = payload.kind
    if kind == "sniff":
        if not looks_like_html(text):
            return None
        kind = "html"
    convert = from_html if kind == "html" else from_text
    article = convert(text, id=record_id, url=uri or url, source=uri or source, max_chars=max_chars)
    fallback = payload.date or date
    if article.date is None and fallback is not None:
        article = replace(article, date=fallback)
    return article
