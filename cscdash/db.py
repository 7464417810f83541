"""The DuckDB data layer: connections, the raw-table schema and (from the engine) the SQL views.

SQL lives in ``.sql`` files (``cscdash/extracts/raw_tables.sql``, ``queries/``); this module only
finds, reads and runs them. Connections never auto-install DuckDB extensions: nothing is fetched
from the network at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cscdash.settings import QUERIES_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
RAW_TABLES_SQL = PACKAGE_DIR / "extracts" / "raw_tables.sql"
TEMPLATES_DIR = PACKAGE_DIR / "sql_templates"

#: Build order (design.md): a layer may read only the raw tables and the layers before it.
LAYERS = ("staging", "intermediate", "indicators")
#: Scalar SQL macros (queries/macros/, one ``create or replace macro`` per file), created before any view:
#: the one definition of a breakdown group (age band, sex, ethnicity ...) that many views share.
MACROS = "macros"
_MACRO_STATEMENT = re.compile(r"^create\s+or\s+replace\s+macro\s+([a-z][a-z0-9_]*)\s*\(", re.IGNORECASE)
#: A header line that asks build_views(materialise=True) to store the select as a table.
MATERIALISE_MARK = re.compile(r"\bmaterialise:\s*table\b", re.IGNORECASE)
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")

_NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: DuckDB answers an ASOF join whose left side it guesses to be small (under 64 rows) with a nested loop;
#: its guess for the month-end grids is often 40 when the truth is 50,000, which made the latest-visit
#: joins 30x slower on one authority. The sort-merge ASOF join is right at every size here.
_SETTINGS = {**_NO_DOWNLOADS, "asof_loop_join_threshold": 0}


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) a DuckDB database; ``None`` or ``":memory:"`` gives an in-memory one."""
    if path is None or str(path) == ":memory:":
        return duckdb.connect(":memory:", config=dict(_SETTINGS))
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only, config=dict(_SETTINGS))


#: The name the app's reader gives the database file it attaches (connect_reader).
READER_NAME = "indicators"


