"""A stand-in for the coding worker's main function, for testing the worker pool: it
answers through the pool's own loop, "codes" an article by echoing its text, and
misbehaves on request (dies, hangs, or dies halfway through sending its reply)."""

from __future__ import annotations

import os
import pickle
import struct
import time

from tidings.run.workers import answer


def serve(conn, parent, timeout, rules_dirs, min_confidence):  # noqa: ANN001, ARG001
    def handle(batch):  # noqa: ANN001, ANN202
        texts = [a.text for a in batch]
        if "die" in texts:
            os._exit(9)
        if "hang" in texts:
            time.sleep(3600)
        if "half" in texts:  # a reply that says 1 MB follows, then only 100 bytes of it
            os.write(conn.fileno(), struct.pack("!i", 1 << 20) + b"x" * 100)
            os._exit(9)
        return pickle.dumps(("ok", [f"{a.id}:{a.text}" for a in batch]))

    answer(conn, handle)
