"""``python -m cscdash pack``: the board pack from the command line, for a scheduled monthly run.

Writes the PowerPoint, the PDF, the Excel scorecard and the data workbook for one month (default: the
latest month most of the running order's figures reach, as the app opens on) and one running order
(default: the Overview's headlines). The database is only read; commentary and approvals come from the
app store beside it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from cscdash import board_sets, db, indicator_data
from cscdash.board_pack.content import build_content
from cscdash.board_pack.files import write_pack
from cscdash.catalogue import load_catalogue
from cscdash.settings import load_settings, store_beside


def _progress(share: float, text: str) -> None:
    print(f"[{share:4.0%}] {text}", file=sys.stderr)


def run_pack(args: argparse.Namespace) -> int:
    """The ``pack`` command; exit 1 with a message when the pack cannot be made."""
    path = Path(args.db)
    if not path.exists():
        print(f"No database at {path}: run `python -m cscdash load` first.", file=sys.stderr)
        return 1
    settings = load_settings()
    store = settings.store_path or store_beside(path)
    catalogue = load_catalogue()
    con = db.connect_reader(path)
    try:
        loaded = indicator_data.loaded_la_codes(con)
        la_code = indicator_data.choose_la(loaded, args.la, settings.la_code)
        if la_code not in loaded:
            print(
                f"Choose an LA with --la: the database holds {', '.join(loaded) or 'none'}.", file=sys.stderr
            )
            return 1
        current = replace(settings, la_code=la_code)
        ids = board_sets.running_order(catalogue, store, args.set)
        month = args.month
        if month is None:
            frames = [indicator_data.series(indicator_data.read_indicator(con, i, la_code), i) for i in ids]
            month = indicator_data.month_choice(frames).default
        if month is None:
            print("No figures in the database for this running order.", file=sys.stderr)
            return 1
        content = build_content(con, catalogue, current, store, month, args.set, _progress)
    except KeyError as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return 1
    finally:
        con.close()
    written = write_pack(content, Path(args.out), _progress)
    for kind, file in written.items():
        print(f"{kind}: {file}")
    return 0
