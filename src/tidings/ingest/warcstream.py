"""The bytes of a WARC file, read forward in bounded chunks, gzip or not.

A ``.warc.gz`` is a sequence of gzip members (usually one per record) or one gzip
stream holding many records; both come out here as one stream of uncompressed bytes.
A corrupt or truncated member, or garbage between members, stops the output and sets
:attr:`WarcBytes.broken`; :meth:`WarcBytes.resync` then goes on at the next gzip member
that starts a WARC record. Nothing ever holds more than a chunk or two of the file,
plus whatever a caller asks to read at once.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
_MEMBER_START = b"\x1f\x8b\x08"
_PROBE = 1 << 16


class WarcBytes:
    """Uncompressed bytes of a (possibly gzipped) WARC file, with gzip-member bookkeeping."""

    def __init__(self, fh: BinaryIO, *, gz: bool) -> None:
        self._fh = fh
        self.gz = gz
        self.broken: str | None = None  # why the gzip data stopped, until resync()
        self.pos = 0  # uncompressed offset of the next unread byte
        self._buf = bytearray()
        self._i = 0  # read index into _buf
        self._d: zlib._Decompress | None = None  # decompressor of the current member
        self._cin = b""  # compressed bytes not yet given to the decompressor
        self._cpos = 0  # file offset of _cin[0]
        self._member = 0  # file offset of the current gzip member
        self._resume = 0  # where resync() starts looking for the next member
        self._out = 0  # uncompressed bytes produced so far
        self._members: list[tuple[int, int]] = []  # (uncompressed offset, file offset)

    # ------------------------------------------------------------------ producing

    def _fill(self) -> bool:
        """Append more uncompressed bytes to the buffer; False at the end (or trouble)."""
        if self.broken is not None:
            return False
        if not self.gz:
            chunk = self._fh.read(CHUNK)
            self._buf += chunk
            return bool(chunk)
        while True:
            if len(self._cin) < 2:
                more = self._fh.read(CHUNK)
                if not more and not self._cin:
                    if self._d is not None:
                        self._stop(
                            f"the gzip member at byte {self._member} is truncated "
                            f"(the file ends inside it)",
                            self._member + 1,
                        )
                    return False
                self._cin += more
                if len(self._cin) < 2 and more:
                    continue
            if self._d is None:
                if not self._cin.startswith(GZIP_MAGIC):
                    self._stop(
                        f"the data at byte {self._cpos} is not gzip (garbage between gzip members)",
                        self._cpos,
                    )
                    return False
                self._d = zlib.decompressobj(31)
                self._member = self._cpos
                self._members.append((self._out, self._cpos))
            data = self._cin
            try:
                out = self._d.decompress(data, CHUNK)
            except zlib.error as exc:
                self._stop(
                    f"the gzip member at byte {self._member} is corrupt ({exc})", self._member + 1
                )
                return False
            if self._d.eof:
                rest = self._d.unused_data
                self._d = None
            else:
                rest = self._d.unconsumed_tail
            self._cpos += len(data) - len(rest)
            self._cin = rest
            if out:
                self._buf += out
                self._out += len(out)
                return True

    def _stop(self, reason: str, resume: int) -> None:
        self.broken = reason
        self._resume = resume

    def resync(self) -> None:
        """After gzip trouble: drop what is buffered and go on at the next gzip member
        that decompresses to a WARC record (or at the end of the file)."""
        self._buf.clear()
        self._i = 0
        self.pos = self._out
        self._d = None
        self._cin = b""
        self.broken = None
        at = self._find_member(self._resume)
        self._fh.seek(at)
        self._cpos = at

    def _find_member(self, start: int) -> int:
        """File offset of the first gzip member at or after ``start`` that holds a WARC
        record; the file's size when there is none."""
        self._fh.seek(start)
        base, tail = start, b""
        while True:
            chunk = self._fh.read(CHUNK)
            if not chunk:
                return base + len(tail)
            data = tail + chunk
            hit = data.find(_MEMBER_START)
            while hit != -1:
                if self._is_warc_member(base + hit):
                    return base + hit
                hit = data.find(_MEMBER_START, hit + 1)
            keep = len(_MEMBER_START) - 1
            base += len(data) - keep
            tail = data[-keep:]
            self._fh.seek(base + len(tail))

    def _is_warc_member(self, at: int) -> bool:
        self._fh.seek(at)
        probe = zlib.decompressobj(31)
        try:
            head = probe.decompress(self._fh.read(_PROBE), 8)
        except zlib.error:
            return False
        return head.startswith(b"WARC/")

    # ------------------------------------------------------------------ consuming

    def _avail(self) -> int:
        return len(self._buf) - self._i

    def _take(self, n: int) -> bytes:
        out = bytes(self._buf[self._i : self._i + n])
        self._i += n
        self.pos += n
        if self._i >= CHUNK and 2 * self._i >= len(self._buf):
            del self._buf[: self._i]
            self._i = 0
        return out

    def peek(self, n: int) -> bytes:
        while self._avail() < n and self._fill():
            pass
        return bytes(self._buf[self._i : self._i + n])

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes (fewer only at the end of the data)."""
        while self._avail() < n and self._fill():
            pass
        return self._take(min(n, self._avail()))

    def skip(self, n: int) -> int:
        """Drop up to ``n`` bytes without keeping them; how many were dropped."""
        done = 0
        while done < n:
            if not self._avail() and not self._fill():
                break
            step = min(n - done, self._avail())
            self._take(step)
            done += step
        return done

    def readline(self, limit: int) -> bytes:
        """One line with its newline; at most ``limit`` bytes (then without the newline)."""
        scanned = 0
        while True:
            hit = self._buf.find(b"\n", self._i + scanned, self._i + limit)
            if hit != -1:
                return self._take(hit - self._i + 1)
            if self._avail() >= limit:
                return self._take(limit)
            scanned = self._avail()
            if not self._fill():
                return self._take(self._avail())

    def unread(self, data: bytes) -> None:
        """Put ``data`` (just read) back in front of the stream."""
        self._buf = bytearray(data) + self._buf[self._i :]
        self._i = 0
        self.pos -= len(data)

    def rewind(self, offset: int) -> None:
        """Go back to uncompressed offset ``offset``, which must not lie before the
        offset last given to :meth:`where` (a gzip file is decompressed again from the
        start of the member holding it)."""
        self._buf.clear()
        self._i = 0
        self.broken = None
        if not self.gz:
            self._fh.seek(offset)
            self.pos = offset
            return
        starts = [n for n, (out_at, _) in enumerate(self._members) if out_at <= offset]
        index = starts[-1] if starts else 0
        out_at, file_at = self._members[index] if self._members else (0, 0)
        del self._members[index:]  # added again as the members are decompressed again
        self._fh.seek(file_at)
        self._cpos = file_at
        self._cin = b""
        self._d = None
        self._out = self.pos = out_at
        self.skip(offset - out_at)

    def where(self, offset: int) -> int:
        """The file offset to report for uncompressed offset ``offset``: the offset itself
        for a plain WARC, the start of the gzip member holding it for a .warc.gz."""
        if not self.gz:
            return offset
        found = 0
        for index, (out_at, _) in enumerate(self._members):
            if out_at > offset:
                break
            found = index
        del self._members[:found]
        return self._members[0][1] if self._members else 0
