"""Local data sources, declared in data: one YAML specification per source in ``specs/local/``.

Councils add files the statutory returns do not hold: visits (for visit timeliness), child attributes
(locality and team breakdowns), the monthly workforce establishment extract, return home interviews,
statutory health assessments, the authority's own population estimates, and whatever else they make
(early help, missing interviews, audits). Each is one ``specs/local/<source>.yml`` (the format is written
at the top of ``specs/local/visits.yml`` and in README.md): its headings and fields, natural key, the date
that places a row in the period a file covers, code lists and row checks. From it alone the loader
recognises the CSV by its heading row (:mod:`cscdash.extracts.detect`), reads and checks it
(:mod:`cscdash.extracts.local_staging`), creates its raw table (:func:`create_tables`, called by
``cscdash.db.ensure_schema``) and records what each file covers (:mod:`cscdash.extracts.coverage`).

The loader can be given a further folder of specifications (``load_paths(..., local_specs=folder)``,
:func:`specs_from`): its sources are read besides the shipped ones, and one named like a shipped source
replaces it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import yaml

from cscdash.extracts.spec import Spec, TableSpec, field_spec
from cscdash.extracts.templates import IDENTIFIER, fill

SPEC_DIR = Path(__file__).resolve().parent / "specs" / "local"
#: Bookkeeping columns every raw table carries after its fields (unless the spec lists fewer).
BOOKKEEPING = ("collection_year", "load_id", "source_file", "source_row")
_BOOKKEEPING_TYPES = {"collection_year": "integer", "load_id": "integer", "source_file": "varchar"}
#: Raw-table column type of each field type.
SQL_TYPES = {
    "id": "varchar",
    "text": "varchar",
    "code": "varchar",
    "partial_date": "varchar",
    "date": "date",
    "datetime": "timestamp",
    "bool": "boolean",
    "flag": "integer",
    "int": "integer",
    "decimal": "double",
}
#: Row checks a spec may declare, and the keys each needs (besides type, rule and message).
CHECKS = {
    "order": ("first", "then"),
    "given_if": ("field", "if_any"),
    "sum": ("total", "parts"),
    "total_row": ("field", "total", "per"),
}
#: Names a local source may not take: the statutory sources and file layouts.
RESERVED_SOURCES = frozenset(
    {
        "ssda903",
        "cin_census",
        "csww",
        "annex_a",
        "annex_a_list1",
        "annex_a_list8",
        "annex_a_list9",
        "ssda903_csv",
        "ssda903_xml",
        "cin_csv",
        "cin_xml",
        "csww_xml",
        "csww_worker_csv",
        "csww_la_csv",
        "unknown",
    }
)
#: Raw tables a local source may not write: the statutory returns', the reference tables, the load log.
RESERVED_TABLE_PREFIXES = ("ssda903_", "cin_", "annexa_", "csww_", "ref_", "load", "build_")
DEFAULT_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


class LocalSpecError(ValueError):
    """A local source specification that cannot be used; the message names its file."""


@dataclass(frozen=True)
class LocalSource:
    """One local source, as its ``specs/local/<source>.yml`` declares it."""

    source: str  # coverage source, file layout and Data quality entry
    table: str  # raw table
    title: str
    description: str
    spec: Spec  # one table, named like the source, with the code lists and date formats
    period_date: str | None  # the field that places a row in the period a file covers; None: a current list
    covers_from: (
        str | None
    )  # a date field whose earliest value starts what a file covers (default period_date)
    la_field: str | None  # a field naming each row's LA, else --la
    replace: str  # 'period', 'list' (the newest file replaces the LA's rows) or 'none' (merged by key)
    checks: tuple[dict, ...]
    bookkeeping: tuple[str, ...]
    path: Path

    @property
    def table_spec(self) -> TableSpec:
        """Headings, fields and key, as the field checks take them."""
        return self.spec.tables[self.source]

    @property
    def key(self) -> list[str]:
        """The raw table's natural key: la_code, then the spec's key."""
        return ["la_code", *(k for k in self.table_spec.key if k not in ("la_code", self.la_field))]

    def columns(self) -> list[tuple[str, str, bool]]:
        """The raw table's columns: (name, SQL type, not null), la_code first, bookkeeping last."""
        fields = [
            (name, SQL_TYPES[f.type], f.required or f.default is not None)
            for name, f in self.table_spec.fields.items()
            if name not in ("la_code", self.la_field)
        ]
        books = [(b, _BOOKKEEPING_TYPES.get(b, "integer"), False) for b in self.bookkeeping]
        return [("la_code", "varchar", True), *fields, *books]


