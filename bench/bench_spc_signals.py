"""How often SPC says "special cause", before and after judging flows on their single months.

    python bench/bench_spc_signals.py [--db PATH] [--la CODE] [--period-end YYYY-MM-DD] [--all]

For every headline indicator (``--all``: every indicator whose catalogue lists SPC), over the 36 months
to the month end (default: the latest), prints the share of special-cause points when SPC runs on the
12-month totals (as before issue 14) and on the series it runs on now (a flow's single months; a stock's
month ends, unchanged), in board mode as the app shows them, with the variation icon of the latest
point. A script, not a test: it prints figures and judges nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cscdash import db, indicator_data, indicator_series, indicator_spc  # noqa: E402
from cscdash.catalogue import load_catalogue  # noqa: E402
from cscdash.settings import DEMO_LA_CODE, load_settings  # noqa: E402

JUDGED = ("common_cause", "improvement", "concern", "neither")


def share(result) -> tuple[int, int]:
    """(special-cause points, judged points) of an SPC result."""
    points = result.points[result.points["point_type"].isin(JUDGED)]
    return int(points["special_cause"].sum()), len(points)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=load_settings().db_path)
    parser.add_argument("--la", default=DEMO_LA_CODE)
    parser.add_argument("--period-end", type=date.fromisoformat, default=None)
    parser.add_argument("--all", action="store_true", help="every indicator with SPC, not only the headlines")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    current = replace(load_settings(), la_code=args.la, display_mode="board")
    con = db.connect_reader(args.db)
    chosen = [i for i in catalogue if indicator_spc.spc_applies(i) and (args.all or i.headline)]
    print(f"{'indicator':<40} {'points':<13} {'before':>9} {'after':>9}  latest point now")
    for ind in chosen:
        whole = indicator_data.series(indicator_data.read_indicator(con, ind.id, args.la), ind.id)
        if whole.empty or ind.is_annual:
            continue
        month = args.period_end or whole.loc[whole["value"].notna(), "period_end"].max()
        before = indicator_spc.spc_result(ind, indicator_series.shown_series(ind, whole, current), month)
        after = indicator_spc.spc_result(ind, indicator_spc.spc_series(ind, whole, current), month)
        (b_special, b_n), (a_special, a_n) = share(before), share(after)
        print(
            f"{ind.id:<40} {indicator_spc.spc_basis(ind, whole):<13} "
            f"{b_special:>3}/{b_n:<5} {a_special:>3}/{a_n:<5}  {after.variation_label}"
        )
    con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
