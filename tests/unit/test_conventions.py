"""Project conventions as tests (design.md): SQL files, catalogue entries and case files agree; no SQL
in Python strings; only the UI modules import streamlit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from cscdash import db, indicator_data
from cscdash.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent.parent
QUERIES = ROOT / "queries"
CASES = ROOT / "tests" / "cases"
INDICATOR_DIR = QUERIES / "indicators"
#: catalogue page -> the folder of its indicator views
UI_MODULES = {"cscdash/cache.py", "cscdash/components.py"}

SQL_STATEMENT = re.compile(
    r"\bselect\b[\s\S]+\bfrom\b|\bcreate\s+(or\s+replace\s+)?(temp\s+)?(table|view|macro)\b"
    r"|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+\w+\s+set\b|\bdrop\s+(table|view)\b"
    r"|\bcomment\s+on\s+(view|table)\b|\bcopy\s+\w+\s+(to|from)\b",
    re.IGNORECASE,
)


def _sql_files() -> list[Path]:
    """The view files build_views reads (other .sql files are queries with parameters)."""
    return [p for layer in db.LAYERS for p in sorted((QUERIES / layer).rglob("*.sql"))]


@pytest.mark.parametrize("path", sorted(QUERIES.rglob("*.sql")), ids=lambda p: p.stem)
def test_every_sql_file_has_a_header(path: Path) -> None:
    assert db.sql_header(path.read_text(encoding="utf-8")), f"{path.name}: start with a -- header comment"


def _indicator_views() -> dict[str, Path]:
    return {p.stem: p for p in sorted(INDICATOR_DIR.rglob("*.sql"))}


@pytest.mark.parametrize("path", _sql_files(), ids=lambda p: p.stem)
def test_sql_file_has_header_and_shape(path: Path) -> None:
    """A header naming the grain and what it reads, and the import-CTE ... select * from final shape."""
    text = path.read_text(encoding="utf-8")
    header = db.sql_header(text)
    assert "grain:" in header.lower(), f"{path.name}: header must say what one row is (Grain: ...)"
    assert "reads:" in header.lower(), f"{path.name}: header must say what it reads (Reads: ...)"
    body = re.sub(r"--[^\n]*", "", text).strip()
    assert body.startswith("with "), f"{path.name}: start with import CTEs (with ...)"
    assert body.rstrip(";").rstrip().endswith("select * from final"), (
        f"{path.name}: end with select * from final"
    )
    assert body == body.replace("SELECT", "").replace("FROM ", ""), f"{path.name}: lower-case keywords"


def test_view_names_are_unique() -> None:
    names = [p.stem for p in _sql_files()]
    assert len(names) == len(set(names))


def test_every_indicator_view_has_one_catalogue_entry_and_the_reverse() -> None:
    catalogue = load_catalogue()
    ids = catalogue.ids()
    views = _indicator_views()
    assert len(ids) == len(set(ids))
    assert sorted(set(ids) - set(views)) == [], "catalogue entries without a SQL view"
    assert sorted(set(views) - set(ids)) == [], "SQL views without a catalogue entry"
    for indicator in catalogue:
        assert views[indicator.id].parent.name == indicator.page, (
            f"{indicator.id}: view not in its page folder"
        )


def test_every_flow_view_gives_its_single_month_figures() -> None:
    """A flow (catalogue rolling_12m) returns month_numerator ... month_value_note: what SPC judges."""
    views = _indicator_views()
    missing = [
        i.id
        for i in load_catalogue()
        if i.is_flow
        and not all(
            f"as {c}" in views[i.id].read_text(encoding="utf-8") for c in indicator_data.MONTH_COLUMNS
        )
    ]
    assert not missing, f"flows without their single-month columns: {missing}"


def test_every_indicator_view_has_one_case_file_and_the_reverse() -> None:
    cases = {p.stem for p in CASES.glob("*.yml")}
    views = set(_indicator_views())
    assert sorted(views - cases) == [], "indicator views without a hand-worked case file"
    assert sorted(cases - views) == [], "case files without an indicator view"


def test_indicator_views_read_no_other_indicator_view() -> None:
    views = _indicator_views()
    for name, path in views.items():
        body = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        for other in views:
            if other != name:
                assert not re.search(rf"\b{other}\b", body), f"{name} reads indicator view {other}"


def _python_files() -> list[Path]:
    files = sorted((ROOT / "cscdash").rglob("*.py")) + sorted((ROOT / "pages").rglob("*.py"))
    app = ROOT / "app.py"
    return files + ([app] if app.exists() else [])


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def sql_in_python(source: str) -> list[str]:
    """String literals (docstrings aside) that look like SQL statements."""
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        is_text = (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        )
        if is_text and SQL_STATEMENT.search(node.value):
            found.append(node.value[:60])
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            if SQL_STATEMENT.search(text):
                found.append(text[:60])
    return found


def test_the_sql_detector_detects_sql() -> None:
    assert sql_in_python('q = "select a from b"')
    assert sql_in_python('q = f"create or replace view {name} as x"')
    assert sql_in_python('q = """INSERT INTO t VALUES (1)"""')
    assert not sql_in_python('"""Select the rows from the view (a docstring)."""')
    assert not sql_in_python('label = "Referrals from schools"')


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_in_python_strings(path: Path) -> None:
    found = sql_in_python(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}: move SQL to a .sql file: {found}"


@pytest.mark.parametrize("path", sorted((ROOT / "cscdash").rglob("*.py")), ids=lambda p: p.name)
def test_non_ui_modules_never_import_streamlit(path: Path) -> None:
    relative = str(path.relative_to(ROOT))
    if relative in UI_MODULES:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args:
            arg = node.args[0]
            names = [arg.value] if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else []
        assert not any(n == "streamlit" or n.startswith("streamlit.") for n in names), (
            f"{relative} imports streamlit; only {sorted(UI_MODULES)} and pages/ may"
        )
