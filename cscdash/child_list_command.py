"""``python -m cscdash children``: the rows behind one figure, for analysts checking it.

One row per child, episode or event the figure counts at the month end (its denominator's rows, or for a
count or a rate per 10,000 its numerator's), with ``in_numerator`` (true/false) and ``why`` in words: the
same list the app shows (:mod:`cscdash.child_lists`), from the same SQL as the figure. The database is
only read; the listing is written to the app store's audit log like an opening in the app. A local
install whose role is ``board`` gets no child rows; a ``manager`` gets only their own teams (the setting
``teams``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

import pandas as pd

from cscdash import app_store, child_lists, db, indicator_data
from cscdash.roles import permissions
from cscdash.safe_export import safe_csv
from cscdash.settings import load_settings, store_beside


def _plain(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def write(rows: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """CSV (formula-looking text written as text) or JSON (a list of objects)."""
    if fmt == "json":
        records = [{c: _plain(v) for c, v in row.items()} for row in rows.to_dict("records")]
        json.dump(records, out, indent=1)
        out.write("\n")
        return
    plain = rows.copy()
    plain["in_numerator"] = plain["in_numerator"].map({True: "true", False: "false"}).fillna("")
    out.write(safe_csv(plain))


def run_children(args: argparse.Namespace) -> int:
    """The ``children`` command; exit 1 with a message when there is nothing it may list."""
    settings = load_settings()
    allowed = permissions(settings.role)
    if not allowed.sees_children:
        print(f"The {settings.role} role sees no child-level rows.", file=sys.stderr)
        return 1
    path = Path(args.db)
    if not path.exists():
        print(f"No database at {path}: run `python -m cscdash load` first.", file=sys.stderr)
        return 1
    if (args.breakdown is None) != (args.value is None):
        print("Give --breakdown and --value together.", file=sys.stderr)
        return 1
    teams = None if allowed.sees_every_child else settings.teams
    con = db.connect_reader(path)
    try:
        loaded = indicator_data.loaded_la_codes(con)
        la_code = indicator_data.choose_la(loaded, args.la, settings.la_code)
        if la_code not in loaded:
            print(f"No LA {la_code} in {path}: loaded {', '.join(loaded) or 'none'}.", file=sys.stderr)
            return 1
        rows = child_lists.child_list(
            con, args.indicator, args.period_end, la_code, args.breakdown, args.value, teams
        )
    except child_lists.ChildListError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        con.close()
    app_store.add_list_audit(
        settings.store_path or store_beside(path),
        {
            "at": datetime.now().isoformat(timespec="seconds"),
            "who": f"{getpass.getuser()} (command line)",
            "role": settings.role,
            "action": f"command line {args.format}",
            "list_id": args.indicator,
            "la_code": la_code,
            "period_end": args.period_end,
            "breakdown": args.breakdown,
            "breakdown_value": args.value,
            "teams": None if teams is None else ", ".join(teams),
            "row_count": len(rows),
        },
    )
    counted = int(rows["in_numerator"].fillna(False).sum())
    print(
        f"{args.indicator} {la_code} at {args.period_end.isoformat()}: {len(rows)} rows, "
        f"{counted} in the numerator.",
        file=sys.stderr,
    )
    write(rows, args.format, sys.stdout)
    return 0
