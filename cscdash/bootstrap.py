"""Make sure there is a database to show: on a fresh clone, build the synthetic demo authority.

Used by the app on first run (with a visible progress bar) and by the tests. The demo is "generate the
files, then load them the way a council would": :func:`cscdash.pipeline.load`, the same function as
``python -m cscdash load``. Kept free of Streamlit: progress is reported through a plain callback
``progress(message, fraction)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from cscdash import db, pipeline
from cscdash.extracts.loader import LoadResult
from cscdash.settings import DEMO_LA_CODE, Settings

Progress = Callable[[str, float], None]


def _quiet(message: str, fraction: float) -> None:
    """Default progress callback: say nothing."""


def database_is_ready(db_path: Path) -> bool:
    """True when the database file exists and holds at least one successful load."""
    if not Path(db_path).exists():
        return False
    try:
        con = db.connect_reader(db_path)  # the file at the path now, even in a process that read an older one
    except Exception:  # unreadable: let the caller's connection report it
        return True
    try:
        tables = db.table_names(con)
        if "loads" not in tables:
            return False
        # A failed load writes nothing (all or nothing), so any row in the load log is a successful load.
        return con.table("loads").aggregate("count(*)").fetchall()[0][0] > 0
    finally:
        con.close()


def database_is_current(db_path: Path) -> bool:
    """True when the database was built by this version's SQL and reference files."""
    con = db.connect_reader(db_path)
    try:
        return pipeline.is_current(con)
    finally:
        con.close()


def load_demo_files(
    db_path: Path, folders: list[Path], as_at, progress: Progress = _quiet, store: Path | None = None
) -> LoadResult:
    """Load generated demo folders exactly as a council loads its own: one folder is the demo authority
    (``--la E06999999``), several are named by their ``<la_code>/extracts`` folders. Raises when the
    demo fails its own load checks (nothing is then written)."""
    la_code = DEMO_LA_CODE if len(folders) == 1 and folders[0].parent.name == DEMO_LA_CODE else None
    result = pipeline.load(db_path, folders, la_code=la_code, as_at=as_at, progress=progress, store=store)
    if not result.ok:
        problems = "\n".join(str(p) for p in result.errors)
        raise RuntimeError(f"the demo failed its own load checks:\n{problems[:4000]}")
    return result


def build_demo_database(settings: Settings, progress: Progress = _quiet) -> Path:
    """Generate the synthetic demo extracts into ``settings.demo_dir`` and load them into
    ``settings.db_path`` through :func:`cscdash.pipeline.load` (the files are an extract as at the demo's
    last month end)."""
    generate = importlib.import_module("cscdash.synthetic.generate").generate
    folders = generate(
        settings.demo_dir,
        seed=settings.demo_seed,
        end_month=settings.demo_end_month,
        progress=pipeline.stage(progress, 0.0, 0.5),
    )
    load_demo_files(
        settings.db_path,
        folders,
        settings.demo_end_month,
        pipeline.stage(progress, 0.5, 1.0),
        store=settings.app_store,
    )
    progress("Demo database ready", 1.0)
    return settings.db_path


def ensure_database(settings: Settings, progress: Progress = _quiet) -> bool:
    """Build the demo database if there is none; rebuild the demo's views when they were built by
    another version of the SQL. Returns True when it had to build or rebuild.

    A council's own database (``CSCDASH_DB`` pointing at a loaded file) is never written here.
    """
    if database_is_ready(settings.db_path):
        if settings.is_demo and not database_is_current(settings.db_path):
            pipeline.rebuild(settings.db_path, progress, wait=600, store=settings.app_store)
            return True
        return False
    if not settings.is_demo:
        raise FileNotFoundError(
            f"No loaded database at {settings.db_path}. Load your extracts with "
            f"`python -m cscdash load PATH --la YOUR_LA_CODE --db {settings.db_path}` first."
        )
    build_demo_database(settings, progress)
    return True
