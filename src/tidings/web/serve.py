"""Running the app: ``tidings serve`` (uvicorn, one or more worker processes)."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_ENV = "TIDINGS_HEADER_TIMEOUT"
DEFAULT_HEADER_TIMEOUT = 10.0


class ServeError(RuntimeError):
    """The server cannot start; the message says why and what to do."""


def check_address(host: str, port: int) -> bool:
    """Raise :class:`ServeError` unless ``host:port`` can be listened on; True when
    ``host`` is a loopback address (only this machine can connect)."""
    if not 0 < port < 65536:
        raise ServeError(f"--port takes 1 to 65535, not {port}")
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                         "(is another server there? try another --port)") from None
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def run(db: Path, *, host: str, port: int, workers: int = 1, duckdb_threads: int | None = None,
        access_log: bool = True, allow_hosts: tuple[str, ...] = (),
        header_timeout: float = DEFAULT_HEADER_TIMEOUT, max_queries: int | None = None) -> None:
    """Serve the store until interrupted. With several workers uvicorn starts that many
    processes, each building the app (and opening the store read-only) from the
    environment. Requests whose Host is not an address or one of ``allow_hosts`` (and
    localhost) are refused (DNS rebinding); a connection whose headers take longer than
    ``header_timeout`` seconds is closed; at most ``max_queries`` heavy queries run at
    once per process (more wait briefly, then get 503)."""
    import uvicorn

    from tidings.web.app import (
        ALLOW_HOSTS_ENV,
        DB_ENV,
        MAX_QUERIES_ENV,
        THREADS_ENV,
        app_from_env,
    )

    os.environ[DB_ENV] = str(Path(db).resolve())
    os.environ[ALLOW_HOSTS_ENV] = ",".join(allow_hosts)
    os.environ[HEADER_TIMEOUT_ENV] = str(header_timeout)
    if duckdb_threads:
        os.environ[THREADS_ENV] = str(duckdb_threads)
    if max_queries:
        os.environ[MAX_QUERIES_ENV] = str(max_queries)
    options = {"host": host, "port": port, "access_log": access_log, "log_level": "warning",
               "http": "tidings.web.serve:HeaderTimeoutProtocol"}
    if workers == 1:
        uvicorn.run(app_from_env(), **options)
        return
    uvicorn.run("tidings.web.app:app_from_env", factory=True, workers=workers, **options)


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, but a connection whose request headers do not arrive within
    $TIDINGS_HEADER_TIMEOUT seconds is closed (slow-header clients held connections forever)."""

    def connection_made(self, transport) -> None:  # noqa: ANN001
        super().connection_made(transport)
        self.header_timeout = float(os.environ.get(HEADER_TIMEOUT_ENV, DEFAULT_HEADER_TIMEOUT))
        self._header_timer = None
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._expired)

    def _disarm(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _expired(self) -> None:
        self._header_timer = None
        waiting = self.cycle is None or self.cycle.response_complete
        if waiting and not self.transport.is_closing():
            self.transport.close()  # no (complete) request in time

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # a request arrived whole: the app is answering it

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the next request's headers must come in time too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


