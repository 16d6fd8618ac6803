"""The installed app imports only its runtime dependencies: `make run` installs
`pip install -e .` without the `dev` extra, so a module that imports a development
dependency (here fitdecode, the FIT exporter's old source of profile numbers) breaks
the web app and `plan new --fit-dir` on a fresh machine while the dev suite passes.

Scanned with ``ast`` (imports anywhere in a module, lazy ones included). matplotlib is
not listed: it is the optional ``charts`` extra, and ``services/charts.py`` is imported
only by ``stats --png/--svg``, which says how to install it when it is missing.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "runstrong"
DEV_ONLY = {"fitdecode", "pytest", "hypothesis", "playwright", "schemathesis", "garmin_fit_sdk"}


def _top_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def dev_only_imports(root: Path) -> dict[str, set[str]]:
    return {
        str(p.relative_to(root)): bad
        for p in sorted(root.rglob("*.py"))
        if (bad := _top_imports(p) & DEV_ONLY)
    }


def test_no_module_imports_a_development_dependency() -> None:
    assert dev_only_imports(PACKAGE) == {}


def test_the_scan_sees_a_lazy_import(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f():\n    import fitdecode.profile\n", encoding="utf-8")
    assert dev_only_imports(tmp_path) == {"m.py": {"fitdecode"}}
