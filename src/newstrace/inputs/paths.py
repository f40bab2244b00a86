"""Reading inputs from paths: files, directories (recursively, in name order), stdin.

Sizes are checked before a file is read, and gzip is inflated with the same limit,
so a huge file or a gzip bomb costs nothing but its error.
"""

from __future__ import annotations

import sys
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable, Iterator

from ..errors import InputError, InputNotFoundError, InputTooLargeError

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
STDIN = "-"


@dataclass(slots=True)
class Source:
    """One input: where it came from, its bytes, and the content type its name suggests."""

    name: str
    content: bytes
    content_type: str = "auto"


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories into their files, recursively and in name order."""
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.is_file() and not is_hidden(p, path))
        else:
            yield raw


def is_hidden(path: PurePath, root: PurePath) -> bool:
    """Whether a name below `root` (`root` itself aside) starts with a dot; a path not
    below it is judged by its own name. Local paths and URLs' paths (PurePosixPath) alike."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts[-1:]
    return any(part.startswith(".") for part in parts)


def read_source(name: str, max_bytes: int, content_type: str = "auto") -> Source:
    """The bytes behind one path (or stdin), refusing what is over `max_bytes`."""
    if name == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(name, len(data), max_bytes)
        return Source(name, data, content_type)
    path = Path(name)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputNotFoundError("is not a file; give a file or a directory of files", name)
        _check_size(name, size, max_bytes if path.suffix != ".gz" else max_bytes * 50)
        data = path.read_bytes()
    except OSError as exc:
        known = unreadable(exc, name)
        if known is None:
            raise
        raise known from None
    if path.suffix == ".gz":
        data = gunzip(data, max_bytes, name)
        path = path.with_suffix("")
    if content_type == "auto" and path.suffix.lower() in HTML_SUFFIXES:
        content_type = "html"
    return Source(name, data, content_type)


def gunzip(data: bytes, max_bytes: int, name: str) -> bytes:
    """Inflate at most `max_bytes`; more than that is refused, not inflated."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(f"is not valid gzip data ({exc}); decompress it by hand to check", name)
    if len(out) > max_bytes:
        raise InputTooLargeError(
            f"inflates to more than {max_bytes:,} bytes; raise max_input_bytes if it is one article",
            name,
        )
    return out


def unreadable(exc: OSError, name: str) -> InputNotFoundError | None:
    """The input error that says why file `name` could not be read, for the usual
    reasons (None for another OS error)."""
    reasons = ((FileNotFoundError, "no such file; check the path"),
               (PermissionError, "cannot be read (permission denied)"),
               (IsADirectoryError, "is a directory"))
    return next((InputNotFoundError(why, name) for kind, why in reasons if isinstance(exc, kind)), None)


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise InputTooLargeError(
            f"is {size:,} bytes, over the limit of {limit:,}; raise max_input_bytes "
            "(NEWSTRACE_MAX_INPUT_BYTES) if it really is one article",
            name,
        )


def read_sources(paths: Iterable[str], max_bytes: int,
                 content_type: str = "auto") -> Iterator[Source | InputError]:
    """Each path's Source, or the InputError that explains why it has none."""
    for name in iter_paths(paths):
        try:
            yield read_source(name, max_bytes, content_type)
        except InputError as exc:
            yield exc


__all__ = ["Source", "gunzip", "iter_paths", "read_source", "read_sources"]
