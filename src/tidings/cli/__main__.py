"""``python -m tidings.cli``: the ``tidings`` command."""

from tidings.cli import main

main()
