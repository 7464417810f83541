"""The one path from extract files to a database the app can open.

``python -m cscdash load``, the Data quality page's upload, the demo and the app's first run all call
:func:`load`. It leaves the database complete, in this order, all or nothing: the schema, the reference
tables (bank holidays, population, LA names, postcode centroids), the published benchmarks and statistical
neighbours, the seed targets, the extracts (checked, stitched, each return replacing what it covers), and
the indicator views with their heavy intermediates stored as tables.

**Loading while people are looking.** The app only ever reads the database, read-only. A load never
writes the file the app reads: it copies it to ``<db>.loading``, loads and builds there, closes it
(DuckDB checkpoints on close, so the copy is one self-contained file) and renames it over the live file
in one atomic step. Readers that opened the old file keep reading it until they next look; the app checks
the file's identity on every page run and opens the new one, so it shows the new figures at the next
interaction and never a half-loaded state. DuckDB lets any number of read-only processes share a file but
a writer excludes them all, which is why the load writes a copy rather than the live file.

Two loads at once: a lock file ``<db>.lock`` (an advisory ``flock``) lets one load run; the second waits up
to ``wait`` seconds, then is refused with a message naming the running load. A load that fails, or is
killed, leaves at most a stale ``.loading`` file, which the next load replaces: the live file is never
touched until the rename.

What people write in the app (target edits and their audit log) lives in a store of its own
(:mod:`cscdash.app_store`), which no load touches.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from cscdash import app_store, db, reference, refresh, targets
from cscdash.benchmarks import database as benchmarks_database
from cscdash.extracts.loader import LoadResult, load_paths
from cscdash.settings import PACKAGE_VERSION, PROJECT_ROOT, store_beside

Progress = Callable[[str, float], None]
#: Set to 1 to make every load rebuild every stored intermediate for every LA (the path before issue 18;
#: the bench and the tests compare the two).
FULL_BUILD_ENV = "CSCDASH_FULL_BUILD"
BUILD_SQL = Path(__file__).resolve().parent / "pipeline_sql"
#: Files whose content decides what a build makes: a database built from other versions is rebuilt.
CODE_FILES = (
    "queries/**/*.sql",
    "data/reference/*.csv",
    "data/reference/*.parquet",
    "data/benchmarks/*.parquet",
    # the code that installs them (prepare): a load into a current database skips it
    "cscdash/reference*.py",
    "cscdash/benchmarks/*.py",
    "cscdash/benchmarks/*.sql",
    "cscdash/reference_sql/*.sql",
    "cscdash/reference_geo.sql",
)


class _Clock:
    """Seconds spent in each stage of a load, for the CLI's closing line and the bench."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 2)
        self._last = now


class LoadBusy(RuntimeError):
    """Another load into the same database is running."""


def _quiet(message: str, fraction: float) -> None:
    """Default progress callback: say nothing."""


def stage(progress: Progress, lo: float, hi: float) -> Progress:
    """A progress callback for one stage, mapping its 0-1 onto ``lo``-``hi`` of the whole."""
    return lambda message, fraction: progress(message, lo + (hi - lo) * max(0.0, min(1.0, fraction)))


def code_version() -> str:
    """A digest of the SQL, the reference files, the benchmarks and the seed targets (what a build uses)."""
    digest = hashlib.sha256()
    files = sorted({p for pattern in CODE_FILES for p in PROJECT_ROOT.glob(pattern)})
    for path in [*files, targets.TARGETS_CSV]:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def lock_path(db_path: Path) -> Path:
    """The lock file of a database: ``<db>.lock``."""
    return Path(str(db_path) + ".lock")


def work_path(db_path: Path) -> Path:
    """Where a load builds the next version of a database: ``<db>.loading``."""
    return Path(str(db_path) + ".loading")


