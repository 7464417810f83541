"""``python -m cscdash spc``: the points SPC judged for one indicator and month, as the app draws them.

For analysts reproducing an SPC chart outside the app (in R, Excel or the Making Data Count tool): the
same series the app judges (a flow's single calendar months, a stock's month ends, an annual figure's
years), after the same disclosure control, with the same target, and every rule's flag per point:
``period_end, numerator, denominator, value, mean, upper_limit, lower_limit, upper_2sigma, lower_2sigma,
beyond_limits, shift, trend, two_of_three, point_type``, plus the variation and assurance icons. The
database is only read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

import pandas as pd

from cscdash import app_store, db, indicator_data, indicator_spc, indicator_summary, targets
from cscdash.catalogue import load_catalogue
from cscdash.settings import load_settings, store_beside

COLUMNS = (
    "period_end",
    "numerator",
    "denominator",
    "value",
    "mean",
    "upper_limit",
    "lower_limit",
    "upper_2sigma",
    "lower_2sigma",
    "beyond_limits",
    "shift",
    "trend",
    "two_of_three",
    "point_type",
)


def spc_points(
    con, indicator_id: str, la_code: str, period_end: date | None, mode: str, store: Path
) -> tuple[dict, pd.DataFrame]:
    """(what was judged, one row per point) for an indicator, LA and month (default: its latest)."""
    catalogue = load_catalogue()
    if indicator_id not in catalogue:
        raise KeyError(f"no indicator {indicator_id!r} in the catalogue")
    indicator = catalogue[indicator_id]
    if not indicator_spc.spc_applies(indicator):
        raise ValueError(f"{indicator_id}: the catalogue lists no SPC chart for this indicator")
    whole = indicator_data.series(indicator_data.read_indicator(con, indicator_id, la_code), indicator_id)
    if whole.empty:
        raise ValueError(f"{indicator_id}: no figures for {la_code} in this database")
    current = replace(load_settings(), la_code=la_code, display_mode=mode)
    points = indicator_spc.spc_series(indicator, whole, current)
    with_value = points[points["shown_value"].notna()]
    month = period_end or (with_value["period_end"].max() if not with_value.empty else None)
    if month is None:
        raise ValueError(f"{indicator_id}: no month with a figure that may be shown in {mode} mode")
    single = indicator_spc.spc_on_single_months(indicator, whole)
    stored = targets.targets_in_force(targets.seed_targets(con), app_store.target_edits(store))
    target = indicator_spc.spc_target(
        indicator, indicator_summary.target_in_force(indicator, stored, month), single_month=single
    )
    result = indicator_spc.spc_result(indicator, points, month, target)
    if result is None:
        raise ValueError(f"{indicator_id}: too few annual figures for SPC")
    shown = points[["period_end", "shown_numerator", "shown_denominator"]].rename(
        columns={"shown_numerator": "numerator", "shown_denominator": "denominator"}
    )
    judged = result.points.assign(period_end=pd.to_datetime(result.points["period_end"]).dt.date)
    rows = judged.merge(shown, on="period_end", how="left")[list(COLUMNS)]
    about = {
        "indicator_id": indicator_id,
        "la_code": la_code,
        "period_end": month.isoformat(),
        "points": indicator_spc.spc_basis(indicator, whole),
        "display_mode": mode,
        "target": target,
        "variation": result.variation,
        "variation_label": result.variation_label,
        "assurance": result.assurance,
        "assurance_label": result.assurance_label,
    }
    return about, rows


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return None if pd.isna(value) else round(value, 6)
    if hasattr(value, "item"):
        return value.item()
    return value


def write(about: dict, rows: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """CSV (one row per point, the icons repeated on each row) or JSON (the icons once, then the points)."""
    records = [
        {c: _plain(v) for c, v in zip(rows.columns, row, strict=True)} for row in rows.itertuples(index=False)
    ]
    if fmt == "json":
        json.dump({**about, "rows": records}, out, indent=1)
        out.write("\n")
        return
    extra = ("variation", "assurance")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, *extra])
    for record in records:
        writer.writerow(
            ["" if record[c] is None else record[c] for c in COLUMNS] + [about[e] or "" for e in extra]
        )


def run_spc(args: argparse.Namespace) -> int:
    """The ``spc`` command; exit 1 with a message when there is nothing to judge."""
    path = Path(args.db)
    if not path.exists():
        print(f"No database at {path}: run `python -m cscdash load` first.", file=sys.stderr)
        return 1
    settings = load_settings()
    con = db.connect_reader(path)
    try:
        la_code = indicator_data.choose_la(indicator_data.loaded_la_codes(con), args.la, settings.la_code)
        store = settings.store_path or store_beside(path)
        about, rows = spc_points(
            con, args.indicator, la_code, args.period_end, args.mode or settings.display_mode, store
        )
    except (KeyError, ValueError) as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return 1
    finally:
        con.close()
    print(
        f"{about['indicator_id']} {about['la_code']} to {about['period_end']}: SPC on {about['points']} "
        f"({about['display_mode']} mode). {about['variation_label']}."
        + (f" {about['assurance_label']}." if about["assurance_label"] else ""),
        file=sys.stderr,
    )
    write(about, rows, args.format, sys.stdout)
    return 0
