"""Gunicorn processes for the API bench: the real app and the bare Flask app, one config each.

Each server runs in its own session (process group), so stopping it stops its workers, and
``stop_all`` runs from the bench's ``finally`` (and on SIGTERM/SIGHUP), so no server outlives
a failed or interrupted run.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _api_client import Connection, TransportError

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
STARTUP_S = 90.0


@dataclass(frozen=True)
class ServerConfig:
    """``2x8`` is ``-w 2 --threads 8``."""

    workers: int
    threads: int

    @classmethod
    def parse(cls, text: str) -> ServerConfig:
        workers, _, threads = text.strip().partition("x")
        return cls(int(workers), int(threads or 1))

    @property
    def name(self) -> str:
        return f"{self.workers}x{self.threads}"

    @property
    def flags(self) -> list[str]:
        return ["-w", str(self.workers), "--threads", str(self.threads)]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    def pids(self) -> list[int]:
        """The master and its workers, for CPU accounting."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [self.process.pid, *map(int, children.read_text().split())]
        except OSError:
            return [self.process.pid]


_running: list[Server] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(name: str, config: ServerConfig, app: str, env: dict[str, str], log_dir: Path,
          probe_path: str) -> Server:
    port = free_port()
    log_path = log_dir / f"gunicorn-{name}-{config.name}.log"
    command = [str(GUNICORN), *config.flags, "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT),
               "--error-logfile", str(log_path), "--log-level", "warning", app]
    process = subprocess.Popen(command, env=os.environ | env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Server(name, port, process, log_path)
    _running.append(server)
    _wait_ready(server, probe_path)
    return server


def _wait_ready(server: Server, probe_path: str) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn {server.name} exited; see {server.log_path}:\n"
                               + server.log_path.read_text()[-3000:])
        try:
            connection = Connection("127.0.0.1", server.port)
            connection.request("GET", probe_path)
            connection.close()
            return
        except TransportError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn {server.name} did not answer within {STARTUP_S:.0f} s")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        try:
            os.killpg(server.process.pid, signal.SIGTERM)
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=5)
        except ProcessLookupError:
            pass
    if server in _running:
        _running.remove(server)


def stop_all() -> None:
    for server in list(_running):
        stop(server)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")