@contextmanager
def load_lock(db_path: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the database's load lock; raise :class:`LoadBusy` naming the running load after ``wait`` s."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise LoadBusy(
                        f"Another load into {db_path} is running ({holder}). Nothing was loaded: try again "
                        "when it has finished (or pass --wait SECONDS)."
                    ) from None
                time.sleep(0.2)
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"process {os.getpid()}, started {datetime.now():%d/%m/%Y %H:%M:%S}")
            fh.flush()
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def prepare(con: duckdb.DuckDBPyConnection, progress: Progress = _quiet, with_reference: bool = True) -> None:
    """Everything a database needs around the extracts: the schema, the reference tables, the published
    benchmarks and statistical neighbours, and the seed targets (data/targets.csv; edits made in the app
    live in the app store and are never overwritten by a load). ``with_reference=False`` leaves the
    reference tables and benchmarks as they are (a database built by this code_version, which digests
    them)."""
    db.ensure_schema(con)
    if with_reference:
        progress("Loading reference tables", 0.0)
        reference.load_reference(con)
        progress("Loading the published benchmarks", 0.5)
        benchmarks_database.install(con)
    targets.install_seed_targets(con)
    progress("Reference tables ready", 1.0)


def build(con: duckdb.DuckDBPyConnection, progress: Progress = _quiet) -> None:
    """The SQL views, with the heavy shared intermediates (headed ``Materialise: table``) stored as tables
    (plain views recompute them for every indicator: 585 s against 3 s for every indicator of five
    authorities), and the build's record."""
    progress("Building the indicator views", 0.0)
    db.build_views(con, materialise=True)
    _record_build(con)
    progress("Indicator views ready", 1.0)


def _record_build(con: duckdb.DuckDBPyConnection) -> None:
    """Replace the one row of build_info: when, and by which SQL, the stored tables were last made."""
    con.execute(
        db.read_sql(BUILD_SQL / "record_build.sql"),
        {
            "built_at": datetime.now().replace(microsecond=0),
            "code": code_version(),
            "version": PACKAGE_VERSION,
        },
    )


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the database was built by this version's SQL and reference files."""
    if "build_info" not in db.table_names(con):
        return False
    rows = con.table("build_info").select("code_version").fetchall()
    return bool(rows) and rows[0][0] == code_version()


def load(
    db_path: str | Path,
    paths: Sequence[Path],
    la_code: str | None = None,
    as_at: date | None = None,
    allow_older: bool = False,
    today: date | None = None,
    progress: Progress = _quiet,
    wait: float = 0.0,
    store: Path | None = None,
    full_build: bool | None = None,
) -> LoadResult:
    """Load extract files into ``db_path`` and leave it ready for the app; all or nothing.

    Returns the loader's result. When it is not ``ok`` the database is exactly as it was. Loading files
    that change nothing leaves the file as it is (unless it was built by another version of the SQL, when
    the views are rebuilt). Raises :class:`LoadBusy` when another load holds the database. ``store`` is
    the app store (default: beside the database), where edits kept by earlier versions are moved.

    The stored intermediates: when the database was built by this version's SQL, only the rows of the
    LAs the load changed are recomputed, inside the load's transaction (:mod:`cscdash.refresh`: seconds
    for one council among 150, where rebuilding every table for every LA takes minutes); a new database,
    changed SQL, or ``full_build`` (default: the ``CSCDASH_FULL_BUILD`` environment variable) rebuilds all.
    """
    live = Path(db_path)
    clock = _Clock()
    if full_build is None:
        full_build = os.environ.get(FULL_BUILD_ENV, "") not in ("", "0")
    with _next_version(live, wait, store) as version:
        clock.lap("copy")
        current = live.exists() and is_current(version.con)
        # the reference tables and benchmarks are in code_version: a database built by this version
        # holds them already (reinstalling them was a twentieth of a monthly refresh at 150 authorities)
        prepare(version.con, stage(progress, 0.0, 0.05), with_reference=not current or full_build)
        clock.lap("reference tables")
        plan = refresh.plan(version.con) if current and not full_build else None
        refreshed: dict[str, float] = {}

        def refresh_changed(con: duckdb.DuckDBPyConnection, las: set[str] | None) -> None:
            clock.lap("extracts")
            progress("Refreshing the indicator tables", 0.8)
            if las is None or plan is None:
                db.build_views(con, materialise=True)
            else:
                refreshed.update(refresh.refresh(con, las, plan))
            _record_build(con)
            refreshed["(done)"] = 0.0

        result = load_paths(
            version.con,
            list(paths),
            la_code=la_code,
            progress=stage(progress, 0.05, 0.8),
            as_at=as_at,
            allow_older=allow_older,
            today=today,
            before_commit=refresh_changed if plan is not None else None,
        )
        if refreshed:
            clock.lap("views")
            refreshed.pop("(done)")
            result.table_seconds = refreshed
        else:
            clock.lap("extracts")
        result.seconds = clock.laps
        unchanged = result.load_id is None
        if not result.ok or (unchanged and current):
            version.keep = False
            return result
        if not refreshed:
            build(version.con, stage(progress, 0.8, 1.0))
            clock.lap("views")
    clock.lap("swap")
    progress("Database ready", 1.0)
    return result


