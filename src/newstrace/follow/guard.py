"""What the follower may connect to: public addresses only, unless a host is allowed by name.

A feed is written by somebody else, and its links are followed by a process that may run
beside the API, inside a private network. So before any connection the host is resolved
and every address it resolves to must be global (not loopback, private, link-local,
shared, reserved, multicast or unspecified); the connection is then made to the address
that was checked, never to a second lookup of the name, so a name that answers a public
address to the check and a private one to the connection (DNS rebinding) gains nothing.
The check sits in the HTTP client's network layer (`GuardedBackend`), so it holds for
every request and every redirect hop alike.

A host listed in `allow_hosts` ("127.0.0.1", "intranet.example") is fetched whatever it
resolves to: allowed by the name written in the URL, so allowing "127.0.0.1" does not
allow "localhost" or "[::1]".
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Iterable

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


def _refused(text: str) -> str | None:
    """The address when it is not global (refused); None when it is."""
    address = ipaddress.ip_address(text.split("%", 1)[0])
    mapped = getattr(address, "ipv4_mapped", None)
    checked = mapped or address
    return None if checked.is_global and not checked.is_multicast else text


def _kind(address: Address) -> str:
    checked = getattr(address, "ipv4_mapped", None) or address
    for name in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(checked, f"is_{name}"):
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
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:     # the next address may answer
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


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
