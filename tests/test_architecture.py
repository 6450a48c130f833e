"""The shape of the house: small functions, modules a newcomer can read in one sitting,
packages that import downwards only, and a core that never reaches for the benchmarks.

These are the limits the developers' brief sets; a change that breaks one should split
the function or module rather than raise the number here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "tidings"

MAX_COMPLEXITY = 25  # cyclomatic complexity of one function, as radon counts it
MAX_LINES = 620  # lines in one module ("under ~600")

# Packages in layers: each may import from its own layer and the layers before it.
# model, errors and the rules are the ground; extraction needs no parse; coding needs
# the parse; the pipeline joins them; readers, the store and the runners sit on top;
# the command line and the web app are the outermost shell; bench measures everything.
LAYERS = [
    {"tidings.model", "tidings.errors", "tidings.text", "tidings.rules"},
    {"tidings.extract"},
    {"tidings.coding"},
    {"tidings.pipeline", "tidings.output"},
    {"tidings.ingest", "tidings.store"},
    {"tidings.run", "tidings.spark", "tidings.evaluate"},
    {"tidings.web", "tidings.cli"},
    {"tidings.bench"},
]


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _group(module: str) -> str:
    """The unit the layers speak of: a package (tidings.store) or a top-level module."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _layer(group: str) -> int:
    for i, layer in enumerate(LAYERS):
        if group in layer:
            return i
    raise AssertionError(f"{group} is in no layer of tests/test_architecture.py: place it")


def _tidings_imports(path: Path, *, runtime_only: bool) -> set[str]:
    """Modules of tidings that ``path`` imports (inside functions too). With
    ``runtime_only``, imports under ``if TYPE_CHECKING:`` are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip.update(id(n) for s in node.body for n in ast.walk(s))
    me = _name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("tidings"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("tidings"):
                out.add(mod)
    return out


def test_no_function_is_too_complex() -> None:
    too_complex = []
    for path in _modules():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            for b in [block, *getattr(block, "methods", [])]:
                if b.complexity > MAX_COMPLEXITY:
                    too_complex.append(f"{path.relative_to(ROOT)}:{b.lineno} {b.name} ({b.complexity})")
    assert not too_complex, "split these functions:\n" + "\n".join(too_complex)


def test_no_module_is_too_long() -> None:
    long = [f"{p.relative_to(ROOT)} ({n} lines)" for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, "split these modules:\n" + "\n".join(long)


def test_packages_import_downwards() -> None:
    upward = []
    for path in _modules():
        if _name(path) == "tidings":
            continue  # the front door (tidings.code, tidings.Coder): see the next test
        me = _group(_name(path))
        for mod in _tidings_imports(path, runtime_only=False):
            them = _group(mod)
            if them == "tidings":
                continue  # __version__ and the facade, which imports nothing at import time
            if them != me and _layer(them) > _layer(me):
                upward.append(f"{_name(path)} imports {mod}")
    assert not upward, "these imports point up the layers:\n" + "\n".join(sorted(upward))


def test_front_door_imports_nothing_at_import_time() -> None:
    """``import tidings`` stays instant: the facade imports what it offers on first use."""
    names = {_name(p) for p in _modules()}
    assert _module_level_imports(SRC / "__init__.py", names) == set()


def test_core_never_imports_bench() -> None:
    offenders = [f"{_name(p)} imports {m}" for p in _modules()
                 if not _name(p).startswith("tidings.bench")
                 for m in _tidings_imports(p, runtime_only=False)
                 if m.startswith("tidings.bench")]
    assert not offenders, "\n".join(offenders)


def _module_level_imports(path: Path, names: set[str]) -> set[str]:
    """Modules of tidings that ``path`` imports when it is imported (the imports at
    module level; a ``from package import name`` counts ``package.name`` when that is a
    module)."""
    me = _name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    deps = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            deps.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                base = package.split(".")
                mod = ".".join(base[: len(base) - node.level + 1] + ([mod] if mod else []))
            subs = {f"{mod}.{a.name}" for a in node.names}
            # `from package import submodule` runs the package first, as every import
            # of a submodule does; only a name defined in the package is a dependency
            deps.update(subs if subs <= names else subs | {mod})
    return {d for d in deps if d in names and d != me}


def test_no_import_cycles_between_modules() -> None:
    """Module-level cycles make the import order matter. Imports inside functions and
    under TYPE_CHECKING do not run at import time and are left out."""
    names = {_name(p) for p in _modules()}
    graph = {_name(p): _module_level_imports(p, names) for p in _modules()}
    cycles: list[str] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_limits_can_fail(tmp_path: Path) -> None:
    """The checks above find what they look for (so a passing run means something)."""
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(30))
    src = f"def f(x):\n{branches}\n    return -1\n"
    assert cc_visit(src)[0].complexity > MAX_COMPLEXITY
    fake = tmp_path / "tidings" / "extract" / "x.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from tidings.store import Store\nif TYPE_CHECKING:\n    import tidings.bench\n")
    global SRC
    old, SRC = SRC, tmp_path / "tidings"
    try:
        assert _tidings_imports(fake, runtime_only=False) == {"tidings.store", "tidings.bench"}
        assert _tidings_imports(fake, runtime_only=True) == {"tidings.store"}
        assert _layer(_group("tidings.store")) > _layer(_group("tidings.extract"))
    finally:
        SRC = old
