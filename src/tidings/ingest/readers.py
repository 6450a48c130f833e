"""Files, directories, stdin and JSONL to a stream of articles (or per-item errors)."""

from __future__ import annotations

import json
import os
import select
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from tidings.ingest.article import check_id, check_str, from_html, from_text, looks_like_html
from tidings.ingest.decode import DEFAULT_MAX_BYTES, read_bytes_as_text, sniff_binary
from tidings.ingest.errors import InputError
from tidings.ingest.feeds import decode_feed, looks_like_feed, read_feed
from tidings.ingest.validate import DEFAULT_MAX_CHARS, json_type, normalize_date
from tidings.ingest.warc import is_warc_name, looks_like_warc, read_warc
from tidings.model import Article

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
DIRECTORY_SUFFIXES = frozenset(
    {".txt", ".html", ".htm", ".jsonl", ".ndjson", ".rss", ".atom", ".xml", ".warc"}
)  # and .warc.gz
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
STDIN = "-"
STDIN_SOURCE = "<stdin>"

Item = Article | InputError


# --------------------------------------------------------------------------- JSONL


def _record_to_article(
    obj: object,
    number: int,
    *,
    source: str,
    date: str | None,
    url: str | None,
    max_chars: int,
) -> Article:
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {json_type(obj)}: write one object per line")
    text, html = obj.get("text"), obj.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(f'"{name}" must be a string, got {json_type(value)}')
    if not (text and text.strip()) and not (html and html.strip()):
        if text is None and html is None:
            raise InputError('the record has no "text" or "html" field: every line needs one')
        raise InputError('the record\'s "text"/"html" is empty: give the article body')
    record_source = obj.get("source")
    item_id = check_id(obj.get("id"))
    item_date = normalize_date(obj.get("date"), field='"date"')  # the record's own: it wins
    item_url = check_str(obj.get("url"), '"url"') or url
    item_title = check_str(obj.get("title"), '"title"')
    given = check_str(record_source, '"source"') if isinstance(record_source, str) else None
    item_source = given or f"{source}:{number}"  # cleaned like every field: no lone surrogates
    convert = from_text if text and text.strip() else from_html
    body = text if text and text.strip() else html
    return dated(convert(
        body or "",
        id=item_id,
        date=item_date,
        url=item_url,
        source=item_source,
        title=item_title,
        max_chars=max_chars,
    ), date)


def _parse_line(
    raw: bytes | str | None,
    number: int,
    *,
    is_last: bool,
    source: str,
    date: str | None,
    url: str | None,
    max_chars: int,
    max_line_bytes: int,
) -> Item | None:
    """One JSONL line to an Article, an InputError (not raised), or None when blank."""
    record_id: str | None = None
    try:
        if raw is None:
            raise InputError(
                f"line is longer than {max_line_bytes:,} bytes: split the record or raise max_bytes"
            )
        if isinstance(raw, bytes):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at column {exc.start + 1}): "
                    f"re-save the file as UTF-8"
                ) from None
        else:
            line = raw.lstrip("\ufeff") if number == 1 else raw
        stripped = line.strip()
        if not stripped:
            return None
        try:
            obj = json.loads(stripped)
        except RecursionError:
            raise InputError("JSON nested too deeply: write one flat object per line") from None
        except ValueError as exc:
            pos = getattr(exc, "pos", None)
            reason = getattr(exc, "msg", None) or str(exc)
            ends_early = (
                (isinstance(pos, int) and pos >= len(stripped))
                or reason.startswith("Unterminated string")
                or (stripped.startswith("{") and not stripped.endswith("}"))
            )
            if ends_early and is_last and not line.endswith("\n"):
                raise InputError(
                    "truncated JSON at the end of the file (the last record is cut off): "
                    "re-export or complete the file"
                ) from None
            if ends_early:
                raise InputError(
                    "incomplete JSON object (the line ends before the object closes): "
                    "write each record on one line"
                ) from None
            raise InputError(f"not valid JSON ({reason}): write one JSON object per line") from None
        if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)):
            record_id = str(obj["id"]).strip() or None
        return _record_to_article(
            obj, number, source=source, date=date, url=url, max_chars=max_chars
        )
    except InputError as err:
        return InputError(
            f"line {number}: {err.message}", source=source, line=number, article_id=record_id
        )


def _binary_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; None for a line longer than ``limit`` (skipped)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the overlong line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _with_last_flag(
    items: Iterable[bytes | str | None],
) -> Iterator[tuple[bytes | str | None, bool]]:
    iterator = iter(items)
    try:
        previous = next(iterator)
    except StopIteration:
        return
    for item in iterator:
        yield previous, False
        previous = item
    yield previous, True


