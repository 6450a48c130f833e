"""Running the app: ``tidings serve`` (uvicorn, one or more worker processes)."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path


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
        access_log: bool = True) -> None:
    """Serve the store until interrupted. With several workers uvicorn starts that many
    processes, each building the app (and opening the store read-only) from the
    environment."""
    import uvicorn

    from tidings.web.app import DB_ENV, THREADS_ENV, create_app

    options = {"host": host, "port": port, "access_log": access_log, "log_level": "warning"}
    if workers == 1:
        uvicorn.run(create_app(db, duckdb_threads=duckdb_threads), **options)
        return
    os.environ[DB_ENV] = str(Path(db).resolve())
    if duckdb_threads:
        os.environ[THREADS_ENV] = str(duckdb_threads)
    uvicorn.run("tidings.web.app:app_from_env", factory=True, workers=workers, **options)
