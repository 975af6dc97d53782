"""Imports run one way: the library (pipeline/) knows nothing of Dagster or of assets/."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

FORBIDDEN = {"dagster", "dagster_webserver", "assets"}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "pipeline").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_library_imports_no_dagster_code(path):
    assert not {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN}


def test_the_check_sees_an_import_of_dagster(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from dagster import asset\n", encoding="utf-8")
    assert "dagster" in imported_modules(module)