_EXTRA: ContextVar[Path | None] = ContextVar("local_specs", default=None)


@contextmanager
def specs_from(folder: Path | None) -> Iterator[None]:
    """Read local sources from ``folder`` too, inside the block (a load, a test); None: shipped only."""
    token = _EXTRA.set(Path(folder) if folder is not None else None)
    try:
        yield
    finally:
        _EXTRA.reset(token)


def sources() -> dict[str, LocalSource]:
    """Every local source, by name: the shipped specs, then those of the folder :func:`specs_from` gives."""
    folders = [SPEC_DIR] + ([_EXTRA.get()] if _EXTRA.get() is not None else [])
    files = tuple(
        (str(path), path.stat().st_mtime_ns)
        for folder in folders
        for path in sorted(Path(folder).glob("*.yml"))
    )
    return _read(files)


def source_titles() -> dict[str, str]:
    """Source name -> what the Data quality page calls it ('Visits (local file)')."""
    return {name: f"{s.title} (local file)" for name, s in sources().items()}


def by_table(table: str) -> LocalSource | None:
    """The local source that writes raw table ``table`` (None for a statutory table)."""
    return next((s for s in sources().values() if s.table == table), None)


def unreplaced_tables() -> set[str]:
    """Raw tables of reference sources (``replace: none``): merged by key, never replaced."""
    return {s.table for s in sources().values() if s.replace == "none"}


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw table of every local source if missing (sql_templates/create_local_table.sql), and
    add a column its specification gained since (add_local_column.sql), so an older database still builds."""
    for src in sources().values():
        con.execute(_create_statement(src))
        for name, sql_type, _not_null in src.columns():
            if sql_type not in SQL_TYPES.values():
                raise LocalSpecError(f"{src.path}: column {name!r} cannot be created")
            statement = fill(
                "add_local_column",
                identifiers={"table": src.table, "column": name},
                fragments={"type": sql_type},
            )
            con.execute(statement)


def _create_statement(src: LocalSource) -> str:
    parts = []
    for name, sql_type, not_null in src.columns():
        if not IDENTIFIER.match(name) or sql_type not in SQL_TYPES.values():
            raise LocalSpecError(f"{src.path}: column {name!r} cannot be created")
        parts.append(f"{name} {sql_type}" + (" not null" if not_null else ""))
    return fill(
        "create_local_table", identifiers={"table": src.table}, fragments={"columns": ", ".join(parts)}
    )


@cache
def _read(files: tuple[tuple[str, int], ...]) -> dict[str, LocalSource]:
    found: dict[str, LocalSource] = {}
    for path, _mtime in files:
        src = _source(Path(path))
        found[src.source] = src  # a later folder's source replaces a shipped one of the same name
    tables: dict[str, str] = {}
    for src in found.values():
        if src.table in tables:
            raise LocalSpecError(
                f"{src.path}: table {src.table} is also written by source {tables[src.table]}"
            )
        tables[src.table] = src.source
    return found


def _source(path: Path) -> LocalSource:
    """Read and check one specification; anything wrong is a :class:`LocalSpecError` naming the file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def fail(what: str) -> LocalSpecError:
        return LocalSpecError(f"{path}: {what}")

    name = str(raw.get("source", ""))
    if not IDENTIFIER.match(name) or name in RESERVED_SOURCES:
        raise fail(f"source must be a lower-case identifier that is not a statutory layout, not {name!r}")
    table = str(raw.get("table") or f"local_{name}")
    if not IDENTIFIER.match(table) or (table.startswith(RESERVED_TABLE_PREFIXES)):
        raise fail(f"table {table!r} is not a lower-case identifier or is a statutory or reference table")
    columns = raw.get("columns") or {}
    if not columns:
        raise fail("columns: at least one heading")
    headings: dict[str, str] = {}
    fields = {}
    for heading, spec in columns.items():
        spec = dict(spec or {})
        field = str(spec.pop("field", heading))
        if not IDENTIFIER.match(field) or field in fields or field in BOOKKEEPING:
            raise fail(f"field {field!r} (heading {heading!r}) is not a new lower-case identifier")
        if spec.get("type", "text") not in SQL_TYPES:
            raise fail(f"field {field}: type must be one of {', '.join(SQL_TYPES)}")
        if spec.get("codes") and spec["codes"] not in (raw.get("codes") or {}):
            raise fail(f"field {field}: code list {spec['codes']} is not under codes")
        fields[field] = field_spec(field, spec)
        if str(heading) != field:
            headings[str(heading)] = field
    key = [str(k) for k in raw.get("key") or []]
    period_date, la_field, covers_from = raw.get("period_date"), raw.get("la_field"), raw.get("covers_from")
    named = (
        ("key", key),
        ("period_date", [period_date]),
        ("la_field", [la_field]),
        ("covers_from", [covers_from]),
    )
    for what, names in named:
        unknown = [n for n in names if n is not None and n not in fields]
        if unknown:
            raise fail(f"{what}: {', '.join(map(str, unknown))} is not a field")
    if not key:
        raise fail("key: the fields that make a row unique")
    if period_date is not None and not (fields[period_date].type == "date" and fields[period_date].required):
        raise fail(f"period_date {period_date} must be a required date field")
    if covers_from is not None and (period_date is None or fields[covers_from].type != "date"):
        raise fail(f"covers_from {covers_from} must be a date field, with a period_date")
    replace = raw.get("replace")
    if replace not in (None, "none"):
        raise fail("replace: 'none' or left out")
    replace = replace or ("period" if period_date else "list")
    bookkeeping = tuple(raw.get("bookkeeping") or BOOKKEEPING)
    if not set(bookkeeping) <= set(BOOKKEEPING) or "source_file" not in bookkeeping:
        raise fail(f"bookkeeping: source_file and any of {', '.join(BOOKKEEPING)}")
    checks = tuple(_check(c, fields, fail) for c in raw.get("checks") or [])
    tspec = TableSpec(name=name, key=tuple(key), fields=fields, columns=headings)
    spec = Spec(
        name=f"local/{name}",
        tables={name: tspec},
        code_lists=raw.get("codes") or {},
        date_formats=tuple(raw.get("date_formats") or DEFAULT_DATE_FORMATS),
        raw=raw,
    )
    return LocalSource(
        source=name,
        table=table,
        title=str(raw.get("title") or name),
        description=str(raw.get("description") or ""),
        spec=spec,
        period_date=period_date,
        covers_from=covers_from,
        la_field=la_field,
        replace=replace,
        checks=checks,
        bookkeeping=bookkeeping,
        path=path,
    )


def _check(raw: dict, fields: dict, fail) -> dict:
    """One declared row check, its fields known and its severity error or warning."""
    check = dict(raw or {})
    kind = check.get("type")
    if kind not in CHECKS:
        raise fail(f"checks: type must be one of {', '.join(CHECKS)}, not {kind!r}")
    missing = [k for k in (*CHECKS[kind], "rule", "message") if not check.get(k)]
    if missing:
        raise fail(f"checks: a {kind} check needs {', '.join(missing)}")
    check.setdefault("severity", "error")
    if check["severity"] not in ("error", "warning"):
        raise fail("checks: severity is error or warning")
    named = {k: check[k] for k in ("first", "then", "field", "total", "if_any", "parts", "per") if k in check}
    if kind == "total_row":
        named.pop("total")  # the value that marks the total row, not a field
    for value in named.values():
        for field in value if isinstance(value, list) else [value]:
            if field not in fields:
                raise fail(f"checks: {field} is not a field")
    return check
