"""A database with three authorities loaded, built the way a partnership would build one: the demo CLI
with ``--authorities 3`` (generate the files, then load them through the one load path). Shared by the
Partnership page's AppTest and its browser test: built once per test process (about four minutes, in a
folder of its own), then copied for each.

``CSCDASH_PARTNERSHIP_DB`` may name one built earlier with the same command, to save the build while
working on the page: it is copied, never written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import PROJECT_ROOT

AUTHORITIES = 3
_BUILT: list[Path] = []  # the one build of this process, copied for every caller


def build(folder: Path) -> Path:
    """A copy in ``folder`` of the three-authority database (``python -m cscdash demo --authorities 3``,
    run once per process); returns the copy's path."""
    db = folder / "partnership.duckdb"
    prebuilt = os.environ.get("CSCDASH_PARTNERSHIP_DB")
    if prebuilt or _BUILT:
        shutil.copyfile(prebuilt or _BUILT[0], db)
        return db
    built = _run_demo(Path(tempfile.mkdtemp(prefix="partnership-")))
    _BUILT.append(built)
    shutil.copyfile(built, db)
    return db


def _run_demo(folder: Path) -> Path:
    db = folder / "partnership.duckdb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cscdash",
            "demo",
            "--authorities",
            str(AUTHORITIES),
            "--db",
            str(db),
            "--out",
            str(folder / "files"),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return db
