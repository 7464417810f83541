"""The DuckDB data layer: connections, the raw-table schema and (from the engine) the SQL views.

SQL lives in ``.sql`` files (``cscdash/extracts/raw_tables.sql``, ``queries/``); this module only
finds, reads and runs them. Connections never auto-install DuckDB extensions: nothing is fetched
from the network at run time.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cscdash.settings import QUERIES_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
RAW_TABLES_SQL = PACKAGE_DIR / "extracts" / "raw_tables.sql"
TEMPLATES_DIR = PACKAGE_DIR / "sql_templates"

#: Build order (design.md): a layer may read only the raw tables and the layers before it.
LAYERS = ("staging", "intermediate", "indicators")
#: SQL macros (queries/macros/, one ``create or replace macro`` per file): scalar ones, the one definition
#: of a breakdown group (age band, sex, ethnicity ...), and table macros, the one definition of a step many
#: views share (the rows of a breakdown grid, the fill to every month end). Created before any view; a
#: macro that reads a view (DuckDB checks a macro's tables when it is created) right after that view.
MACROS = "macros"
#: The child lists (queries/children/, one table macro ``children_<family>(list_month_end)`` per file): the
#: rows behind the figures of a family of indicators (cscdash/child_lists.py). Built like the macros, after
#: the views they read; no view reads them. The parameter is not called period_end: DuckDB binds a macro's
#: parameter names inside the views it reads, and a view's own period_end column then conflicts.
CHILD_LISTS = "children"
_MACRO_STATEMENT = re.compile(r"^create\s+or\s+replace\s+macro\s+([a-z][a-z0-9_]*)\s*\(", re.IGNORECASE)
#: A header line that asks build_views(materialise=True) to store the select as a table.
MATERIALISE_MARK = re.compile(r"\bmaterialise:\s*table\b", re.IGNORECASE)
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")

_NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: DuckDB answers an ASOF join whose left side it guesses to be small (under 64 rows) with a nested loop;
#: its guess for the month-end grids is often 40 when the truth is 50,000, which made the latest-visit
#: joins 30x slower on one authority. The sort-merge ASOF join is right at every size here.
_SETTINGS = {**_NO_DOWNLOADS, "asof_loop_join_threshold": 0}


#: The memory DuckDB may hold for a connection that writes (a load, a rebuild, the demo build); past it,
#: joins, sorts and aggregates spill to ``<database>.tmp`` beside the file. DuckDB's own default is 80% of
#: the machine: the stored intermediates of 150 authorities then peaked at 8.8 GB, against 3.2 GB (in
#: 200 s against 152 s) within 3 GB (bench/bench_indicators.py). ``CSCDASH_BUILD_MEMORY`` ('6GB')
#: gives a larger machine more.
BUILD_MEMORY_DEFAULT = "3GB"
#: A writing connection also lets DuckDB store a table's rows in any order (a stored table is read
#: through views that never rely on the order): within the limit, 150 authorities then build in 180 s
#: instead of 200 s, and no reader sees the setting.
_WRITER_SETTINGS = {"preserve_insertion_order": False}


def build_memory_limit() -> str:
    """The memory limit of a writing connection: ``CSCDASH_BUILD_MEMORY``, else BUILD_MEMORY_DEFAULT."""
    return os.environ.get("CSCDASH_BUILD_MEMORY", "").strip() or BUILD_MEMORY_DEFAULT


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) a DuckDB database; ``None`` or ``":memory:"`` gives an in-memory one. A
    connection that may write is held to :func:`build_memory_limit`."""
    config = (
        dict(_SETTINGS)
        if read_only
        else {**_SETTINGS, **_WRITER_SETTINGS, "memory_limit": build_memory_limit()}
    )
    if path is None or str(path) == ":memory:":
        return duckdb.connect(":memory:", config=config)
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only, config=config)


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
    from cscdash.extracts import local  # here, not at the top: the extracts package imports this module

    local.create_tables(con)  # each local source's raw table, from its spec


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
    """Every view file under ``queries_dir`` in build order (layer, then dependencies, then name); a view
    comes after the views it reads directly or through a macro (see :func:`build_order`)."""
    return [f for f in build_order(queries_dir) if f.layer != MACROS]


def _view_files(queries_dir: Path) -> list[QueryFile]:
    """The view files of every layer, in layer then file order (not yet in dependency order)."""
    files = []
    for layer in LAYERS:
        for path in sorted((queries_dir / layer).rglob("*.sql")):
            text = read_sql(path)
            if not _IDENTIFIER.match(path.stem):
                raise ViewBuildError(f"{path}: file name must be a lower-case identifier (it names the view)")
            files.append(QueryFile(path, path.stem, layer, sql_header(text), text.strip().rstrip(";")))
    names = [f.name for f in files]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ViewBuildError(f"view names must be unique across queries/: {', '.join(duplicates)}")
    return files


def macro_files(queries_dir: Path = QUERIES_DIR) -> list[QueryFile]:
    """The macro files (``queries/macros/<name>.sql`` and the child lists ``queries/children/<name>.sql``),
    each defining the macro its file is named for."""
    found = []
    paths = sorted((queries_dir / MACROS).glob("*.sql")) + sorted((queries_dir / CHILD_LISTS).glob("*.sql"))
    for path in paths:
        text = read_sql(path)
        body = _strip_comments(text).strip().rstrip(";").strip()
        match = _MACRO_STATEMENT.match(body)
        if not match or match.group(1) != path.stem:
            raise ViewBuildError(f"{path}: must define one macro, named {path.stem} like its file")
        found.append(QueryFile(path, path.stem, MACROS, sql_header(text), body))
    return found


