"""Files that spare a process work it did before: built indexes kept between runs.

A cache file is only ever read back by what wrote the same key (the caller hashes the
versions and table bytes it was built from into the name), is written atomically, and a
missing, broken or unwritable one only means the work is done again, never an error.
``TIDINGS_CACHE_DIR`` names the folder (default ``~/.cache/tidings``); ``off`` turns
caching off.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

KEEP = 4  # files kept per kind (one per rule set in use)


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get("TIDINGS_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tidings"


def read(path: Path) -> Any | None:
    """What :func:`write` put at ``path``, or None (missing, partial, stale)."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is rebuilt
        return None


def write(path: Path, value: Any) -> None:
    """Write atomically and keep only the newest :data:`KEEP` files of this kind (the
    name's part before its first "-"); an unwritable folder only means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = path.name.split("-", 1)[0]
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        old = sorted(path.parent.glob(f"{kind}-*{path.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
