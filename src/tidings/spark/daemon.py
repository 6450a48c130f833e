"""Spark's Python daemon for ``tidings spark``, with the coder loaded before it forks.

Spark starts one daemon per executor (``python -m`` the module named by
``spark.python.daemon.module``) and the daemon forks a Python worker for each task
slot. PySpark's own daemon forks bare workers, so each one imported spaCy and loaded
the model again (about 2 s of CPU apiece). This one loads the package's coder first
(:func:`tidings.run.code.process_coder`, the one the executors' code asks for) and then
runs PySpark's daemon unchanged: every worker it forks starts with the model in its
memory, shared with its siblings until written to.

If the coder cannot be loaded here the daemon still starts, and each worker reports the
error when it codes, as it would without this module. Nothing may be written to standard
output before PySpark's daemon starts: the JVM reads the daemon's port from it.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

# the modules a worker imports to run tidings' mapInArrow function: PySpark's worker
# and Arrow serialisers, pandas and pyarrow, and the driver module the function is in
WORKER_MODULES = ("pyarrow", "pandas", "pyspark.worker", "pyspark.sql.pandas.serializers",
                  "tidings.spark.driver", "tidings.output", "tidings.store.rows")


def preload() -> bool:
    """Load the package's coder into this process; False (and nothing raised) if it fails."""
    try:
        with contextlib.redirect_stdout(sys.stderr):
            for module in WORKER_MODULES:  # what every worker would import again
                importlib.import_module(module)
            from tidings.run.code import process_coder

            process_coder()  # the same one as the executors' process_coder(())
    except Exception:  # noqa: BLE001 - the workers load it again and report why not
        return False
    return True


def main() -> None:
    preload()
    from pyspark.daemon import manager

    manager()


if __name__ == "__main__":
    main()
