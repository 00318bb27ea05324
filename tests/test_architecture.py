"""Layering rules from STYLE.md: pages stay thin, core stays free of Streamlit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = sorted([ROOT / "streamlit_app.py", *(ROOT / "pages").rglob("*.py")])
CORE_FILES = sorted((ROOT / "core").rglob("*.py"))
SQL_SELECT = re.compile(r"(?<!\w)select\(")  # select( but not st.multiselect(
FORBIDDEN_IN_PAGES = ("sqlalchemy", "db.models", "openai", "psycopg")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _matches(name: str, forbidden: str) -> bool:
    return name == forbidden or name.startswith(forbidden + ".")


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_do_not_touch_the_database_or_ai_directly(path: Path) -> None:
    bad = sorted(n for n in _imports(path) for f in FORBIDDEN_IN_PAGES if _matches(n, f))
    assert not bad, f"{path.name} imports {bad}: go through core instead"
    assert not SQL_SELECT.search(path.read_text(encoding="utf-8")), f"{path.name} builds SQL"


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_does_not_import_streamlit(path: Path) -> None:
    bad = sorted(n for n in _imports(path) if _matches(n, "streamlit"))
    assert not bad, f"{path.name} imports {bad}: core must not depend on the UI"


def test_the_rules_see_the_files() -> None:
    assert len(CORE_FILES) >= 5 and (ROOT / "streamlit_app.py") in PAGE_FILES
