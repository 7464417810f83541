"""The demo generator's orchestrator: simulate each synthetic authority and write all its files.

For each authority (``context.scale_contexts``): the workforce, then the front door, then care (which
needs the front door's entries and the workforce's social workers), then the front door again to keep
the CIN episodes of children in care open until they leave. Then every part writes its own files; the
early help file (``early_help``) is written last, from the front door's final referrals.
The same seed and end month always give byte-identical files.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from cscdash.synthetic import care, workforce
from cscdash.synthetic.annex_a_snapshots import write_care_snapshots
from cscdash.synthetic.annex_a_xlsx import write_annex_a
from cscdash.synthetic.cin_xml import write_cin_census
from cscdash.synthetic.context import Context, ensure_reference_exists, scale_contexts
from cscdash.synthetic.early_help import early_help_events, write_early_help
from cscdash.synthetic.events import EVENTS
from cscdash.synthetic.front_door import FrontDoor, close_for_care, simulate_front_door
from cscdash.synthetic.local_files import (
    write_child_attributes,
    write_population,
    write_readme,
    write_visits,
)

Progress = Callable[[str, float], None]
#: Share of one authority's time each stage takes (roughly), for the progress fraction.
STAGES = [
    ("workforce", 0.05),
    ("front door", 0.10),
    ("care", 0.25),
    ("SSDA903 files", 0.15),
    ("CIN census files", 0.15),
    ("Annex A files", 0.2),
    ("workforce files", 0.05),
    ("local files", 0.05),
]


def write_front_door(
    ctx: Context,
    fd: FrontDoor,
    la_dir: Path,
    care_periods: pd.DataFrame | None = None,
    care_visits: pd.DataFrame | None = None,
) -> list[Path]:
    """Write the front door's files (CIN census, Annex A, visits, child attributes, population)."""
    extracts = la_dir / "extracts"
    paths = write_cin_census(ctx, fd, extracts)
    paths += write_annex_a(ctx, fd, extracts)
    paths.append(write_visits(fd, care_visits, extracts / "local" / "visits_SYNTHETIC.csv"))
    paths.append(
        write_child_attributes(ctx, fd, care_periods, extracts / "local" / "child_attributes_SYNTHETIC.csv")
    )
    paths.append(write_population(ctx, extracts / "population_SYNTHETIC.csv"))
    return paths


def write_events_file(path: Path, end_month: date, *others: pd.DataFrame | None) -> Path:
    """events.csv: the front door's events plus any the other parts report (theirs win on the same id)."""
    rows = {ev.id: [ev.id, ev.series, ev.start.isoformat(), ev.end.isoformat(), ev.effect] for ev in EVENTS}
    for frame in others:
        if frame is None or not len(frame):
            continue
        for r in frame.itertuples(index=False):
            rows[str(r.id)] = [
                str(r.id),
                str(r.series),
                str(pd.Timestamp(r.start).date()),
                str(pd.Timestamp(r.end).date()),
                str(r.effect),
            ]
    kept = [r for r in rows.values() if date.fromisoformat(r[2]) <= end_month]
    for r in kept:
        r[3] = min(r[3], end_month.isoformat())
    kept.sort(key=lambda r: (r[2], r[0]))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "series", "start", "end", "effect"])
        writer.writerows(kept)
    return path


def generate_authority(
    ctx: Context, out_dir: Path, progress: Progress | None = None, done: float = 0.0, share: float = 1.0
) -> Path:
    """Simulate and write one authority; returns its extracts folder."""
    la_dir = out_dir / ctx.la_code
    position = done

    def step(stage: str) -> None:
        nonlocal position
        if progress is not None:
            progress(f"{ctx.la_code}: {stage}", min(position, 1.0))
        position += share * dict(STAGES)[stage]

    step("workforce")
    wf = workforce.simulate_workforce(ctx)
    step("front door")
    fd = simulate_front_door(ctx)
    step("care")
    history = care.simulate_care(ctx, fd.care_entries, wf.workers)
    fd = close_for_care(ctx, fd, history.periods)
    step("SSDA903 files")
    care.write_ssda903(ctx, history, la_dir)
    step("CIN census files")
    write_cin_census(ctx, fd, la_dir / "extracts")
    step("Annex A files")
    write_annex_a(ctx, fd, la_dir / "extracts")
    write_care_snapshots(ctx, fd, history, la_dir / "extracts", getattr(wf, "workers", None))
    step("workforce files")
    workforce.write_workforce(ctx, wf, la_dir)
    step("local files")
    local = la_dir / "extracts" / "local"
    write_visits(fd, history.visits, local / "visits_SYNTHETIC.csv")
    write_child_attributes(ctx, fd, history.periods, local / "child_attributes_SYNTHETIC.csv")
    write_population(ctx, la_dir / "extracts" / "population_SYNTHETIC.csv")
    write_early_help(ctx, fd, local / "early_help_SYNTHETIC.csv")
    write_events_file(
        la_dir / "events.csv",
        ctx.end_month,
        getattr(wf, "events", None),
        getattr(history, "events", None),
        early_help_events(ctx),
    )
    return la_dir / "extracts"


def clear_previous(out_dir: Path, la_code: str) -> None:
    """Remove an earlier synthetic run's folder for ``la_code`` so no stale year is left behind.

    Only a folder under an output directory marked by README_SYNTHETIC.txt is removed; anything else
    is refused rather than deleted.
    """
    la_dir = out_dir / la_code
    if not la_dir.exists():
        return
    if not (out_dir / "README_SYNTHETIC.txt").exists():
        raise FileExistsError(f"{la_dir} exists and is not a synthetic demo folder; choose another --out")
    shutil.rmtree(la_dir)


def generate(
    out_dir: Path,
    seed: int = 1,
    end_month: date = date(2026, 10, 31),
    n_authorities: int = 1,
    progress: Progress | None = None,
) -> list[Path]:
    """Generate ``n_authorities`` synthetic authorities under ``out_dir``; returns their extract folders.

    ``progress(stage, fraction)`` is called before each stage with the overall fraction done.
    """
    ensure_reference_exists()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    contexts = scale_contexts(n_authorities, seed, end_month)
    for ctx in contexts:
        clear_previous(out_dir, ctx.la_code)
    folders = []
    share = 1.0 / len(contexts)
    for i, ctx in enumerate(contexts):
        folders.append(generate_authority(ctx, out_dir, progress, done=i * share, share=share))
    write_readme(out_dir, seed, end_month)
    if progress is not None:
        progress("done", 1.0)
    return folders
