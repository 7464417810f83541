"""Project conventions as tests (design.md): SQL files, catalogue entries and case files agree; no SQL
in Python strings; the layers (only the UI modules import streamlit; nothing below the UI imports it;
pages import only the components); no module too long to read."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from cscdash import db, indicator_data
from cscdash.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent.parent
QUERIES = ROOT / "queries"
CASES = ROOT / "tests" / "cases"
INDICATOR_DIR = QUERIES / "indicators"
#: The UI layer: the only modules that import streamlit (with the pages). A path ending in "/" is a package.
UI_MODULES = {"cscdash/cache.py", "cscdash/components/"}
#: What the UI layer is, as modules: nothing outside it imports these (cache.py imports no component).
UI_IMPORTS = ("cscdash.cache", "cscdash.components")
#: What a page may import: the components package and streamlit.
PAGE_IMPORTS = ("cscdash.components", "streamlit", "__future__")
#: No module under cscdash/ is longer than this, so a reader can take in a module whole.
MAX_MODULE_LINES = 400
#: The only modules allowed over MAX_MODULE_LINES, each with its reason. Keep it short: an entry goes when
#: its module is split (the test fails while an entry is no longer needed).
LONG_MODULES = {
    "cscdash/synthetic/annex_a_leavers.py": "demo generator, left out of the issue 15 split",
    "cscdash/synthetic/care_placements.py": "demo generator, left out of the issue 15 split",
}

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


def test_every_flow_view_gives_its_single_month_figures(tmp_path) -> None:
    """A flow (catalogue rolling_12m) returns month_numerator ... month_value_note (what SPC judges), after
    the contract columns: read from the views built on an empty database, so a column that comes from a
    macro (month_percent_of ...) counts as well as one written out."""
    con = db.connect(tmp_path / "empty.duckdb")
    db.ensure_schema(con)
    db.build_views(con)
    contract = ["la_code", "period_start", "period_end", "breakdown", "breakdown_value"]
    contract += ["numerator", "denominator", "value", "value_note"]
    wrong = {}
    for indicator in load_catalogue():
        columns = con.table(indicator.id).columns
        expected = contract + list(indicator_data.MONTH_COLUMNS) if indicator.is_flow else contract
        # extra columns (snapshot_date, quartiles ...) may sit between; the contract's order may not change
        if [c for c in columns if c in expected] != expected or (
            not indicator.is_flow and "month_value" in columns
        ):
            wrong[indicator.id] = columns
    con.close()
    assert not wrong, f"views without the contract columns (and a flow's month columns) in order: {wrong}"


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


def _package_modules() -> list[Path]:
    return sorted((ROOT / "cscdash").rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _is_ui(relative: str) -> bool:
    return any(relative == m or (m.endswith("/") and relative.startswith(m)) for m in UI_MODULES)


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """Each import of a file as (absolute module, names taken from it): ``import a.b`` gives ("a.b", []),
    ``from . import x`` in cscdash/components/frame.py gives ("cscdash.components", ["x"]), and
    ``importlib.import_module("a.b")`` gives ("a.b", [])."""
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.append((module, [a.name for a in node.names]))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((arg.value, []))
    return found


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, absolute; ``from a import b`` counts as importing ``a`` and ``a.b``."""
    modules = set()
    for module, names in _imports(path):
        modules.add(module)
        modules.update(f"{module}.{name}" for name in names)
    return modules


def test_the_import_reader_resolves_relative_and_from_imports() -> None:
    frame = ROOT / "cscdash" / "components" / "frame.py"
    assert "cscdash.cache" in _imported_modules(frame)
    assert "streamlit" in _imported_modules(frame)
    assert "cscdash.components" in _imported_modules(ROOT / "pages" / "data_quality.py")


@pytest.mark.parametrize("path", _package_modules(), ids=_relative)
def test_non_ui_modules_never_import_streamlit(path: Path) -> None:
    relative = _relative(path)
    if _is_ui(relative):
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


@pytest.mark.parametrize("path", _package_modules(), ids=_relative)
def test_nothing_below_the_ui_imports_it(path: Path) -> None:
    """charts/, formatting, disclosure, spc, db, extracts, catalogue ... never import cscdash.cache or
    cscdash.components; cache.py imports no component (the components sit on top of it)."""
    relative = _relative(path)
    if relative.startswith("cscdash/components/"):
        return
    forbidden = ("cscdash.components",) if relative == "cscdash/cache.py" else UI_IMPORTS
    wrong = sorted(m for m in _imported_modules(path) if _within(m, forbidden))
    assert not wrong, f"{relative} imports the UI layer {wrong}; only cscdash/components/ may"


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=_relative)
def test_pages_import_only_the_components(path: Path) -> None:
    """A page lays out components: it imports cscdash.components (and streamlit), nothing else of cscdash."""
    for module, names in _imports(path):
        allowed = _within(module, PAGE_IMPORTS) or (module == "cscdash" and names == ["components"])
        assert allowed, f"{_relative(path)} imports {module} {names}; pages import only cscdash.components"


@pytest.mark.parametrize("path", _package_modules(), ids=_relative)
def test_no_module_is_too_long(path: Path) -> None:
    relative = _relative(path)
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if relative in LONG_MODULES:
        assert lines > MAX_MODULE_LINES, (
            f"{relative} has {lines} lines, no longer over {MAX_MODULE_LINES}: remove it from LONG_MODULES"
        )
        return
    assert lines <= MAX_MODULE_LINES, (
        f"{relative} has {lines} lines (at most {MAX_MODULE_LINES}): split it by what a reader looks for"
    )


def test_every_long_module_exception_names_a_module() -> None:
    gone = [p for p in LONG_MODULES if not (ROOT / p).exists()]
    assert not gone, f"LONG_MODULES names modules that no longer exist: remove {gone}"


def test_the_server_collects_no_garbage_after_every_run() -> None:
    # Streamlit's default runs gc.collect(2) after every script run, under the interpreter lock: with the
    # 150-authority database that was a fifth of a second of each page switch, for every session at once
    # (issue 18, part 5). The project's config turns it off; this keeps it off.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
