"""Reading a file whole or as a stream, gzip inflated as it is read, with the size limit
and the gzip-bomb ratio applied as it goes."""

from __future__ import annotations

import io
import sys
import zlib
from typing import IO, Any

from ..errors import InputError, InputTooLargeError
from .base import CHUNK, GZIP_BOMB_RATIO, GZIP_MAGIC
from .paths import STDIN, gunzip, read_source


def read_whole(name: str, gzipped: bool, max_bytes: int) -> tuple[bytes, str]:
    """A one-document file's bytes (inflated), with the content type its name suggests."""
    source = read_source(name, max_bytes)
    data = source.content
    if gzipped and data.startswith(GZIP_MAGIC):      # gzip under a name without .gz
        data = gunzip(data, max_bytes, name)
    return data, source.content_type


def ends_early(stream: IO[bytes]) -> bool:
    """Whether a stream from `open_stream` ended inside a gzip member."""
    raw = getattr(stream, "raw", None)
    return isinstance(raw, Inflater) and raw.truncated


def open_stream(name: str, gzipped: bool, max_bytes: int,
                 gzip_ratio: int = GZIP_BOMB_RATIO) -> IO[bytes]:
    """A binary stream over the (inflated) input, for formats read record by record."""
    if name == STDIN:
        raw: IO[bytes] = sys.stdin.buffer
    else:
        try:
            raw = open(name, "rb")
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror or exc})", name) from None
    if not gzipped:
        return raw
    return io.BufferedReader(Inflater(raw, name, max_bytes, gzip_ratio), buffer_size=CHUNK)


class Inflater(io.RawIOBase):
    """Gzip (one member or many, as WARC files have) inflated as it is read, refusing
    bombs and noticing when the data ends inside a member (a truncated file)."""

    def __init__(self, raw: IO[bytes], name: str, max_bytes: int,
                 ratio: int = GZIP_BOMB_RATIO) -> None:
        self.raw, self.name, self.max_bytes, self.ratio = raw, name, max_bytes, ratio
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""            # compressed bytes read but not yet given to the inflater
        self.in_member = False        # inside a gzip member: the data may not end here
        self.finished = False
        self.truncated = False        # the data ended inside a member: told as an early end
        self.read_in = self.written = 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed and self.raw is not sys.stdin.buffer:
            self.raw.close()
        super().close()

    def readinto(self, buffer: Any) -> int:
        while not self.finished:
            data = self.inflater.unconsumed_tail or self._take()
            if not data:
                # A truncated member ends the stream where its data ends, so that what
                # came before is still read; the reader asks `truncated` afterwards.
                self.truncated = self.in_member
                self.finished = True
                break
            if not self.in_member:
                data = data.lstrip(b"\0")    # some writers pad between or after members
                if not data:
                    continue
                self.in_member = True
            out = self._inflate(data, len(buffer))
            if self.inflater.eof:
                self.pending = self.inflater.unused_data
                self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self.in_member = False
            if out:
                self.written += len(out)
                self._check_ratio()
                buffer[:len(out)] = out
                return len(out)
        return 0

    def _take(self) -> bytes:
        if self.pending:
            data, self.pending = self.pending, b""
            return data
        data = self.raw.read(CHUNK)
        self.read_in += len(data)
        return data

    def _inflate(self, data: bytes, size: int) -> bytes:
        try:
            return self.inflater.decompress(data, size)
        except zlib.error as exc:
            raise InputError(f"is not valid gzip data ({exc}); decompress it by hand to check",
                             self.name) from None

    def _check_ratio(self) -> None:
        if self.written > self.max_bytes and self.written > self.ratio * max(self.read_in, 1):
            raise InputTooLargeError(
                f"inflates more than {self.ratio} times, past {self.max_bytes:,} bytes: "
                "refused as a gzip bomb; decompress it by hand, or raise max_gzip_ratio, "
                "if it is genuine",
                self.name,
            )
