"""The demo's Annex A list 8/9 snapshots, rhi.csv, health_assessments.csv and the SSDA903 tables they
must agree with, read straight from the files with pandas (never through the project's loader).

The files are the session's demo (``tests/synthetic/conftest.py`` points ``SHARED`` at the extracts the
suite's demo database was built from), so the suite generates the demo once; only when that is not
set (the module used on its own) is a demo generated here. The tests read the files with pandas, never
through the loader or the views, so a loader or view problem cannot hide a generator result.
"""

from __future__ import annotations

import functools
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from cscdash.synthetic.generate import generate

END_MONTH = date(2026, 10, 31)
DATE_FORMAT = "%d/%m/%Y"


#: The session demo's extracts folder, set by tests/synthetic/conftest.py (None: generate one here).
SHARED: Path | None = None


@functools.cache
def extracts() -> Path:
    """The default demo authority's extracts folder (seed 1, end month October 2026)."""
    if SHARED is not None:
        return SHARED
    root = Path(tempfile.mkdtemp(prefix="care_snapshots_"))
    return generate(root / "demo", seed=1, end_month=END_MONTH)[0]


def parse_dates(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """dd/mm/yyyy columns as datetimes (blank -> NaT); raises on any other format."""
    frame = frame.copy()
    for col in columns:
        frame[col] = pd.to_datetime(frame[col].replace("", None), format=DATE_FORMAT)
    return frame


@functools.cache
def snapshot_files(list_no: int) -> dict[date, Path]:
    """Snapshot date (from the file name) -> file, for Annex A list 8 or 9."""
    folder = extracts() / "annex_a" / "snapshots"
    out = {}
    for path in sorted(folder.glob(f"annex_a_list{list_no}_*_SYNTHETIC.csv")):
        stamp = path.name.split("_")[3]
        out[date.fromisoformat(stamp)] = path
    return out


@functools.cache
def snapshots(list_no: int) -> pd.DataFrame:
    """Every row of every snapshot of list 8 or 9 as text, with a ``snapshot`` datetime column."""
    frames = [
        pd.read_csv(p, dtype=str, keep_default_na=False).assign(snapshot=pd.Timestamp(d))
        for d, p in snapshot_files(list_no).items()
    ]
    return pd.concat(frames, ignore_index=True)


@functools.cache
def read_903(table: str) -> pd.DataFrame:
    """Every year's SSDA903 ``table`` (text) with a ``year`` column (the folder name, e.g. 2024-25)."""
    frames = []
    for folder in sorted((extracts() / "ssda903").iterdir()):
        path = folder / f"{table}_SYNTHETIC.csv"
        if path.exists() and path.stat().st_size:
            frames.append(pd.read_csv(path, dtype=str, keep_default_na=False).assign(year=folder.name))
    return pd.concat(frames, ignore_index=True)


@functools.cache
def episodes() -> pd.DataFrame:
    """SSDA903 episodes de-duplicated on (CHILD, DECOM), the latest year's version kept (it has the
    DEC/REC a return filled in after an earlier year left them open), short breaks included."""
    eps = read_903("episodes").sort_values("year").drop_duplicates(["CHILD", "DECOM"], keep="last")
    return parse_dates(eps, ["DECOM", "DEC"]).reset_index(drop=True)


@functools.cache
def missing() -> pd.DataFrame:
    """SSDA903 missing episodes de-duplicated on (CHILD, MIS_START), the latest year's version kept."""
    ms = read_903("missing").sort_values("year").drop_duplicates(["CHILD", "MIS_START"], keep="last")
    return parse_dates(ms, ["MIS_START", "MIS_END"]).reset_index(drop=True)


@functools.cache
def local_file(name: str) -> pd.DataFrame:
    """``local/<name>_SYNTHETIC.csv`` as text."""
    return pd.read_csv(extracts() / "local" / f"{name}_SYNTHETIC.csv", dtype=str, keep_default_na=False)
