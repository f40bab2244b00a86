"""What the server benchmarks share: a `newstrace serve` process on loopback, and a
light HTTP/1.1 client for it.

The client is written on asyncio streams because a general-purpose client's own cost
(pooling, parsing) would be measured with the server's.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys


class Connection:
    """One client's kept-alive HTTP/1.1 connection: a GET, then the whole body."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """The status of GET `path` (0 when the connection failed twice)."""
        for attempt in (1, 2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                assert self.reader is not None
                self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n"
                                  "Accept: application/json\r\n\r\n".encode())
                head = await self.reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
                await self.reader.readexactly(int(length.group(1)) if length else 0)
                if re.search(rb"(?i)\r\nconnection:\s*close", head):
                    await self.close()
                return status
            except (OSError, asyncio.IncompleteReadError, ValueError):
                await self.close()          # the server closed a kept-alive connection: reconnect
                if attempt == 2:
                    return 0
        return 0

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


def loopback(base: str) -> tuple[str, int]:
    """Host and port of a server URL, which must be on loopback: load goes nowhere else."""
    match = re.match(r"http://(127\.[\d.]+):(\d+)/", base)
    if not match:
        raise SystemExit(f"{base} is not a loopback address: the benchmarks load 127.0.0.1 only")
    return match.group(1), int(match.group(2))


def start_server(db: str, *options: str) -> tuple[subprocess.Popen[str], str]:
    """`newstrace serve` on a free loopback port; the process and its base URL."""
    process = subprocess.Popen([sys.executable, "-m", "newstrace", "serve", "--db", db, "--port", "0",
                                "--host", "127.0.0.1", "--no-open", *options],
                               stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline() if process.stderr else ""
    match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not match:
        process.kill()
        raise SystemExit(f"the server did not start: {line.strip()}")
    return process, match.group(1)


def stop_server(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
    if process.stderr:
        process.stderr.close()


async def wait_ready(base: str) -> None:
    connection = Connection(*loopback(base))
    for _ in range(300):
        if await connection.get("/api/health") == 200:
            await connection.close()
            return
        await asyncio.sleep(0.1)
    raise SystemExit("the server did not answer /api/health")


def pct(seconds: list[float], p: float) -> float:
    """The p-th percentile of `seconds`, in milliseconds (0 for no values)."""
    ordered = sorted(seconds)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000