def rebuild(
    db_path: str | Path, progress: Progress = _quiet, wait: float = 0.0, store: Path | None = None
) -> None:
    """Rebuild the reference tables and views of a loaded database (after upgrading cscdash), keeping
    the extracts; the same copy-and-swap as a load, so the app can stay open."""
    live = Path(db_path)
    if not live.exists():
        raise FileNotFoundError(f"No database at {live}: load your extracts first.")
    with _next_version(live, wait, store) as version:
        prepare(version.con, stage(progress, 0.0, 0.2))
        build(version.con, stage(progress, 0.2, 1.0))


@dataclass
class _Version:
    """The next version of a database being built in its private copy; ``keep`` False discards it."""

    con: duckdb.DuckDBPyConnection
    keep: bool = True


@contextmanager
def _next_version(live: Path, wait: float, store: Path | None) -> Iterator[_Version]:
    """Hold the load lock, open a private copy of the live database, and when the block ends normally
    (and ``keep`` is still True) put the copy in place of the live file; otherwise throw it away. The live
    file is never written: a failure anywhere leaves it exactly as it was."""
    with load_lock(live, wait):
        work = _fresh_copy(live, store)
        version = _Version(db.connect(work))
        swapped = False
        try:
            yield version
            version.con.close()
            if version.keep:
                _swap(work, live)
                swapped = True
        finally:
            version.con.close()
            if not swapped:
                work.unlink(missing_ok=True)


def _fresh_copy(live: Path, store: Path | None) -> Path:
    """A private copy of the live database to load into (a new file when there is none yet).

    The live file is only ever replaced whole by :func:`_swap`, so copying it while the app reads it is
    safe. Its legacy target edits (kept in the database before the app store existed) move to the store.
    """
    work = work_path(live)
    work.unlink(missing_ok=True)
    Path(str(work) + ".wal").unlink(missing_ok=True)
    live.parent.mkdir(parents=True, exist_ok=True)
    if live.exists():
        shutil.copyfile(live, work)
        app_store.import_legacy_target_edits(store or store_beside(live), work)
    return work


def _swap(work: Path, live: Path) -> None:
    """Put the finished copy in place of the live file in one atomic rename (same folder, same disk)."""
    with open(work, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(work, live)
    Path(str(live) + ".wal").unlink(missing_ok=True)


def loaded_coverage(db_path: str | Path) -> pd.DataFrame:
    """What the loaded returns cover, per LA and source (for the CLI's summary)."""
    con = db.connect(db_path, read_only=True)
    try:
        return con.execute(db.read_sql(BUILD_SQL / "coverage_summary.sql")).df()
    finally:
        con.close()
