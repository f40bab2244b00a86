"""A per-client rate limit: one token bucket per client address.

Each client may send `burst` requests at once, then `rate` a second. A page load with its
API calls is about twenty requests in a moment, then nothing while the reader reads: a
bucket lets that through and stops a script that keeps asking.

Why not `slowapi` or `limits` (both on PyPI): `limits` offers fixed windows, moving windows
and sliding-window counters but no token bucket, and its in-memory storage runs a timer
thread of its own; `slowapi` puts `limits` on routes one decorator at a time (each handler
then needs the request) and answers in its own format. What is wanted here is one bucket
per address in front of everything (page, static files and API alike), answered in the
API's error envelope with Retry-After: the few lines below, with no dependency. The
middleware that applies it is `RateLimit` in app.py, next to the other guard.

The buckets live in the server process: with several processes each counts on its own.
"""

from __future__ import annotations

import ipaddress
import math
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Mapping

DEFAULT_RATE = 20.0         # requests a second, sustained, per client
DEFAULT_BURST = 100         # requests at once: a few page loads
MAX_CLIENTS = 10_000        # buckets kept; past that the least recently seen is forgotten
ANALYZE_COST = 10           # POST /api/analyze runs the whole pipeline: it costs 10 requests

_RATE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:/\s*(s|sec|second|m|min|minute))?\s*$", re.IGNORECASE)


def parse_rate(value: str | float | int) -> float:
    """Requests a second from `20`, `20/s`, `600/min` or `0.5/s`; 0 turns the limit off."""
    if isinstance(value, (int, float)):
        rate = float(value)
    else:
        match = _RATE.match(value)
        if not match:
            raise ValueError(f"{value!r} is not a rate: write N/s or N/min (for example 20/s), or 0 for no limit")
        rate = float(match.group(1)) / (60.0 if (match.group(2) or "s").lower().startswith("m") else 1.0)
    if not math.isfinite(rate) or rate < 0:
        raise ValueError(f"the rate limit must be 0 (off) or a positive number of requests, not {value!r}")
    return rate


def client_key(scope: Mapping[str, Any]) -> str:
    """Whom a request counts against: its client's address. An IPv6 client usually holds a
    whole /64 and could rotate through it, so IPv6 addresses count by their /64."""
    client = scope.get("client")
    host = str(client[0]) if client else "unknown"
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def request_cost(scope: Mapping[str, Any]) -> float:
    """What a request takes from its bucket: analysis is far dearer than a read."""
    if scope.get("method") == "POST" and scope.get("path") == "/api/analyze":
        return ANALYZE_COST
    return 1.0


@dataclass(slots=True)
class Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """Buckets by key. Not locked: the middleware runs on the event loop's one thread."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = MAX_CLIENTS) -> None:
        if rate <= 0:
            raise ValueError("a token bucket needs a positive rate")
        if burst < 1:
            raise ValueError("the burst must be at least 1 request")
        self.rate, self.burst, self.clock, self.max_clients = rate, float(burst), clock, max_clients
        self.buckets: OrderedDict[str, Bucket] = OrderedDict()

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take `cost` tokens from `key`'s bucket: 0.0 when there were enough, otherwise the
        seconds until there will be (and nothing is taken)."""
        now = self.clock()
        cost = min(cost, self.burst)          # a dear request is still possible with a full bucket
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = Bucket(self.burst, now)
            self._forget_oldest()
        else:
            self.buckets.move_to_end(key)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return 0.0
        return (cost - bucket.tokens) / self.rate

    def _forget_oldest(self) -> None:
        # Forgetting a client only refills its bucket: memory stays bounded when many
        # addresses come by, at worst a forgotten client gets a fresh burst.
        while len(self.buckets) > self.max_clients:
            self.buckets.popitem(last=False)


def retry_after(wait: float) -> str:
    """Retry-After in whole seconds, never 0 (0 would invite an immediate retry)."""
    return str(max(1, math.ceil(wait)))