def build_order(queries_dir: Path = QUERIES_DIR, only: list[str] | None = None) -> list[QueryFile]:
    """The macro and view files of ``queries_dir`` in the order :func:`build_views` creates them.

    Each comes after what it reads: a view after the views of its layer it names (earlier layers are
    built first anyway) and the macros it calls; a macro after the views and macros it names. So a view
    that calls a table macro reading ``int_cla__month_ends`` comes after ``int_cla__month_ends``, and
    the macro between the two. Macros that read no view (directly or through another macro) come first,
    as before any view; then the views in layer and file order, each preceded by what it reads; then any
    macro nothing calls. ``only``: just those views (or macros: a child list) and what they read,
    directly or through macros (and the macros that read no view). A name is read when the file's SQL,
    comments aside, holds it as a word.
    """
    views, macros = _view_files(queries_dir), macro_files(queries_dir)
    files = [*macros, *views]
    clash = sorted({m.name for m in macros} & {v.name for v in views})
    if clash:
        raise ViewBuildError(f"a macro and a view may not share a name: {', '.join(clash)}")
    layer = {v.name: LAYERS.index(v.layer) for v in views}

    def can_read(f: QueryFile, other: QueryFile) -> bool:
        # a view never reads a later layer: a later view's name in its SQL is a column or a string
        return f.layer == MACROS or other.layer == MACROS or layer[other.name] <= layer[f.name]

    reads: dict[str, list[QueryFile]] = {}
    for f in files:
        words = set(re.findall(r"\w+", _strip_comments(f.body)))
        reads[f.name] = [o for o in files if o.name != f.name and o.name in words and can_read(f, o)]

    def reads_views(macro: QueryFile, stack: tuple[str, ...] = ()) -> bool:
        return any(
            o.layer != MACROS or (o.name not in stack and reads_views(o, (*stack, macro.name)))
            for o in reads[macro.name]
        )

    done: list[QueryFile] = []
    seen: set[str] = set()

    def visit(f: QueryFile, stack: tuple[str, ...]) -> None:
        if f.name in seen:
            return
        if f.name in stack:
            raise ViewBuildError(f"{f.path}: circular reference through {' -> '.join((*stack, f.name))}")
        for other in reads[f.name]:
            visit(other, (*stack, f.name))
        seen.add(f.name)
        done.append(f)

    pure = [m for m in macros if not reads_views(m)]
    for f in [*pure, *views, *macros]:
        visit(f, ())
    if only is None:
        return done
    unknown = sorted(set(only) - {f.name for f in files})
    if unknown:
        raise ViewBuildError(f"no queries/ file for {', '.join(unknown)}")
    wanted = {m.name for m in pure}
    todo = list(only)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(o.name for o in reads[name])
    return [f for f in done if f.name in wanted]


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


def table_statement(qf: QueryFile) -> str:
    """The statement that stores a ``queries/`` file's select as a table with its header as comment
    (what :func:`build_views` runs for a materialised file; :mod:`cscdash.refresh` reruns it alone)."""
    return _template("create_table", name=qf.name, body=qf.body, comment=_quote(qf.header))


def relation_kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Name -> 'view' or 'table' for everything in the main schema."""
    rows = con.sql(read_sql(TEMPLATES_DIR / "relation_comments.sql")).fetchall()
    return {name: kind for name, kind, _ in rows}


def view_comments(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Name -> header comment of every view (and materialised table) build_views made."""
    rows = con.sql(read_sql(TEMPLATES_DIR / "relation_comments.sql")).fetchall()
    return {name: comment for name, _, comment in rows if comment}


def build_views(
    con: duckdb.DuckDBPyConnection,
    queries_dir: Path = QUERIES_DIR,
    materialise: bool = False,
    only: list[str] | None = None,
    timings: dict[str, float] | None = None,
) -> list[str]:
    """Create every ``queries/`` view in layer order, with its header as ``COMMENT ON VIEW``, after the
    shared macros of ``queries/macros/`` (a macro that reads views right after them: :func:`build_order`).

    ``materialise=True`` stores intermediates whose header says ``materialise: table`` as tables:
    much faster when every indicator is read (CLI, exports, the app after a load), but a snapshot, so
    call build_views again after each load. ``only`` builds just those views and what they read (the
    case tests use it). Returns the names built, in order. A failing file raises ViewBuildError naming
    the file; the raw tables are created first if missing. ``timings``, when given, receives the seconds
    each relation took (``bench/profile_build.py``: where a build's time goes).
    """
    ensure_schema(con)
    kinds = relation_kinds(con)
    built = []
    for qf in build_order(queries_dir, only):
        if qf.layer == MACROS:
            try:
                con.execute(qf.body)
            except duckdb.Error as exc:
                raise ViewBuildError(f"{qf.path}: {exc}") from exc
            continue
        as_table = materialise and qf.materialisable
        wanted = "table" if as_table else "view"
        if kinds.get(qf.name) not in (None, wanted):
            con.execute(_template("drop_view" if kinds[qf.name] == "view" else "drop_table", name=qf.name))
        if as_table:
            statement = table_statement(qf)
        else:
            statement = _template("create_view", name=qf.name, body=qf.body, comment=_quote(qf.header))
        started = time.perf_counter()
        try:
            con.execute(statement)
        except duckdb.Error as exc:
            raise ViewBuildError(f"{qf.path}: {exc}") from exc
        if timings is not None:
            timings[qf.name] = time.perf_counter() - started
        built.append(qf.name)
    return built