def connect_reader(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one database file as it is now, through ATTACH in a private in-memory
    DuckDB instance.

    Why not ``connect(path, read_only=True)``: DuckDB keeps one instance per file path per process, so
    after a load has renamed a new file over the old one, connecting to the same path again hands back
    the instance still reading the old file. A private instance opens whatever file is at the path now.
    Use :func:`reader_cursor` for each thread's queries.
    """
    con = duckdb.connect(":memory:", config=dict(_SETTINGS))
    con.execute(_template("attach_read_only", name=READER_NAME, path=_quote(str(path))))
    con.execute(_template("use_database", name=READER_NAME))
    return con


def reader_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor on a :func:`connect_reader` connection, with the attached database as its default."""
    cursor = con.cursor()
    cursor.execute(_template("use_database", name=READER_NAME))
    return cursor


def read_sql(path: str | Path) -> str:
    """The text of a ``.sql`` file."""
    return Path(path).read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every raw table, reference table and the load log if missing (idempotent)."""
    con.execute(read_sql(RAW_TABLES_SQL))


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the base tables in the main schema of the current database, sorted."""
    rel = con.table("information_schema.tables")
    condition = "table_schema = 'main' and table_type = 'BASE TABLE' and table_catalog = current_database()"
    rows = rel.filter(condition).project("table_name").fetchall()
    return sorted(r[0] for r in rows)


@dataclass(frozen=True)
class QueryFile:
    """One ``queries/`` file: the view it defines, its layer, header comment and select."""

    path: Path
    name: str
    layer: str
    header: str
    body: str

    @property
    def materialisable(self) -> bool:
        """True when the header asks for a table (heavy intermediates read by many indicators)."""
        return bool(MATERIALISE_MARK.search(self.header))


class ViewBuildError(RuntimeError):
    """A queries/ file failed to build; the message names the file and DuckDB's reason."""


def sql_header(text: str) -> str:
    """The leading ``--`` comment block of a SQL file, without the dashes (the view's documentation)."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("--"):
            lines.append(stripped[2:].removeprefix(" "))
        elif stripped or lines:
            break
    return "\n".join(lines).strip()


def query_files(queries_dir: Path = QUERIES_DIR) -> list[QueryFile]:
    """Every view file under ``queries_dir`` in build order (layer, then dependencies, then name)."""
    ordered: list[QueryFile] = []
    for layer in LAYERS:
        files = []
        for path in sorted((queries_dir / layer).rglob("*.sql")):
            text = read_sql(path)
            if not _IDENTIFIER.match(path.stem):
                raise ViewBuildError(f"{path}: file name must be a lower-case identifier (it names the view)")
            files.append(QueryFile(path, path.stem, layer, sql_header(text), text.strip().rstrip(";")))
        ordered.extend(_dependency_order(files))
    names = [f.name for f in ordered]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ViewBuildError(f"view names must be unique across queries/: {', '.join(duplicates)}")
    return ordered


def macro_files(queries_dir: Path = QUERIES_DIR) -> list[QueryFile]:
    """The macro files (``queries/macros/<name>.sql``), each defining the macro its file is named for."""
    found = []
    for path in sorted((queries_dir / MACROS).glob("*.sql")):
        text = read_sql(path)
        body = _strip_comments(text).strip().rstrip(";").strip()
        match = _MACRO_STATEMENT.match(body)
        if not match or match.group(1) != path.stem:
            raise ViewBuildError(f"{path}: must define one macro, named {path.stem} like its file")
        found.append(QueryFile(path, path.stem, MACROS, sql_header(text), body))
    return found


def _dependency_order(files: list[QueryFile]) -> list[QueryFile]:
    """Order files of one layer so that a view comes after the views of that layer it mentions."""
    by_name = {f.name: f for f in files}
    done: list[QueryFile] = []
    seen: set[str] = set()

    def visit(f: QueryFile, stack: tuple[str, ...]) -> None:
        if f.name in seen:
            return
        if f.name in stack:
            raise ViewBuildError(f"{f.path}: circular reference through {' -> '.join(stack)}")
        for other in by_name:
            if other != f.name and re.search(rf"\b{other}\b", _strip_comments(f.body)):
                visit(by_name[other], (*stack, f.name))
        seen.add(f.name)
        done.append(f)

    for f in files:
        visit(f, ())
    return done


def _strip_comments(text: str) -> str:
    return re.sub(r"--[^\n]*", "", text)


def _template(template: str, **values: str) -> str:
    """A statement from ``cscdash/sql_templates``; identifiers are checked before they are filled in."""
    for key in ("name",):
        if key in values and not _IDENTIFIER.match(values[key]):
            raise ViewBuildError(f"not a safe identifier: {values[key]!r}")
    text = read_sql(TEMPLATES_DIR / f"{template}.sql")
    for key, value in values.items():  # str.replace, not format: bodies may hold braces
        text = text.replace("{" + key + "}", value)
    return text


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def relation_kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Name -> 'view' or 'table' for everything in the main schema."""
    rows = con.sql(read_sql(TEMPLATES_DIR / "relation_comments.sql")).fetchall()
    return {name: kind for name, kind, _ in rows}


def view_comments(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Name -> header comment of every view (and materialised table) build_views made."""
    rows = con.sql(read_sql(TEMPLATES_DIR / "relation_comments.sql")).fetchall()
    return {name: comment for name, _, comment in rows if comment}


def needed_files(files: list[QueryFile], names: list[str]) -> list[QueryFile]:
    """``files`` restricted to ``names`` and everything they read (directly or not), in build order."""
    by_name = {f.name: f for f in files}
    unknown = sorted(set(names) - set(by_name))
    if unknown:
        raise ViewBuildError(f"no queries/ file for {', '.join(unknown)}")
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        body = _strip_comments(by_name[name].body)
        todo.extend(other for other in by_name if other not in wanted and re.search(rf"\b{other}\b", body))
    return [f for f in files if f.name in wanted]


def build_views(
    con: duckdb.DuckDBPyConnection,
    queries_dir: Path = QUERIES_DIR,
    materialise: bool = False,
    only: list[str] | None = None,
) -> list[str]:
    """Create every ``queries/`` view in layer order, with its header as ``COMMENT ON VIEW``, after the
    shared macros of ``queries/macros/``.

    ``materialise=True`` stores intermediates whose header says ``materialise: table`` as tables:
    much faster when every indicator is read (CLI, exports, the app after a load), but a snapshot, so
    call build_views again after each load. ``only`` builds just those views and what they read (the
    case tests use it). Returns the names built, in order. A failing file raises ViewBuildError naming
    the file; the raw tables are created first if missing.
    """
    ensure_schema(con)
    for macro in macro_files(queries_dir):
        try:
            con.execute(macro.body)
        except duckdb.Error as exc:
            raise ViewBuildError(f"{macro.path}: {exc}") from exc
    kinds = relation_kinds(con)
    built = []
    files = query_files(queries_dir)
    for qf in needed_files(files, only) if only is not None else files:
        as_table = materialise and qf.materialisable
        wanted = "table" if as_table else "view"
        if kinds.get(qf.name) not in (None, wanted):
            con.execute(_template("drop_view" if kinds[qf.name] == "view" else "drop_table", name=qf.name))
        template = "create_table" if as_table else "create_view"
        statement = _template(template, name=qf.name, body=qf.body, comment=_quote(qf.header))
        try:
            con.execute(statement)
        except duckdb.Error as exc:
            raise ViewBuildError(f"{qf.path}: {exc}") from exc
        built.append(qf.name)
    return built
