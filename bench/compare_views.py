"""Compare every catalogue indicator between two databases: the rows of one that the other lacks,
both ways (EXCEPT ALL, so a duplicated row counts), every column (the month_* ones included).

    python bench/compare_views.py BEFORE.duckdb AFTER.duckdb [--also VIEW ...] [--stored]

For a change that must not move any figure (a refactor of the SQL): build BEFORE with the old SQL, copy
it, ``python -m cscdash rebuild --db COPY`` with the new SQL, and compare. Prints a line per indicator
that differs (rows only in BEFORE, rows only in AFTER, or different columns; the same columns in another
order are compared by name, with a note) and a total; exits 1 when anything differs. ``--also`` compares
other views or tables too (intermediates, say) the same way; ``--stored`` every stored intermediate. Both
files are attached read-only to one in-memory DuckDB and compared there (150 authorities' rows included).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cscdash import db  # noqa: E402
from cscdash.catalogue import load_catalogue  # noqa: E402


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, name: str) -> list[str] | None:
    """A relation's column names in one attached database, or None when it has no such table or view."""
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_catalog = ? and table_schema = 'main' and table_name = ? order by ordinal_position",
        [catalog, name],
    ).fetchall()
    return [r[0] for r in rows] or None


def compare(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, int]:
    """What differs for one view between the databases attached as ``before`` and ``after`` ('' when
    nothing does, else a description) and its rows in BEFORE. The EXCEPT ALL runs in DuckDB, which
    spills to disk when it must, so 150 authorities' rows are compared without holding them in Python."""
    old, new = _columns(con, "before", name), _columns(con, "after", name)
    if old is None or new is None:
        return f"missing in {'BEFORE' if old is None else 'AFTER'}", 0
    if sorted(old) != sorted(new):
        return f"columns differ: {old} <> {new}", 0
    # the same columns in another order are compared by name (and said: a view's column order may matter)
    cols = ", ".join(f'"{c}"' for c in old)
    rows = con.execute(f'select count(*) from before.main."{name}"').fetchone()[0]
    after_rows = con.execute(f'select count(*) from after.main."{name}"').fetchone()[0]
    only_old, only_new = (
        con.execute(
            f'select count(*) from (select {cols} from {x}.main."{name}" except all '
            f'select {cols} from {y}.main."{name}")'
        ).fetchone()[0]
        for x, y in (("before", "after"), ("after", "before"))
    )
    if only_old or only_new:
        counts = f"(of {rows} / {after_rows})"
        return f"{only_old} rows only in BEFORE, {only_new} rows only in AFTER {counts}", rows
    if old != new:
        print(f"note {name}: the same rows, columns in another order: {new}")
    return "", rows


def main() -> int:
    """Compare, print, and return 1 when any view differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--also", nargs="*", default=[], help="other views or tables to compare")
    parser.add_argument("--stored", action="store_true", help="also every stored intermediate (Materialise)")
    args = parser.parse_args()
    stored = [f.name for f in db.query_files() if f.materialisable] if args.stored else []
    also = list(args.also) + stored
    names = list(load_catalogue().ids()) + also
    con = db.connect(None)  # a writing connection's memory limit: the compare spills rather than grows
    for alias, path in (("before", args.before), ("after", args.after)):
        quoted = str(path).replace("'", "''")
        con.execute(f"attach '{quoted}' as {alias} (read_only)")
    differing, rows = 0, 0
    for name in names:
        verdict, count = compare(con, name)
        rows += count
        if verdict:
            differing += 1
            print(f"DIFFERS {name}: {verdict}")
    con.close()
    print(
        f"total: {len(names)} views compared ({len(names) - len(also)} catalogue indicators, "
        f"{rows:,} rows in BEFORE); {differing} differ (EXCEPT ALL both ways)"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
