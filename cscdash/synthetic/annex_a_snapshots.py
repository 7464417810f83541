"""Write the demo's Annex A list 8 and list 9 snapshots, RHI file and health assessments file.

These are the files of issue 6 (the shared contract fixes their names and layouts):
``annex_a/snapshots/annex_a_list8_YYYY-MM-DD_SYNTHETIC.csv`` and ``annex_a_list9_...`` for each of the
last 36 month ends up to the end month (the snapshot date is in the file name, as the loader needs),
``local/rhi_SYNTHETIC.csv`` and ``local/health_assessments_SYNTHETIC.csv`` (whole history). They are
built from the care part's history after everything else, from their own named random streams, so
they never change another file's bytes.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from cscdash.synthetic.annex_a_cla import list8_snapshots
from cscdash.synthetic.annex_a_labels import LIST8_HEADINGS, LIST9_HEADINGS
from cscdash.synthetic.annex_a_leavers import list9_snapshots
from cscdash.synthetic.as_at import snapshot_dates
from cscdash.synthetic.care import CareHistory
from cscdash.synthetic.context import Context
from cscdash.synthetic.front_door import FrontDoor
from cscdash.synthetic.health_assessments import health_records, write_health_assessments
from cscdash.synthetic.rhi import rhi_records, write_rhi


def snapshot_path(folder: Path, list_no: int, snapshot: pd.Timestamp) -> Path:
    """``<folder>/annex_a_list<n>_YYYY-MM-DD_SYNTHETIC.csv``."""
    return folder / f"annex_a_list{list_no}_{snapshot:%Y-%m-%d}_SYNTHETIC.csv"


def write_snapshot_files(table: pd.DataFrame, headings: list[str], folder: Path, list_no: int) -> list[Path]:
    """One CSV per snapshot date of ``table`` (its ``snapshot`` column), headings in template order.

    Every cell is already text, so the csv module writes the rows directly (pandas' writer was most
    of this part's run time).
    """
    folder.mkdir(parents=True, exist_ok=True)
    table = table.sort_values("snapshot", kind="stable")
    cells = table[headings].to_numpy(dtype=object)
    snaps = table["snapshot"].to_numpy(dtype="datetime64[D]")
    bounds = np.flatnonzero(np.r_[True, snaps[1:] != snaps[:-1], True])
    paths = []
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        path = snapshot_path(folder, list_no, pd.Timestamp(snaps[lo]))
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(headings)
            writer.writerows(cells[lo:hi].tolist())
        paths.append(path)
    return paths


def _with_object_text(history: CareHistory) -> CareHistory:
    """A copy of the care history whose text columns are plain Python strings: the snapshot look-ups
    read the child ids of every table many times, and arrow-backed strings convert slowly each time."""
    frames = {}
    for f in dataclasses.fields(history):
        frame = getattr(history, f.name)
        if isinstance(frame, pd.DataFrame):
            text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c].dtype)]
            frames[f.name] = frame.astype({c: object for c in text})
    return dataclasses.replace(history, **frames)


def write_care_snapshots(
    ctx: Context, fd: FrontDoor, history: CareHistory, extracts_dir: Path, workers: pd.DataFrame | None = None
) -> list[Path]:
    """Write lists 8 and 9 (36 monthly snapshots each), rhi.csv and health_assessments.csv.

    ``history`` is the care part's CareHistory; ``workers`` the workforce part's case holders (SWENo,
    team), used to name the team of the social worker holding each child in care.
    """
    extracts_dir = Path(extracts_dir)
    history = _with_object_text(history)
    health = health_records(ctx, history.periods, history.oc2)
    rhi = rhi_records(ctx, history.missing)
    local = extracts_dir / "local"
    paths = [
        write_rhi(rhi, local / "rhi_SYNTHETIC.csv"),
        write_health_assessments(health, local / "health_assessments_SYNTHETIC.csv"),
    ]
    snapshots = snapshot_dates(ctx.end_month)
    disabilities = fd.children.drop_duplicates("child_id").set_index("child_id")["disabilities"]
    folder = extracts_dir / "annex_a" / "snapshots"
    list8 = list8_snapshots(ctx, history, disabilities, health, rhi, snapshots, workers)
    paths += write_snapshot_files(list8, LIST8_HEADINGS, folder, 8)
    list9 = list9_snapshots(ctx, history, disabilities, snapshots)
    paths += write_snapshot_files(list9, LIST9_HEADINGS, folder, 9)
    return paths
