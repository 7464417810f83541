"""Make sure there is a database to show: on a fresh clone, build the synthetic demo authority.

Used by the app on first run (with a visible progress bar) and by the tests. Kept free of Streamlit:
progress is reported through a plain callback ``progress(message, fraction)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from cscdash import db
from cscdash.settings import Settings

Progress = Callable[[str, float], None]


def _quiet(message: str, fraction: float) -> None:
    """Default progress callback: say nothing."""


def database_is_ready(db_path: Path) -> bool:
    """True when the database file exists and holds at least one successful load."""
    if not Path(db_path).exists():
        return False
    try:
        con = db.connect(db_path, read_only=True)
    except Exception:  # locked or corrupt: let the caller's connection report it
        return True
    try:
        tables = db.table_names(con)
        if "loads" not in tables:
            return False
        # A failed load writes nothing (all or nothing), so any row in the load log is a successful load.
        return con.table("loads").aggregate("count(*)").fetchall()[0][0] > 0
    finally:
        con.close()


def build_demo_database(settings: Settings, progress: Progress = _quiet) -> Path:
    """Generate the synthetic demo extracts, load them through the real loaders, and build the views.

    The generated files go to ``settings.demo_dir``; the database to ``settings.db_path``. Loading uses
    exactly the same checks as a council's own files.
    """
    generate = importlib.import_module("cscdash.synthetic.generate").generate

    def stage(lo: float, hi: float) -> Progress:
        return lambda message, fraction: progress(message, lo + (hi - lo) * max(0.0, min(1.0, fraction)))

    folders = generate(
        settings.demo_dir,
        seed=settings.demo_seed,
        end_month=settings.demo_end_month,
        progress=stage(0.0, 0.6),
    )
    tmp_path = Path(str(settings.db_path) + ".building")
    tmp_path.unlink(missing_ok=True)
    con = db.connect(tmp_path)
    try:
        load_folders(con, folders, stage(0.6, 1.0))
    finally:
        con.close()
    tmp_path.replace(settings.db_path)
    progress("Demo database ready", 1.0)
    return settings.db_path


def load_folders(con, folders: list[Path], progress: Progress = _quiet) -> None:
    """Everything a database needs around the extracts: the schema and reference tables first (they
    replace whole tables, so an authority's own population rows must come after), then each authority's
    extract folder through the real loader (the folder's parent is named by its LA code), then the views.
    Raises if any folder fails its load checks (nothing of that folder is then written)."""
    loader = importlib.import_module("cscdash.extracts.loader")
    db.ensure_schema(con)
    progress("Loading reference tables and published benchmarks", 0.0)
    _load_reference(con)
    for index, folder in enumerate(folders):
        share = 0.85 / max(len(folders), 1)

        def step(message: str, fraction: float, index: int = index, share: float = share) -> None:
            progress(message, 0.05 + share * (index + max(0.0, min(1.0, fraction))))

        result = loader.load_paths(con, [folder], la_code=folder.parent.name, progress=step)
        if not result.ok:
            problems = "\n".join(str(p) for p in result.problems if p.is_error)
            raise RuntimeError(f"{folder} failed its load checks:\n{problems[:4000]}")
    progress("Building the indicator views", 0.92)
    rebuild_views(con)


def _load_reference(con) -> None:
    """Reference tables (bank holidays, population, LA codes, postcode centroids), the published
    benchmarks and statistical neighbours, and the seed targets."""
    importlib.import_module("cscdash.reference").load_reference(con)
    importlib.import_module("cscdash.benchmarks.database").install(con)
    importlib.import_module("cscdash.targets").ensure_targets(con)


def rebuild_views(con) -> None:
    """The SQL views, with the heavy shared intermediates (headed ``Materialise: table``) stored as
    tables: plain views recompute them for every indicator (585 s against 3 s for every indicator of
    five authorities). Tables are a snapshot, so this runs again after every load."""
    db.build_views(con, materialise=True)


def ensure_database(settings: Settings, progress: Progress = _quiet) -> bool:
    """Build the demo database if there is none. Returns True when it had to build one.

    A council's own database (``CSCDASH_DB`` pointing at a loaded file) is never touched.
    """
    if database_is_ready(settings.db_path):
        return False
    if not settings.is_demo:
        raise FileNotFoundError(
            f"No loaded database at {settings.db_path}. Load your extracts with "
            f"`python -m cscdash load PATH --db {settings.db_path}` first."
        )
    build_demo_database(settings, progress)
    return True
