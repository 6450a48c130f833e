"""Errors about the installation, not the input: a part tidings needs is missing."""

from __future__ import annotations

import importlib


class MissingDependency(RuntimeError):
    """An optional or required package is not installed. The message names the package
    and the command that installs it; it never blames the user's input."""

    def __init__(self, package: str, purpose: str, install: str, cause: BaseException | None = None
                 ) -> None:
        why = f" ({type(cause).__name__}: {cause})" if cause is not None else ""
        super().__init__(f"{purpose} needs the package {package}, which is not installed or "
                         f"does not import{why}: install it with `{install}`")
        self.package = package
        self.install = install


def require(module: str, package: str, purpose: str, install: str) -> None:
    """Import ``module`` or raise :class:`MissingDependency` naming ``package``."""
    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(package, purpose, install, exc) from None


HTML_CLEANER = ("lxml.html.clean", "lxml_html_clean", "reading HTML (web pages, feeds, web archives)",
                "pip install lxml_html_clean")
