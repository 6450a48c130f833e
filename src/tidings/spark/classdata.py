"""A class-data archive for the driver's JVM of local ``tidings spark`` runs.

Loading and verifying Spark's classes is about 5 s of the ~13 s of CPU a local run
spends before and around coding (measured on 8 articles: 19.7–20.6 s of CPU without
an archive, 14.2–15.4 s with one). A JVM (HotSpot 17 or newer) can write the classes
it loaded to an archive when it exits (``-XX:ArchiveClassesAtExit``) and map them from
it at the next start (``-XX:SharedArchiveFile``).

The first local run writes the archive (its JVM is ended after the run and the file,
about 185 MB, is renamed into place once complete; one left half-written by a killed
run is removed by the next); later runs use it. It lives in the
tidings cache folder (:func:`tidings.cache.cache_dir`; ``TIDINGS_CACHE_DIR=off`` turns it
off), named by a hash of the Java version and the folder and version of Spark's jars, so
an archive is only ever used by the JVM and classes it was made from. An archive that
is missing, stale or cannot be written only means a slower start, never an error. The
JVM's class-data messages are silenced: they would go to standard output.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings import cache

KIND = "sparkclasses"  # cache-file kind (the name's part before the first "-")
KEEP = 2  # archives kept (one per Spark and Java in use)
QUIET = "-Xlog:cds=off -Xlog:cds+dynamic=off"
JVM_WAIT = 300.0  # seconds to wait for the JVM to write the archive and exit


@dataclass(frozen=True)
class Archive:
    """The JVM options for this run and, when this run writes the archive, where."""

    options: str
    writing: Path | None = None
    final: Path | None = None


def can_archive(java_version: str) -> bool:
    """A HotSpot JVM of version 17 or newer (``java -version``'s text)."""
    m = re.search(r'version "(\d+)', java_version)
    return bool(m) and int(m.group(1)) >= 17 and "Server VM" in java_version


def archive_for(java_version: str, spark_home: str | Path, spark_version: str) -> Archive:
    """The archive options for a local run's driver JVM (none if it cannot be had)."""
    folder = cache.cache_dir()
    if folder is None or not can_archive(java_version):
        return Archive("")
    _drop_orphans(folder)
    key = hashlib.sha256(f"{java_version}\0{Path(spark_home).resolve()}\0{spark_version}".encode()).hexdigest()[:16]
    final = folder / f"{KIND}-{key}.jsa"
    if final.is_file():
        return Archive(f"-XX:SharedArchiveFile={final} {QUIET}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Archive("")
    if not os.access(folder, os.W_OK):
        return Archive("")
    writing = folder / f".{KIND}-{key}.{os.getpid()}.tmp"
    return Archive(f"-XX:ArchiveClassesAtExit={writing} {QUIET}", writing, final)


def _drop_orphans(folder: Path) -> None:
    """Remove archives being written by processes that no longer run (a run killed before
    it could rename or remove its file: its JVM still wrote it when it exited)."""
    for tmp in folder.glob(f".{KIND}-*.tmp"):
        try:
            pid = int(tmp.name.rsplit(".", 2)[-2])
            os.kill(pid, 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, OSError):
            continue


def finish(archive: Archive, end_jvm: Callable[[], bool]) -> None:
    """After a run that wrote ``archive``: end the JVM (``end_jvm()``, which waits for it
    to exit and so for the archive to be written), then put a complete archive in place
    and drop older ones. Any failure leaves no file behind."""
    if archive.writing is None or archive.final is None:
        return
    try:
        ended = end_jvm()
        if ended and archive.writing.is_file() and archive.writing.stat().st_size > 0:
            os.replace(archive.writing, archive.final)
            old = sorted(archive.final.parent.glob(f"{KIND}-*.jsa"),
                         key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in old[KEEP:]:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        archive.writing.unlink(missing_ok=True)
