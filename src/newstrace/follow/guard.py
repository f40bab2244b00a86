"""What the follower may connect to: public addresses only, unless a host is allowed by name.

A feed is written by somebody else, and its links are followed by a process that may run
beside the API, inside a private network. So before any connection the host is resolved
and every address it resolves to must be global (not loopback, private, link-local,
shared, reserved, multicast or unspecified); the connection is then made to the address
that was checked, never to a second lookup of the name, so a name that answers a public
address to the check and a private one to the connection (DNS rebinding) gains nothing.
The check sits in the HTTP client's network layer (`GuardedBackend`), so it holds for
every request and every redirect hop alike. An IPv6 address that carries an IPv4 one
(NAT64, 6to4, Teredo, IPv4-compatible) is judged by the IPv4 address it leads to.

The same layer holds each exchange to its deadline (`deadline`): every read and write
of the socket waits at most what is left of the request's time, so a server trickling
its headers a byte at a time is cut off like one trickling its body.

A host listed in `allow_hosts` ("127.0.0.1", "intranet.example") is fetched whatever it
resolves to: allowed by the name written in the URL, so allowing "127.0.0.1" does not
allow "localhost" or "[::1]".
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import httpcore
import httpx

from ..errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressPolicy:
    """Which hosts may be connected to."""

    def __init__(self, allow_hosts: Iterable[str] = ()) -> None:
        self.allowed = {_bare(host) for host in allow_hosts if host.strip()}

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for `host`, checked; a `FetchError` (permanent)
        when the host may not be fetched."""
        bare = _bare(host)
        try:
            infos = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"the host {bare} cannot be resolved ({exc})") from exc
        found = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if bare in self.allowed:
            return found
        for text in found:
            address = _refused(text)
            if address is not None:
                raise FetchError(
                    f"refused: {bare} is at {address}, a "
                    f"{_kind(ipaddress.ip_address(address))} address; the follower fetches only "
                    f"public addresses unless the host is allowed by name (--allow-host {bare}, "
                    "or allow_hosts in the [follow] table of newstrace.toml)", permanent=True)
        return found


# IPv6 prefixes whose addresses carry an IPv4 address in their last 32 bits (NAT64's
# well-known and local-use prefixes, IPv4-compatible addresses).
EMBEDDING = [ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96")]


def _refused(text: str) -> str | None:
    """The address when it is not global (refused); None when it is."""
    checked = _judged(ipaddress.ip_address(text.split("%", 1)[0]))
    site_local = isinstance(checked, ipaddress.IPv6Address) and checked.is_site_local
    return None if checked.is_global and not checked.is_multicast and not site_local else text


def _judged(address: Address) -> Address:
    """The IPv4 address an IPv6 one leads to, when it carries one; else the address."""
    if isinstance(address, ipaddress.IPv4Address) or address.is_loopback or address.is_unspecified:
        return address                 # ::1 and :: are themselves, not IPv4-compatible
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if any(address in network for network in EMBEDDING):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def _kind(address: Address) -> str:
    checked = _judged(address)
    for name in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved",
                 "site_local"):
        if getattr(checked, f"is_{name}", False):
            return name.replace("_", "-")
    return "non-public"


def _bare(host: str) -> str:
    """'[::1]' and '::1' alike, lower case, without a trailing dot."""
    return host.strip().strip("[]").rstrip(".").lower()


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self.policy.addresses(host, port):
            try:
                stream = super().connect_tcp(address, port, _left(timeout), local_address,
                                             socket_options)
                return DeadlineStream(stream)
            except httpcore.ConnectError as exc:     # the next address may answer
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


# The deadline of the exchange under way on this thread (time.monotonic()), set by the
# fetcher around each request: connections are pooled, so the stream asks the thread.
_exchange = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every socket operation inside the block ends within `seconds` from now in all."""
    previous = getattr(_exchange, "at", None)
    _exchange.at = time.monotonic() + seconds
    try:
        yield
    finally:
        _exchange.at = previous


def _left(timeout: float | None) -> float | None:
    """`timeout`, shortened to what is left of the exchange's deadline."""
    at: float | None = getattr(_exchange, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the exchange's deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose reads and writes end by the exchange's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _left(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, _left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


def guarded_transport(policy: AddressPolicy, connections: int) -> httpx.HTTPTransport:
    """An httpx transport whose connections pass through `policy`. No proxy from the
    environment: a proxy would make the connection in the policy's place."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx builds its own connection pool; this one is the same but for the backend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=connections, max_keepalive_connections=connections,
        keepalive_expiry=5.0, network_backend=GuardedBackend(policy))
    return transport
