"""`newstrace serve`: the REST API and the web page over a corpus store."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading
import time
import webbrowser

import typer

from ..config import Options
from ..errors import NewstraceError
from ..store import DEFAULT_DB
from ..web.ratelimit import DEFAULT_BURST, DEFAULT_RATE, parse_rate
from .app import app, fail
from .follow import follow_beside, follow_settings

DEFAULT_PORT = 8765


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a busy port is a one-line error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on such sockets, and without it
    # every kept-alive response waits 40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if port and exc.errno in (98, 48, 10048):           # EADDRINUSE
            fail(f"port {port} on {host} is in use; pick another with --port (or --port 0 for any free one)")
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _can_open_browser() -> bool:
    """A graphical browser can be shown (never a text browser taking over the terminal)."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _open_when_ready(url: str, host: str, port: int) -> None:
    def wait_then_open() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        webbrowser.open(url)

    threading.Thread(target=wait_then_open, daemon=True).start()


@app.command()
def serve(
    db: str = typer.Option(DEFAULT_DB, "--db", envvar="NEWSTRACE_DB",
                           help="SQLite file path, or postgresql://user:password@host/database."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every network)."),
    port: int = typer.Option(DEFAULT_PORT, "--port", min=0, max=65535, help="Port (0: any free one)."),
    token: str = typer.Option(None, "--token", envvar="NEWSTRACE_API_TOKEN",
                              help="API token that allows storing articles; without one the server is read-only."),
    open_browser: bool = typer.Option(True, "--open/--no-open", help="Open the page in a browser."),
    max_body_mb: float = typer.Option(5.0, "--max-body-mb", min=0.01, max=1024,
                                      help="Largest request body accepted, in megabytes."),
    access_log: bool = typer.Option(False, "--access-log/--no-access-log", help="Log every request."),
    rate_limit: str = typer.Option(f"{DEFAULT_RATE:g}/s", "--rate-limit", envvar="NEWSTRACE_RATE_LIMIT",
                                   help="Requests a second each client address may send, sustained "
                                        "(N/s or N/min); 0 turns the limit off."),
    burst: int = typer.Option(DEFAULT_BURST, "--burst", min=1, max=1_000_000, envvar="NEWSTRACE_BURST",
                              help="Requests a client may send at once before --rate-limit applies."),
    follow: str = typer.Option(None, "--follow", help="A file listing feeds, home pages and sitemaps "
                                                      "to follow into the store while serving."),
    allow_host: list[str] = typer.Option(None, "--allow-host",
                                         help="With --follow: a host that may be fetched although it "
                                              "is loopback or private (repeat for more)."),
    config: str = typer.Option(None, "--config", help="A newstrace.toml settings file ([follow] table)."),
) -> None:
    """Serve the REST API and the web page over the corpus."""
    import uvicorn

    from ..web import create_app

    try:
        rate = parse_rate(rate_limit)
    except ValueError as exc:
        fail(f"--rate-limit: {exc}")
    try:
        web_app = create_app(db, token=token, max_body_bytes=int(max_body_mb * 1024 * 1024),
                             rate_limit=rate, burst=burst)
    except NewstraceError as exc:
        fail(str(exc))
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    store = web_app.state.newstrace.store
    typer.echo(f"newstrace: serving {store.safe_url} ({store.count()} articles) at {url}", err=True)
    typer.echo(f"newstrace: {'writes need the API token' if token else 'read-only (no --token)'}; "
               "stop with Ctrl+C", err=True)
    typer.echo(f"newstrace: rate limit {rate:g} requests/s per client address, bursts of {burst}"
               if rate else "newstrace: no rate limit (--rate-limit 0)", err=True)
    if not _is_loopback(host):
        typer.echo(f"newstrace: warning: listening on {host}: anyone who can reach this machine "
                   "can read the corpus", err=True)
    if open_browser:
        if _can_open_browser():
            _open_when_ready(url, "127.0.0.1" if host in ("0.0.0.0", "::") else host, port)
        else:
            typer.echo(f"newstrace: no display to open a browser on; open {url} yourself", err=True)
    stop_following = None
    if follow:
        settings = follow_settings([follow], config, allow_hosts=tuple(allow_host or ()))
        stop_following = follow_beside(store, settings, Options.load(config))
        typer.echo(f"newstrace: following {len(settings.sources)} sources every {settings.every:g} s "
                   "(their state: /api/sources, and the page's Sources tab)", err=True)
    server_config = uvicorn.Config(web_app, log_level="info" if access_log else "warning",
                            access_log=access_log, server_header=False, timeout_graceful_shutdown=5)
    server = uvicorn.Server(server_config)
    try:
        server.run(sockets=[sock])
    finally:
        if stop_following is not None:
            stop_following.set()
        sock.close()
