"""Compare every catalogue indicator between two databases: the rows of one that the other lacks,
both ways (EXCEPT ALL, so a duplicated row counts), every column (the month_* ones included).

    python bench/compare_views.py BEFORE.duckdb AFTER.duckdb [--also VIEW ...]

For a change that must not move any figure (a refactor of the SQL): build BEFORE with the old SQL, copy
it, ``python -m cscdash rebuild --db COPY`` with the new SQL, and compare. Prints a line per indicator
that differs (rows only in BEFORE, rows only in AFTER, or different columns; the same columns in another
order are compared by name, with a note) and a total; exits 1 when anything differs. ``--also`` compares
other views or tables too (intermediates, say) the same way. Both files are opened read-only.
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


def _rows(con: duckdb.DuckDBPyConnection, name: str):
    """Every row of a view as an Arrow table, or None when the database has no such view."""
    if name not in db.relation_kinds(con):
        return None
    return con.table(name).to_arrow_table()


def compare(
    before: duckdb.DuckDBPyConnection, after: duckdb.DuckDBPyConnection, name: str
) -> tuple[str, int]:
    """What differs for one view ('' when nothing does, else a description) and its rows in BEFORE."""
    old, new = _rows(before, name), _rows(after, name)
    if old is None or new is None:
        return f"missing in {'BEFORE' if old is None else 'AFTER'}", 0
    if sorted(old.column_names) != sorted(new.column_names):
        return f"columns differ: {old.column_names} <> {new.column_names}", old.num_rows
    scratch = duckdb.connect()
    # the same columns in another order are compared by name (and said: a view's column order may matter)
    old_rel, new_rel = scratch.from_arrow(old), scratch.from_arrow(new.select(old.column_names))
    only_old = old_rel.except_(new_rel).aggregate("count(*)").fetchall()[0][0]
    only_new = new_rel.except_(old_rel).aggregate("count(*)").fetchall()[0][0]
    scratch.close()
    if only_old or only_new:
        counts = f"(of {old.num_rows} / {new.num_rows})"
        return f"{only_old} rows only in BEFORE, {only_new} rows only in AFTER {counts}", old.num_rows
    if old.column_names != new.column_names:
        print(f"note {name}: the same rows, columns in another order: {new.column_names}")
    return "", old.num_rows


def main() -> int:
    """Compare, print, and return 1 when any view differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--also", nargs="*", default=[], help="other views or tables to compare")
    args = parser.parse_args()
    names = list(load_catalogue().ids()) + list(args.also)
    before, after = db.connect_reader(args.before), db.connect_reader(args.after)
    differing, rows = 0, 0
    for name in names:
        verdict, count = compare(before, after, name)
        rows += count
        if verdict:
            differing += 1
            print(f"DIFFERS {name}: {verdict}")
    print(
        f"total: {len(names)} views compared ({len(names) - len(args.also)} catalogue indicators, "
        f"{rows:,} rows in BEFORE); {differing} differ (EXCEPT ALL both ways)"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
