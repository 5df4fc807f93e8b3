"""A lean keep-alive HTTP/1.1 client for the API bench: one socket per simulated user.

Lean on purpose: on a two-core machine the load generator shares the CPU with the server, so
it must spend as little as it can per request (no header parsing beyond what it reads, no
retries beyond one reconnect of a connection the server closed while idle).
"""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass
from typing import Any

TIMEOUT_S = 60.0


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    elapsed_s: float

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def etag_version(self) -> int | None:
        etag = self.headers.get("etag")
        return int(etag.strip('"')) if etag else None


class TransportError(Exception):
    """No HTTP answer at all (refused, reset, timed out)."""


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buffer = None, b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=TIMEOUT_S)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self.buffer = sock, b""
        return sock

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: Any = None) -> Answer:
        payload = b"" if body is None else json.dumps(body).encode()
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        head.extend(f"{name}: {value}" for name, value in (headers or {}).items())
        if body is not None:
            head.append("Content-Type: application/json")
        head.append(f"Content-Length: {len(payload)}")
        raw = ("\r\n".join(head) + "\r\n\r\n").encode() + payload
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self.sock is not None
            try:
                sock = self.sock or self._connect()
                sock.sendall(raw)
                status, answer_headers, answer_body = self._read()
                break
            except _ServerClosed:
                self.close()
                if attempt == 2 or not reused:
                    raise TransportError("server closed the connection") from None
            except OSError as error:
                self.close()
                raise TransportError(f"{type(error).__name__}: {error}") from None
        if answer_headers.get("connection", "").lower() == "close":
            self.close()
        return Answer(status, answer_headers, answer_body, time.perf_counter() - started)

    def _fill(self) -> None:
        assert self.sock is not None
        chunk = self.sock.recv(262144)
        if not chunk:
            raise _ServerClosed
        self.buffer += chunk

    def _read(self) -> tuple[int, dict[str, str], bytes]:
        if not self.buffer:
            self._fill()  # _ServerClosed here: an idle keep-alive connection closed, reconnect once
        try:
            return self._read_answer()
        except _ServerClosed:
            raise OSError("connection closed mid-answer") from None

    def _read_answer(self) -> tuple[int, dict[str, str], bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            return status, headers, self._read_chunked()
        length = int(headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def _read_chunked(self) -> bytes:
        body = b""
        while True:
            while b"\r\n" not in self.buffer:
                self._fill()
            size_line, self.buffer = self.buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(self.buffer) < size + 2:
                self._fill()
            body, self.buffer = body + self.buffer[:size], self.buffer[size + 2:]
            if size == 0:
                return body


class _ServerClosed(Exception):
    pass
