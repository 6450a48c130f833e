"""The executors' Python daemon loads the coder before it forks its workers."""

from __future__ import annotations

import pytest

from tidings.run import code
from tidings.spark import daemon


def test_preload_loads_the_coder_the_executors_ask_for():
    assert daemon.preload()
    # the executors' code asks for process_coder(rules_dirs) with rules_dirs == ()
    assert code.process_coder(()) is code.process_coder()
    assert code.process_coder([], 0) is code.process_coder()


def test_a_coder_that_cannot_load_still_lets_the_daemon_start(monkeypatch, capsys):
    def broken(*args, **kwargs):
        print("a library talking on standard output")
        raise RuntimeError("no model")

    monkeypatch.setattr(code, "process_coder", broken)
    assert daemon.preload() is False
    out = capsys.readouterr()
    assert out.out == ""  # the JVM reads the daemon's port from standard output
    assert "a library talking" in out.err


def test_the_driver_names_this_daemon():
    pytest.importorskip("pyspark")
    from tidings.spark.driver import SPARK_CONF

    assert SPARK_CONF["spark.python.daemon.module"] == daemon.__name__
