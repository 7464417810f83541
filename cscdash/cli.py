"""The ``python -m cscdash`` command line (the interface in ../shared/design.md).

This module only declares the commands and their arguments; each command's work lives in the module
that owns it, as a ``run_<command>(args) -> int`` function returning the exit code:

=============  ==========================================
demo           ``cscdash.synthetic.command.run_demo``
load           ``cscdash.extracts.command.run_load``
validate       ``cscdash.extracts.command.run_validate``
rebuild        ``cscdash.extracts.command.run_rebuild``
backup         ``cscdash.extracts.command.run_backup``
indicators     ``cscdash.indicator_command.run_indicators``
spc            ``cscdash.spc_command.run_spc``
new-indicator  ``cscdash.scaffold.run_new_indicator``
benchmarks     ``cscdash.benchmarks.command.run_benchmarks``
pack           ``cscdash.board_pack.command.run_pack``
children       ``cscdash.child_list_command.run_children``
=============  ==========================================
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from cscdash.settings import DEMO_END_MONTH, DEMO_SEED, DISPLAY_MODES, load_settings

COMMANDS = {
    "demo": ("cscdash.synthetic.command", "run_demo"),
    "load": ("cscdash.extracts.command", "run_load"),
    "validate": ("cscdash.extracts.command", "run_validate"),
    "rebuild": ("cscdash.extracts.command", "run_rebuild"),
    "backup": ("cscdash.extracts.command", "run_backup"),
    "indicators": ("cscdash.indicator_command", "run_indicators"),
    "spc": ("cscdash.spc_command", "run_spc"),
    "new-indicator": ("cscdash.scaffold", "run_new_indicator"),
    "benchmarks": ("cscdash.benchmarks.command", "run_benchmarks"),
    "pack": ("cscdash.board_pack.command", "run_pack"),
    "children": ("cscdash.child_list_command", "run_children"),
}


def _month_end(text: str) -> date:
    """Parse YYYY-MM or YYYY-MM-DD; the CLI always means a month end."""
    parts = text.split("-")
    year, month = int(parts[0]), int(parts[1])
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _day(text: str) -> date:
    """Parse YYYY-MM-DD (an as-at date: any day)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """All commands and their arguments."""
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m cscdash", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="make the synthetic demo extracts and load them")
    demo.add_argument("--db", type=Path, default=settings.db_path, help="database (default %(default)s)")
    demo.add_argument("--seed", type=int, default=DEMO_SEED)
    demo.add_argument(
        "--end-month",
        type=_month_end,
        default=DEMO_END_MONTH,
        help="last month of history, YYYY-MM (default %(default)s)",
    )
    demo.add_argument("--out", type=Path, default=settings.demo_dir, help="where the extract files go")
    demo.add_argument(
        "--authorities",
        type=int,
        default=1,
        help="number of synthetic authorities (the scale option; 1 = Wessex Vale only)",
    )
    demo.add_argument("--no-load", action="store_true", help="write the files only")

    load = sub.add_parser(
        "load", help="load extract files or folders (all or nothing) and leave the database ready for the app"
    )
    load.add_argument("paths", nargs="+", type=Path)
    load.add_argument("--db", type=Path, default=settings.db_path)
    load.add_argument(
        "--la", default=None, help="LA code for files that do not name their LA (SSDA903 CSVs, Annex A)"
    )
    load.add_argument(
        "--as-at",
        type=_day,
        default=None,
        help="the date an in-year extract was taken, YYYY-MM-DD (else a date in the file or folder name)",
    )
    load.add_argument(
        "--allow-older", action="store_true", help="load an extract older than the one of its year loaded"
    )
    load.add_argument("--wait", type=float, default=0.0, help="seconds to wait for another load to finish")
    load.add_argument("--format", choices=("text", "csv"), default="text", help="problem report format")

    validate = sub.add_parser("validate", help="run the load checks without writing anything")
    validate.add_argument("paths", nargs="+", type=Path)
    validate.add_argument("--la", default=None)
    validate.add_argument("--as-at", type=_day, default=None)
    validate.add_argument("--format", choices=("text", "csv"), default="text")

    rebuild = sub.add_parser(
        "rebuild", help="rebuild the reference tables and views of a loaded database (after an upgrade)"
    )
    rebuild.add_argument("--db", type=Path, default=settings.db_path)
    rebuild.add_argument("--wait", type=float, default=0.0)

    backup = sub.add_parser("backup", help="copy the database and its app store (safe while the app runs)")
    backup.add_argument("--db", type=Path, default=settings.db_path)
    backup.add_argument("--out", type=Path, required=True, help="folder for the copies")

    ind = sub.add_parser("indicators", help="print every catalogue indicator")
    ind.add_argument("--db", type=Path, default=settings.db_path)
    ind.add_argument("--period-end", type=_month_end, default=None, help="YYYY-MM-DD (default: every month)")
    ind.add_argument("--la", default=None)
    ind.add_argument("--format", choices=("csv", "json"), default="csv")

    spc = sub.add_parser(
        "spc", help="the points SPC judged for one indicator and month, with every rule's flag"
    )
    spc.add_argument("--indicator", required=True, help="catalogue id, e.g. rereferrals_12m_pct")
    spc.add_argument("--la", default=None, help="LA code (default: the setting, or the one LA loaded)")
    spc.add_argument("--period-end", type=_month_end, default=None, help="YYYY-MM-DD (default: the latest)")
    spc.add_argument("--db", type=Path, default=settings.db_path)
    spc.add_argument("--format", choices=("csv", "json"), default="csv")
    spc.add_argument(
        "--mode",
        choices=DISPLAY_MODES,
        default=None,
        help="disclosure control (default: the display_mode setting)",
    )

    new = sub.add_parser(
        "new-indicator", help="write a new indicator's SQL view, catalogue entry and case file to fill in"
    )
    new.add_argument("id", help="the indicator id (and view name), e.g. eh_open_rate_per_10k")
    new.add_argument("--page", required=True, help="the catalogue page, e.g. front_door")
    new.add_argument("--title", default=None, help="the card's title")
    new.add_argument("--unit", default="percent", help="count, percent, rate_per_10k, days ...")
    new.add_argument(
        "--stock", action="store_true", help="a figure at the month end (default: a 12-month flow)"
    )
    new.add_argument("--reads", default="TODO_intermediate_view", help="the view it reads")
    new.add_argument("--new-page", default=None, metavar="TITLE", help="start the page too, with this title")

    bench = sub.add_parser("benchmarks", help="published series for an LA beside its comparators")
    bench.add_argument("--la", required=True, help="ONS code, e.g. E06000059")
    bench.add_argument("--indicator", required=True)
    bench.add_argument("--format", choices=("text", "csv", "json"), default="text")

    pack = sub.add_parser(
        "pack",
        help="the board pack (PowerPoint, PDF, Excel scorecard and data) for a month and running order",
    )
    pack.add_argument("--db", type=Path, default=settings.db_path)
    pack.add_argument("--out", type=Path, required=True, help="folder for the four files")
    pack.add_argument(
        "--month", type=_month_end, default=None, help="YYYY-MM or YYYY-MM-DD (default: the latest with data)"
    )
    pack.add_argument("--set", default=None, help="running order (default: the Overview's headlines)")
    pack.add_argument("--la", default=None, help="LA code (default: the setting, or the one LA loaded)")

    kids = sub.add_parser(
        "children",
        help="the rows behind one figure (children, episodes or events), with in_numerator and why",
    )
    kids.add_argument("--indicator", required=True, help="catalogue id, e.g. assessments_within_45wd_pct")
    kids.add_argument("--period-end", type=_month_end, required=True, help="YYYY-MM or YYYY-MM-DD")
    kids.add_argument("--la", default=None, help="LA code (default: the setting, or the one LA loaded)")
    kids.add_argument("--breakdown", default=None, help="a breakdown's name, e.g. age_band (with --value)")
    kids.add_argument("--value", default=None, help="the breakdown value, e.g. '10 to 15'")
    kids.add_argument("--db", type=Path, default=settings.db_path)
    kids.add_argument("--format", choices=("csv", "json"), default="csv")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; returns the exit code."""
    args = build_parser().parse_args(argv)
    module_name, func_name = COMMANDS[args.command]
    func = getattr(importlib.import_module(module_name), func_name)
    return int(func(args) or 0)
