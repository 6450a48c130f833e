"""The driver JVM's class-data archive (tidings.spark.classdata), without Spark."""

from __future__ import annotations

import os

import pytest

from tidings.spark.classdata import KIND, Archive, archive_for, can_archive, finish

HOTSPOT = ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6)\n'
           "OpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode, sharing)")


def test_only_a_hotspot_jvm_of_17_or_newer_archives():
    assert can_archive(HOTSPOT)
    assert can_archive(HOTSPOT.replace('"17.0.15"', '"21.0.2"'))
    assert not can_archive(HOTSPOT.replace('"17.0.15"', '"11.0.22"'))
    assert not can_archive('openjdk version "1.8.0_392"\nOpenJDK 64-Bit Server VM (build 25.392-b08)')
    assert not can_archive('openjdk version "17.0.9" 2023-10-17\nEclipse OpenJ9 VM (build openj9-0.41.0)')


def test_no_cache_folder_means_no_archive(monkeypatch, tmp_path):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", "off")
    assert archive_for(HOTSPOT, tmp_path, "4.0.0") == Archive("")


def test_the_first_run_writes_and_later_runs_read_the_archive(monkeypatch, tmp_path):
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(cache))
    first = archive_for(HOTSPOT, tmp_path, "4.0.0")
    assert first.writing is not None and first.final is not None
    assert f"-XX:ArchiveClassesAtExit={first.writing}" in first.options
    assert first.writing.parent == cache and not first.writing.exists()

    def jvm_writes_and_exits() -> bool:
        first.writing.write_bytes(b"classes")
        return True

    finish(first, jvm_writes_and_exits)
    assert first.final.read_bytes() == b"classes" and not first.writing.exists()
    later = archive_for(HOTSPOT, tmp_path, "4.0.0")
    assert later.writing is None and f"-XX:SharedArchiveFile={first.final}" in later.options
    assert "-Xlog:cds=off" in later.options  # its messages would go to standard output
    # another Java or another Spark has an archive of its own
    other = archive_for(HOTSPOT.replace("17.0.15", "17.0.16"), tmp_path, "4.0.0")
    assert other.writing is not None and other.final != first.final
    assert archive_for(HOTSPOT, tmp_path, "4.1.0").final != first.final


@pytest.mark.parametrize("outcome", ["jvm failed", "nothing written", "end raised"])
def test_an_unfinished_archive_leaves_no_file(monkeypatch, tmp_path, outcome):
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(cache))
    archive = archive_for(HOTSPOT, tmp_path, "4.0.0")

    def end() -> bool:
        if outcome == "nothing written":
            return True
        archive.writing.write_bytes(b"half")
        if outcome == "end raised":
            raise OSError("disk full")
        return False  # killed while writing

    finish(archive, end)
    assert sorted(os.listdir(cache)) == []


def test_only_the_newest_archives_are_kept(monkeypatch, tmp_path):
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(cache))
    for i, version in enumerate(("3.5.0", "4.0.0", "4.1.0")):
        archive = archive_for(HOTSPOT, tmp_path, version)
        finish(archive, lambda a=archive: a.writing.write_bytes(b"x") > 0)
        os.utime(archive.final, (1000 + i, 1000 + i))
    kept = sorted(cache.glob(f"{KIND}-*.jsa"))
    assert len(kept) == 2 and archive.final in kept


def test_an_archive_left_by_a_killed_run_is_removed(monkeypatch, tmp_path):
    import subprocess
    import sys

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(cache))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    orphan = cache / f".{KIND}-0123456789abcdef.{int(gone.stdout)}.tmp"
    running = cache / f".{KIND}-0123456789abcdef.{os.getpid()}.tmp"
    orphan.write_bytes(b"half")
    running.write_bytes(b"being written")
    archive_for(HOTSPOT, tmp_path, "4.0.0")
    assert not orphan.exists() and running.exists()