def _jsonl_items(
    lines: Iterable[bytes | str | None],
    *,
    source: str,
    date: str | None,
    url: str | None,
    max_chars: int,
    max_line_bytes: int,
) -> Iterator[Item]:
    for number, (raw, is_last) in enumerate(_with_last_flag(lines), start=1):
        item = _parse_line(
            raw,
            number,
            is_last=is_last,
            source=source,
            date=date,
            url=url,
            max_chars=max_chars,
            max_line_bytes=max_line_bytes,
        )
        if item is not None:
            yield item


def _jsonl_file_lines(path: Path, limit: int) -> Iterator[bytes | None]:
    try:
        with path.open("rb") as stream:
            yield from _binary_lines(stream, limit)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _check_jsonl_head(path: Path) -> None:
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    sniffed = sniff_binary(head)
    if sniffed is not None:
        raise InputError(f"input is binary (looks like {sniffed[0]}), not JSON lines: {sniffed[1]}")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("JSONL file is UTF-16, not UTF-8: re-save it as UTF-8")
    if b"\x00" in head:
        raise InputError("input is binary (it contains NUL bytes), not JSON lines")


def read_jsonl(
    path_or_lines: str | os.PathLike[str] | Iterable[str] | Iterable[bytes],
    *,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_line_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Articles from JSON lines: one object per line with "text" or "html", and
    optional "id", "date", "url", "title", "source".

    ``path_or_lines`` is a file path or an iterable of lines (str or bytes). Each good
    line yields an :class:`Article`; each bad line yields (does not raise) an
    :class:`InputError` whose message starts with ``"line N: "`` and whose ``line``
    and ``source`` are set, so the caller can record it and go on. Blank lines are
    skipped. ``date`` and ``url`` are defaults for records without their own.
    A missing, unreadable or binary file raises :class:`InputError` at call time.
    """
    default_date = normalize_date(date)
    lines: Iterable[bytes | str | None]
    if isinstance(path_or_lines, (str, os.PathLike)):
        path = Path(path_or_lines)
        if not path.exists():
            raise InputError(f"no such file: {path}: check the path")
        if path.is_dir():
            raise InputError(
                f"{path} is a directory, not a JSONL file: use read_path for directories"
            )
        _check_jsonl_head(path)
        lines = _jsonl_file_lines(path, max_line_bytes)
        name = source or str(path)
    else:
        lines = path_or_lines
        name = source or "<jsonl>"
    return _jsonl_items(
        lines,
        source=name,
        date=default_date,
        url=url,
        max_chars=max_chars,
        max_line_bytes=max_line_bytes,
    )


# --------------------------------------------------------------------------- documents


def _looks_like_jsonl(text: str) -> bool:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.startswith("{")


def _document(
    text: str,
    *,
    source: str,
    suffix: str,
    date: str | None,
    url: str | None,
    max_chars: int,
    max_bytes: int,
    stream: bool = False,
) -> Iterator[Item]:
    """Items of one decoded document (a JSONL stream, an HTML page or a text article).
    Standard input and pipes without a telling name are read as JSONL when their first
    line starts with ``{``."""
    if suffix in JSONL_SUFFIXES or (
        suffix == "" and (stream or source == STDIN_SOURCE) and _looks_like_jsonl(text)
    ):
        return read_jsonl(
            text.splitlines(keepends=True),
            date=date,
            url=url,
            source=source,
            max_chars=max_chars,
            max_line_bytes=max_bytes,
        )
    if suffix in FEED_SUFFIXES or looks_like_feed(text):
        return read_feed(text, source=source, date=date, max_chars=max_chars)
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        article = dated(from_html(text, url=url, source=source, max_chars=max_chars), date)
    else:
        article = dated(from_text(text, url=url, source=source, max_chars=max_chars), date)
    return iter((article,))


def dated(article: Article, default: str | None) -> Article:
    """``article`` with ``default`` as its date when it carries none of its own (a page's
    metadata, a record's "date", a feed item's): --date never overrides the source."""
    return replace(article, date=default) if article.date is None and default is not None else article


READ_IDLE_SECONDS = 60.0  # a pipe that gives nothing for this long is given up on
READ_IDLE_ENV = "TIDINGS_READ_IDLE"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_stream_bounded(path: Path, max_bytes: int, *, idle: float | None = None) -> bytes:
    """All the bytes of a pipe, FIFO or device, at most ``max_bytes``: opened without
    blocking, read until the writer closes it, and given up on when nothing arrives for
    ``idle`` seconds (default $TIDINGS_READ_IDLE or 60: a FIFO nobody writes to is an
    error after that, not a hang). /dev/zero and /dev/urandom stop at the limit; nothing
    is read twice, so a pipe is read exactly once."""
    if idle is None:
        idle = float(os.environ.get(READ_IDLE_ENV) or READ_IDLE_SECONDS)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    # a FIFO read before its writer has opened it gives end-of-file at once: wait until
    # it is readable (data, or a writer that came and went) before believing an EOF
    pipe = stat.S_ISFIFO(os.fstat(fd).st_mode)
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= max_bytes:
            if pipe and not select.select([fd], [], [], idle)[0]:
                raise InputError(f"{path}: nothing arrived for {idle:g} s (a pipe that nobody "
                                 f"writes to?): give a file, or write to the pipe")
            try:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            except BlockingIOError:
                continue  # readable said the select, yet empty: wait again
            except OSError as exc:
                raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > max_bytes:
        raise InputError(f"{path} gave more than {max_bytes:,} bytes (a device or an endless "
                         f"pipe?): a pipe or device is read up to the limit; save the input to a "
                         f"file or raise the limit (--max-bytes)")
    return b"".join(chunks)


def _read_stream(path: Path, *, date: str | None, url: str | None, max_chars: int,
                 max_bytes: int) -> Iterator[Item]:
    """A pipe, FIFO or device given as input: read once, bounded, then treated like the
    file its name says (a WARC goes through a temporary file)."""
    data = read_stream_bounded(path, max_bytes)
    head = data[:64].lstrip(b"\r\n")
    if is_warc_name(path) or head.startswith(b"WARC/1.") or data.startswith(b"\x1f\x8b"):
        return _warc_from_bytes(data, path, date=date, url=url, max_bytes=max_bytes,
                                max_chars=max_chars)
    suffix = path.suffix.lower()
    text = decode_feed(data, max_bytes=max_bytes) if suffix in FEED_SUFFIXES else \
        read_bytes_as_text(data, max_bytes=max_bytes)
    return _document(text, source=str(path), suffix=suffix, date=date, url=url,
                     max_chars=max_chars, max_bytes=max_bytes, stream=True)


def _warc_from_bytes(data: bytes, path: Path, **kw) -> Iterator[Item]:  # noqa: ANN003
    with tempfile.TemporaryDirectory(prefix="tidings-warc-") as tmp:
        spool = Path(tmp) / ("input.warc.gz" if data.startswith(b"\x1f\x8b") else "input.warc")
        spool.write_bytes(data)
        yield from read_warc(spool, source=str(path), **kw)


def _read_file_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path} is {size:,} bytes, over the limit of {max_bytes:,} bytes: "
                f"split it into smaller files or raise the limit (--max-bytes)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _read_file(
    path: Path, *, date: str | None, url: str | None, max_chars: int, max_bytes: int
) -> Iterator[Item]:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        return _read_stream(path, date=date, url=url, max_chars=max_chars, max_bytes=max_bytes)
    suffix = path.suffix.lower()
    if is_warc_name(path) or (suffix not in KNOWN_SUFFIXES and looks_like_warc(path)):
        return read_warc(path, date=date, url=url, max_bytes=max_bytes, max_chars=max_chars)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path, date=date, url=url, max_chars=max_chars, max_line_bytes=max_bytes)
    data = _read_file_bytes(path, max_bytes)
    if suffix in FEED_SUFFIXES:  # an XML declaration may name the encoding
        text = decode_feed(data, max_bytes=max_bytes)
    else:
        text = read_bytes_as_text(data, max_bytes=max_bytes)
    return _document(
        text,
        source=str(path),
        suffix=suffix,
        date=date,
        url=url,
        max_chars=max_chars,
        max_bytes=max_bytes,
    )


def _directory_files(top: Path) -> list[Path]:
    """Input files under ``top``, sorted, recursively, skipping hidden files and folders."""
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(top, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in DIRECTORY_SUFFIXES or is_warc_name(name):
                found.append(Path(folder) / name)
    return sorted(found, key=lambda p: p.relative_to(top).parts)


def _directory_items(
    files: list[Path], *, date: str | None, url: str | None, max_chars: int, max_bytes: int
) -> Iterator[Item]:
    for path in files:
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield InputError(f"{path}: cannot read it: {exc.strerror or exc}", source=str(path))
            continue
        if not stat.S_ISREG(mode):  # a FIFO in a folder would hang the walk
            yield InputError(f"{path}: {_kind(mode)}, not a regular file: skipped (give it on its "
                             f"own to read it)", source=str(path))
            continue
        try:
            items = _read_file(path, date=date, url=url, max_chars=max_chars, max_bytes=max_bytes)
            for item in items:
                yield item.prefixed(f"{path}: ") if isinstance(item, InputError) else item
        except InputError as err:
            yield InputError(f"{path}: {err.message}", source=str(path))


def read_path(
    path: str | os.PathLike[str],
    *,
    date: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Articles from a file, a directory, or ``"-"`` (standard input).

    ``.jsonl``/``.ndjson`` files go through :func:`read_jsonl`; ``.html``/``.htm``
    files, or content that looks like HTML, through :func:`from_html`; anything else
    through :func:`from_text`; ``.warc``/``.warc.gz`` web archives (or files of another
    suffix that start like one) through :func:`~tidings.ingest.warc.read_warc`, one
    article per HTML or text capture. Standard input is sniffed the same way (and read as
    JSONL when its first line starts with ``{``). A directory is walked recursively
    in sorted order for .txt, .html, .htm, .jsonl, .ndjson and WARC files, skipping hidden
    ones; there, a bad file yields an :class:`InputError` prefixed with its path and
    the walk goes on. For a single file or stdin, problems with the input as a whole
    raise :class:`InputError` right away; bad JSONL lines are always yielded.

    ``date`` is the date of articles that carry none of their own (a plain-text
    article, a page without a date in its metadata, a JSONL record without "date");
    ``url`` overrides page metadata for a single text or HTML document and is the
    default for JSONL records that have none.
    """
    iso_date = normalize_date(date)
    if str(path) == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        text = read_bytes_as_text(data, max_bytes=max_bytes)
        return _document(
            text,
            source=STDIN_SOURCE,
            suffix="",
            date=iso_date,
            url=url,
            max_chars=max_chars,
            max_bytes=max_bytes,
        )
    target = Path(path)
    if not target.exists():
        raise InputError(f"no such file: {target}: check the path")
    if target.is_dir():
        files = _directory_files(target)
        if not files:
            raise InputError(
                f"no input files in directory {target}: it needs .txt, .html, .htm, .jsonl, "
                f".ndjson, .warc or .warc.gz files"
            )
        return _directory_items(
            files, date=iso_date, url=url, max_chars=max_chars, max_bytes=max_bytes
        )
    return _read_file(target, date=iso_date, url=url, max_chars=max_chars, max_bytes=max_bytes)


# --------------------------------------------------------------------------- pieces (tidings spark)


def read_jsonl_piece(
    path: str | os.PathLike[str],
    start: int,
    first_line: int,
    count: int,
    *,
    at_end: bool,
    date: str | None = None,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_line_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """The items of ``count`` lines of a JSONL file, from byte ``start`` (the start of
    line ``first_line``); ``at_end`` when they end the file. The same articles and
    errors, line numbers and sources that :func:`read_jsonl` gives for those lines, so
    one file can be read in parallel pieces."""
    from itertools import islice

    name = str(Path(path))
    default_date = normalize_date(date)
    try:
        with Path(path).open("rb") as stream:
            stream.seek(start)
            lines = islice(_binary_lines(stream, max_line_bytes), count)
            for number, (raw, last) in enumerate(_with_last_flag(lines), start=first_line):
                item = _parse_line(raw, number, is_last=at_end and last, source=name,
                                   date=default_date, url=url, max_chars=max_chars,
                                   max_line_bytes=max_line_bytes)
                if item is not None:
                    yield item
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def article_from_row(
    row: dict[str, object], number: int, *, source: str, date: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Item:
    """An article from a table row with the fields of a JSONL record ("id", "text" or
    "html", "date", "url", "title", "source"), validated like a JSONL line; a bad row
    gives (does not raise) an :class:`InputError` starting ``"row N: "``. Its source
    defaults to ``source:N``."""
    try:
        return _record_to_article(row, number, source=source, date=normalize_date(date),
                                  url=None, max_chars=max_chars)
    except InputError as err:
        rid = row.get("id")
        return InputError(f"row {number}: {err.message}", source=source, line=number,
                          article_id=(str(rid).strip() or None) if isinstance(rid, (str, int)) else None)


def count_items(paths: Iterable[str | Path], *, budget_bytes: int = 2 << 30) -> int | None:
    """How many articles ``paths`` hold, for a progress bar's ETA: lines of JSONL files,
    one per text or HTML file. None when that cannot be known cheaply (stdin, feeds, web
    archives, or more than ``budget_bytes`` of JSONL to scan)."""
    total, scanned = 0, 0
    for p in paths:
        if str(p) == STDIN:
            return None
        p = Path(p)
        files = _directory_files(p) if p.is_dir() else [p]
        for f in files:
            try:
                if not stat.S_ISREG(f.stat().st_mode):
                    return None  # a pipe must not be drained to count it
            except OSError:
                return None
            suffix = f.suffix.lower()
            if suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES:
                total += 1
            elif suffix in JSONL_SUFFIXES:
                try:
                    scanned += f.stat().st_size
                    if scanned > budget_bytes:
                        return None
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    return None
            else:
                return None
    return total
