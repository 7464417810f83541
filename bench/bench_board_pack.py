"""How long the board pack takes: the Overview's headline set and every indicator of the catalogue.

    python bench/bench_board_pack.py --db PATH [--month YYYY-MM] [--out DIR]

For each running order, prints the seconds spent working out the content without charts (reading the
views, the scorecard's cards at five dates per indicator, exception reports), drawing the chart images
(kaleido, one Chromium for the pack), and writing the four files (PowerPoint, PDF, the two workbooks),
and the total, as ``python -m cscdash pack`` spends them (the command adds Python's start-up). The
"every indicator" order is saved in a temporary app store, so the database's own store is not touched.
A script, not a test: it prints figures and judges nothing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cscdash import board_sets, db, indicator_data  # noqa: E402
from cscdash.board_pack.content import build_content  # noqa: E402
from cscdash.board_pack.files import write_pack  # noqa: E402
from cscdash.catalogue import load_catalogue  # noqa: E402
from cscdash.cli import _month_end  # noqa: E402
from cscdash.settings import load_settings  # noqa: E402

EVERY = "Every indicator"


def main() -> int:
    """Time each running order's pack and print a line per order."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--month", type=_month_end, default=None)
    parser.add_argument("--out", type=Path, default=None, help="keep the packs here (default: thrown away)")
    args = parser.parse_args()
    settings = load_settings()
    catalogue = load_catalogue()
    folder = Path(tempfile.mkdtemp())
    store = folder / "bench.store.sqlite"
    board_sets.save_set(catalogue, store, EVERY, catalogue.ids(), "bench")
    con = db.connect_reader(args.db)
    loaded = indicator_data.loaded_la_codes(con)
    la = settings.la_code if settings.la_code in loaded else loaded[0]
    current = replace(settings, la_code=la)
    month = args.month
    if month is None:
        ids = board_sets.running_order(catalogue, store)
        month = indicator_data.month_choice(
            [indicator_data.series(indicator_data.read_indicator(con, i, la), i) for i in ids]
        ).default
    print(f"{args.db} · {la} · {month:%B %Y}")
    print(f"{'running order':<22}{'indicators':>11}{'content':>10}{'charts':>9}{'files':>8}{'total':>8}")
    for name in (board_sets.HEADLINES, EVERY):
        started = time.perf_counter()
        build_content(con, catalogue, current, store, month, name, charts_wanted=False)
        content_s = time.perf_counter() - started
        started = time.perf_counter()
        content = build_content(con, catalogue, current, store, month, name)
        with_charts_s = time.perf_counter() - started
        out = (args.out or folder) / name.replace(" ", "_")
        started = time.perf_counter()
        write_pack(content, out)
        files_s = time.perf_counter() - started
        charts_s = with_charts_s - content_s
        total = with_charts_s + files_s
        print(
            f"{name:<22}{len(content.pages):>11}{content_s:>9.1f}s{charts_s:>8.1f}s{files_s:>7.1f}s{total:>7.1f}s"
        )
    con.close()
    shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
