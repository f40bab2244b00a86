"""The follower's settings: defaults < the `[follow]` table of `newstrace.toml` < arguments.

docs/configuration.md lists them. Durations are seconds or a number with a unit
("90s", "15m", "2h", "1d"); sizes are bytes or a number with a unit ("512KB", "10MB").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from .. import __version__
from ..config import config_table, known_fields
from ..errors import ConfigError

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.I)
DURATION_UNITS = {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$", re.I)
SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3}
# The robots.txt token the follower answers to ("User-agent: newstrace").
ROBOTS_TOKEN = "newstrace"


def parse_duration(value: str | float | int, name: str = "duration") -> float:
    """Seconds from 900, "900", "90s", "15m", "2h" or "1d"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = DURATION.match(str(value))
        if not match:
            raise ConfigError(f"{name} must be seconds or a number with s, m, h or d "
                              f"(\"15m\"), not {value!r}")
        seconds = float(match[1]) * DURATION_UNITS[(match[2] or "").lower()]
    if seconds < 0:
        raise ConfigError(f"{name} cannot be negative")
    return seconds


def parse_size(value: str | int, name: str = "size") -> int:
    """Bytes from 5000000, "5000000", "512KB" or "10MB"."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        match = SIZE.match(str(value))
        if not match:
            raise ConfigError(f"{name} must be bytes or a number with KB, MB or GB (\"10MB\"), "
                              f"not {value!r}")
        size = int(float(match[1]) * SIZE_UNITS[(match[2] or "").lower()])
    if size <= 0:
        raise ConfigError(f"{name} must be more than 0 bytes")
    return size


@dataclass(frozen=True, slots=True)
class FollowSettings:
    """What `newstrace follow` fetches, how often and how politely."""

    # Feed URLs, home pages, sitemaps, or files listing them (one per line).
    sources: tuple[str, ...] = ()
    # Seconds between two polls of a source.
    every: float = 900.0
    # Hosts (names or addresses, as written in URLs) that may be fetched although they
    # are loopback, private or link-local: none by default, so a feed cannot point the
    # follower at the machine's own network.
    allow_hosts: tuple[str, ...] = ()
    user_agent: str = f"newstrace/{__version__} (news follower; robots token {ROBOTS_TOKEN})"
    # Seconds between two requests to one host (robots.txt's Crawl-delay when longer).
    per_host_delay: float = 1.0
    # Requests in flight at once, across hosts.
    concurrency: int = 4
    connect_timeout: float = 10.0
    # Seconds a whole response may take, body included (a server trickling bytes is cut).
    timeout: float = 30.0
    max_redirects: int = 5
    # Larger responses are refused (by Content-Length) or cut off as they stream in.
    max_page_bytes: int = 10_000_000
    max_feed_bytes: int = 10_000_000
    # New entries taken from one source in one round: the first not stored yet among its
    # first 10 x max_entries (a feed of 100,000 entries gives its first ones).
    max_entries: int = 100
    # Tries after the first on a dropped connection, a timeout, 429 or 5xx.
    retries: int = 2
    # Seconds before the first retry; doubled for each next one.
    retry_wait: float = 1.0
    # Rounds in which a page that could not be fetched is tried again before it is left.
    page_attempts: int = 3
    # Analysis processes (0: all cores).
    workers: int = 0

    def __post_init__(self) -> None:
        for name in ("concurrency", "max_redirects", "max_page_bytes", "max_feed_bytes",
                     "max_entries", "page_attempts"):
            if getattr(self, name) < (0 if name == "max_redirects" else 1):
                raise ConfigError(f"follow setting {name} must be at least "
                                  f"{0 if name == 'max_redirects' else 1}")
        for name in ("every", "per_host_delay", "retry_wait", "retries", "workers"):
            if getattr(self, name) < 0:
                raise ConfigError(f"follow setting {name} cannot be negative")
        for name in ("connect_timeout", "timeout"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"follow setting {name} must be more than 0 seconds")

    @classmethod
    def load(cls, path: str | Path | None = None, environ: Mapping[str, str] | None = None,
             **overrides: Any) -> "FollowSettings":
        """Defaults, then the `[follow]` table of the config file, then `overrides`
        (None and empty values leave the setting as it was)."""
        values = dict(config_table("follow", path, environ))
        values.update({k: v for k, v in overrides.items() if v not in (None, (), [])})
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "FollowSettings":
        known = known_fields(cls, values, "follow setting")
        return cls(**{name: _convert(name, str(known[name].type), value)
                      for name, value in values.items()})

    def replace(self, **changes: Any) -> "FollowSettings":
        return replace(self, **changes)


def _convert(name: str, kind: str, value: Any) -> Any:
    if name in ("every", "per_host_delay", "connect_timeout", "timeout", "retry_wait"):
        return parse_duration(value, name)
    if name in ("max_page_bytes", "max_feed_bytes"):
        return parse_size(value, name)
    if kind.startswith("tuple"):
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"follow setting {name} must be a list of strings")
        return tuple(value)
    try:
        return int(value) if kind == "int" else str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"follow setting {name} must be {kind}, got {value!r}") from None
