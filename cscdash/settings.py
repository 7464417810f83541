"""Settings, read from the environment and (when present) Streamlit secrets.

Nothing here imports streamlit: the app passes its secrets in through ``from_mapping`` so that the
same settings work from the command line, the tests and the app. Every setting has a default, so
the app runs on a fresh clone with no secrets file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

#: Recorded in each database's build_info (pyproject.toml's version).
PACKAGE_VERSION = "0.2.0"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
DEMO_DIR = DATA_DIR / "demo"
QUERIES_DIR = PROJECT_ROOT / "queries"

#: The synthetic demo authority (calibration.md): fictional, never a real council's code.
DEMO_LA_CODE = "E06999999"
DEMO_LA_NUMBER = "999"
DEMO_LA_NAME = "Wessex Vale Council (synthetic data)"
#: Real comparators the demo borrows (issue 8): Dorset.
DEMO_COMPARATOR_LA_CODE = "E06000059"
DEMO_END_MONTH = date(2026, 10, 31)
DEMO_SEED = 1

DISPLAY_MODES = ("internal", "board", "public")
#: Who the app is for (cscdash.roles): the role of a local single-user install, by the setting ``role``.
ROLES = ("board", "manager", "analyst", "admin")


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Built by :func:`load_settings`; frozen so it can be cached."""

    db_path: Path = DATA_DIR / "cscdash.duckdb"
    #: What people write in the app (cscdash.app_store); None = beside the database.
    store_path: Path | None = None
    demo_dir: Path = DEMO_DIR
    la_code: str = DEMO_LA_CODE
    comparator_la_code: str = DEMO_COMPARATOR_LA_CODE
    display_mode: str = "board"
    suppression_threshold: int = 5
    demo_seed: int = DEMO_SEED
    demo_end_month: date = DEMO_END_MONTH
    #: The role of this install's single user (without sign-in): see cscdash.roles.
    role: str = "analyst"
    #: A manager's own teams (``CSCDASH_TEAMS``, comma-separated; or from the sign-in's ``[roles.teams]``):
    #: the children whose lists they may open.
    teams: tuple[str, ...] = ()
    #: Fill the app's shared caches in the background when a database version is first opened
    #: (``CSCDASH_WARM_CACHES``; ``0`` turns it off): see cscdash.components.warm_up.
    warm_caches: bool = True

    @property
    def app_store(self) -> Path:
        """The app store's file: the setting, else ``<db stem>.store.sqlite`` beside the database."""
        return self.store_path if self.store_path is not None else store_beside(self.db_path)

    @property
    def is_demo(self) -> bool:
        """True while the dashboard shows the synthetic demo authority."""
        return self.la_code == DEMO_LA_CODE


def store_beside(db_path: Path) -> Path:
    """The default app store of a database: ``<folder>/<stem>.store.sqlite``."""
    return Path(db_path).with_name(f"{Path(db_path).stem}.store.sqlite")


def from_mapping(base: Settings, values: Mapping[str, object]) -> Settings:
    """Overlay a mapping (Streamlit secrets, or a test's dict) on ``base``; unknown keys are ignored."""
    changes: dict[str, object] = {}
    for key in ("db_path", "store_path"):
        if key in values:
            changes[key] = Path(str(values[key]))
    for key in ("la_code", "comparator_la_code", "display_mode", "role"):
        if key in values:
            changes[key] = str(values[key])
    if "teams" in values:
        raw = values["teams"]
        names = raw.split(",") if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
        changes["teams"] = tuple(str(n).strip() for n in names if str(n).strip())
    if "warm_caches" in values:
        changes["warm_caches"] = _flag(values["warm_caches"])
    if "suppression_threshold" in values:
        changes["suppression_threshold"] = int(values["suppression_threshold"])  # type: ignore[arg-type]
    settings = replace(base, **changes)
    if settings.display_mode not in DISPLAY_MODES:
        raise ValueError(f"display_mode must be one of {DISPLAY_MODES}, not {settings.display_mode!r}")
    if settings.role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {settings.role!r}")
    if settings.role == "board" and settings.display_mode == "internal":
        # a board member never sees small numbers, whatever the mode setting says
        settings = replace(settings, display_mode="board")
    return settings


def _flag(value: object) -> bool:
    """A yes/no setting from a secrets value or an environment variable: 0, false, no and off are no."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in {"0", "false", "no", "off", ""}


def load_settings(secrets: Mapping[str, object] | None = None) -> Settings:
    """Defaults, then environment variables (``CSCDASH_DB``, ``CSCDASH_LA``, ``CSCDASH_MODE``,
    ``CSCDASH_STORE``, ``CSCDASH_ROLE``, ``CSCDASH_TEAMS``, ``CSCDASH_WARM_CACHES``, ``CSCDASH_DEMO_DIR``),
    then secrets."""
    env: dict[str, object] = {}
    if os.environ.get("CSCDASH_DB"):
        env["db_path"] = os.environ["CSCDASH_DB"]
    if os.environ.get("CSCDASH_LA"):
        env["la_code"] = os.environ["CSCDASH_LA"]
    if os.environ.get("CSCDASH_MODE"):
        env["display_mode"] = os.environ["CSCDASH_MODE"]
    if os.environ.get("CSCDASH_STORE"):
        env["store_path"] = os.environ["CSCDASH_STORE"]
    if os.environ.get("CSCDASH_ROLE"):
        env["role"] = os.environ["CSCDASH_ROLE"]
    if os.environ.get("CSCDASH_TEAMS"):
        env["teams"] = os.environ["CSCDASH_TEAMS"]
    if os.environ.get("CSCDASH_WARM_CACHES"):
        env["warm_caches"] = os.environ["CSCDASH_WARM_CACHES"]
    settings = from_mapping(Settings(), env)
    if os.environ.get("CSCDASH_DEMO_DIR"):
        settings = replace(settings, demo_dir=Path(os.environ["CSCDASH_DEMO_DIR"]))
    if secrets:
        settings = from_mapping(settings, secrets)
    return settings
