"""Bytes to text: refuse binary files, honour BOMs, decode UTF-8 (or a plausible fallback)."""

from __future__ import annotations

import codecs
import re
import unicodedata

from tidings.ingest.errors import InputError

DEFAULT_MAX_BYTES = 20_000_000

_GIVE = "give a .txt, .html or .jsonl file"

# (magic prefix, what it is, what to do); checked in order against the first bytes.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _GIVE),
    (b"\xff\xd8\xff", "a JPEG image", _GIVE),
    (b"GIF87a", "a GIF image", _GIVE),
    (b"GIF89a", "a GIF image", _GIVE),
    (b"%PDF-", "a PDF document", f"extract its text first (e.g. with pdftotext) and {_GIVE}"),
    (b"\x1f\x8b", "gzip-compressed data", f"decompress it first (gunzip) or {_GIVE}"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)", f"unpack it first or {_GIVE}"),
    (b"PK\x05\x06", "an empty ZIP archive", _GIVE),
    (b"PK\x07\x08", "a ZIP archive", f"unpack it first or {_GIVE}"),
    (b"\xfd7zXZ\x00", "xz-compressed data", f"decompress it first (unxz) or {_GIVE}"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data", f"decompress it first (unzstd) or {_GIVE}"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", f"unpack it first or {_GIVE}"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office document (.doc/.xls)",
        f"save it as plain text first or {_GIVE}",
    ),
    (b"\x7fELF", "an executable program", _GIVE),
    (b"SQLite format 3\x00", "an SQLite database", _GIVE),
    (b"PAR1", "a Parquet file", _GIVE),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def sniff_binary(data: bytes) -> tuple[str, str] | None:
    """(what, advice) when the bytes start like a known binary format."""
    for magic, what, advice in _MAGIC:
        if data.startswith(magic):
            return what, advice
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP/WAV/AVI)", _GIVE
    if data[4:8] == b"ftyp":
        return "an MP4/MOV/HEIC media file", _GIVE
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "bzip2-compressed data", f"decompress it first (bunzip2) or {_GIVE}"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec when NUL bytes sit in alternate positions, as in ASCII-ish UTF-16."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nul = sample[0 : 2 * half : 2].count(0)
    odd_nul = sample[1 : 2 * half : 2].count(0)
    if odd_nul >= 0.3 * half and even_nul <= 0.05 * half:
        return "utf-16-le"
    if even_nul >= 0.3 * half and odd_nul <= 0.05 * half:
        return "utf-16-be"
    return None


def _bad_share(text: str) -> float:
    """Share of characters that do not occur in text: controls, U+FFFD, unassigned."""
    if not text:
        return 0.0
    bad = 0
    for ch in text:
        if ch in _TEXT_CONTROLS:
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cn", "Co", "Cs") or ch == "\ufffd":
            bad += 1
    return bad / len(text)


def _plausible_text(text: str) -> bool:
    return _bad_share(text) <= 0.01


def _plausible_8bit(text: str) -> bool:
    """A cp1252/latin-1 decoding is believable: few controls and mostly ASCII."""
    if not _plausible_text(text):
        return False
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii <= 0.3 * max(1, len(text))


def _check_not_empty(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("empty input: there is no text in it (only whitespace): give an article")
    return text


def _decode_strict(data: bytes, codec: str, label: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"input starts with a {label} byte-order mark but is not valid {label} "
            f"(bad bytes at offset {exc.start}): re-save it as UTF-8"
        ) from None
    if not _plausible_text(text):
        raise InputError(
            f"input decoded as {label} is not plausible text (too many control characters): "
            f"{_GIVE} in UTF-8"
        )
    return text


def read_bytes_as_text(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode the bytes of one input file to text, or raise :class:`InputError`.

    Refuses known binary formats (by magic number) and anything with NUL bytes that is
    not UTF-16; honours UTF-8/16/32 byte-order marks; otherwise decodes strict UTF-8,
    then UTF-16 without BOM when the NUL pattern says so, then cp1252 / latin-1 when
    the result reads like text. A leading BOM is removed from the result.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}: pass the raw file contents")
    data = bytes(data)
    if not data:
        raise InputError("empty input: the file has no bytes: give an article")
    if len(data) > max_bytes:
        raise InputError(
            f"input is {len(data):,} bytes, over the limit of {max_bytes:,} bytes: "
            f"split it into smaller files or raise the limit (--max-bytes)"
        )
    for bom, codec in _BOMS:
        if data.startswith(bom):
            label = codec.upper().replace("-LE", " LE").replace("-BE", " BE")
            return _check_not_empty(_decode_strict(data[len(bom) :], codec, label))
    sniffed = sniff_binary(data)
    if sniffed is not None:
        what, advice = sniffed
        raise InputError(f"input is binary (looks like {what}), not text: {advice}")
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is not None:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = ""
            if text and _plausible_text(text):
                return _check_not_empty(text)
        raise InputError(f"input is binary (it contains NUL bytes), not text: {_GIVE}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        declared = _declared_text(data)
        if declared is not None:
            return _check_not_empty(declared)
        for codec in ("cp1252", "latin-1"):
            try:
                fallback = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible_8bit(fallback):
                return _check_not_empty(fallback)
        raise InputError(
            f"input is not UTF-8 text (invalid byte 0x{bad:02x} at offset {exc.start}) "
            f"and does not read as Windows-1252/Latin-1 either: re-save it as UTF-8"
        ) from None
    if not _plausible_text(text):
        raise InputError(f"input looks binary (too many control characters), not text: {_GIVE}")
    return _check_not_empty(text)


# <meta charset="iso-8859-2">, <meta http-equiv="Content-Type" content="text/html; charset=...">,
# <?xml version="1.0" encoding="..."?>: what a page says it is, in its first bytes
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
                       re.I)


def _declared_text(data: bytes) -> str | None:
    """The bytes decoded with the charset the document declares (a page in ISO-8859-2
    keeps its "Łódź"), when it names a real 8-bit codec the bytes fit; else None."""
    m = _DECLARED.search(data[:4096])
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32", "utf-8")):
        return None  # not UTF-8 already; a wide codec would need NULs
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return text if _plausible_8bit(text) else None
