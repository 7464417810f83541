"""Shared context for the synthetic demo generator: who the authority is, when, where, and randomness.

Every part of the generator (front door, care, workforce, the file writers) takes one ``Context``.
Randomness comes only from ``Context.rng(name)``: each named stream is seeded from the seed and the
name alone, so adding draws to one part never changes another part's output, and the same seed and
end month always give byte-identical files.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from cscdash.settings import DEMO_LA_CODE, DEMO_LA_NAME, DEMO_LA_NUMBER, REFERENCE_DIR

#: First day of the child-level history written to the extracts (issue 3: April 2018).
HISTORY_START = date(2018, 4, 1)
#: Stocks (children in care, CP plans, care leavers) need earlier entrants; the simulation starts here
#: and writes nothing dated before HISTORY_START except the start of records still open then.
BURN_IN_START = date(2003, 4, 1)

#: The six fictional localities (calibration.md section 1). Each is a set of real postcode districts of
#: one shire unitary's area, used only for plausible placement distances; child_share is the share of
#: the 0-17 population, activity_weight the relative rate of CSC activity (deprivation).
LOCALITIES: dict[str, dict] = {
    "Harbourtown": {"districts": ["DT3", "DT4", "DT5"], "child_share": 0.25, "activity_weight": 1.45},
    "Northvale": {"districts": ["SP7", "SP8", "DT9", "DT10"], "child_share": 0.16, "activity_weight": 0.85},
    "Eastmoor": {"districts": ["BH16", "BH19", "BH20", "BH21"], "child_share": 0.18, "activity_weight": 0.9},
    "Westdown": {"districts": ["DT6", "DT7", "DT8"], "child_share": 0.12, "activity_weight": 0.8},
    "Midvale": {"districts": ["DT1", "DT2"], "child_share": 0.15, "activity_weight": 0.9},
    "Chalkdown": {"districts": ["DT11", "BH31", "BH24"], "child_share": 0.14, "activity_weight": 0.75},
}
#: ONS code of the real LA whose postcode sectors stand in for the fictional authority's area.
HOME_AREA_LAUA = "E06000059"

#: Social work teams: a front door, assessment and locality teams, then the county-wide services.
TEAMS: list[str] = (
    ["MASH and Duty"]
    + [f"{loc} Assessment" for loc in LOCALITIES]
    + [f"{loc} Safeguarding and Support" for loc in LOCALITIES]
    + ["Children in Care North", "Children in Care South", "Care Leavers", "Disabled Children"]
)


def month_end(d: date) -> date:
    """Last day of ``d``'s month."""
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def collection_year_of(d: date) -> int:
    """The DfE year label (by its end) of the 1 April - 31 March year containing ``d``."""
    return d.year + 1 if d.month >= 4 else d.year


@dataclass(frozen=True)
class Context:
    """One synthetic authority at one seed and end month."""

    seed: int = 1
    end_month: date = date(2026, 10, 31)
    la_code: str = DEMO_LA_CODE
    la_number: str = DEMO_LA_NUMBER
    la_name: str = DEMO_LA_NAME
    profile: str = "good"  # 'good' (Dorset-like) or 'improving' (BCP-like), calibration.md
    size_factor: float = 1.0  # children 0-17 = 70,000 x size_factor
    child_id_prefix: str = "WV"
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.end_month != month_end(self.end_month):
            raise ValueError(f"end_month must be a month end, not {self.end_month}")
        if self.profile not in ("good", "improving"):
            raise ValueError(f"unknown profile {self.profile!r}")

    # ----------------------------------------------------------------- time
    @property
    def history_start(self) -> date:
        return HISTORY_START

    @property
    def burn_in_start(self) -> date:
        return BURN_IN_START

    @property
    def collection_years(self) -> list[int]:
        """DfE year labels with any history: 2019 (= 2018-19) up to the year holding end_month."""
        return list(range(collection_year_of(HISTORY_START), collection_year_of(self.end_month) + 1))

    @property
    def month_ends(self) -> list[date]:
        """Every month end from April 2018 to end_month."""
        return [d.date() for d in pd.date_range(HISTORY_START, self.end_month, freq="ME")]

    # ----------------------------------------------------------------- randomness
    def rng(self, name: str) -> np.random.Generator:
        """An independent, reproducible random stream for the part of the generator called ``name``."""
        key = [
            self.seed,
            zlib.crc32(self.la_code.encode()),
            zlib.crc32(name.encode()),
            self.end_month.toordinal(),
        ]
        return np.random.default_rng(np.random.SeedSequence(key))

    # ----------------------------------------------------------------- people and places
    @property
    def children_0_17(self) -> int:
        """Children aged 0-17 at mid-2024 (calibration: 70,000 for the demo)."""
        return int(round(70_000 * self.size_factor))

    def child_id(self, n: int) -> str:
        """The id of the n-th child: alphanumeric, <= 20 characters, the same in every return."""
        return f"{self.child_id_prefix}{n:07d}"

    @cached_property
    def sectors(self) -> pd.DataFrame:
        """Postcode sectors of the home area with their locality and BNG centroid.

        Columns: sector, district, locality, easting, northing.
        """
        table = pd.read_parquet(REFERENCE_DIR / "postcode_sectors.parquet")
        table = table[table["laua"] == HOME_AREA_LAUA].copy()
        table["district"] = table["sector"].str.split(" ").str[0]
        lookup = {d: loc for loc, spec in LOCALITIES.items() for d in spec["districts"]}
        table["locality"] = table["district"].map(lookup)
        table = table.dropna(subset=["locality"])
        return table[["sector", "district", "locality", "easting", "northing"]].reset_index(drop=True)

    @cached_property
    def all_sectors(self) -> pd.DataFrame:
        """Every sector in Great Britain with a centroid (for out-of-area placements)."""
        return pd.read_parquet(REFERENCE_DIR / "postcode_sectors.parquet")

    @property
    def localities(self) -> dict[str, dict]:
        return LOCALITIES

    @property
    def teams(self) -> list[str]:
        return TEAMS


def scale_contexts(n_authorities: int, seed: int, end_month: date) -> list[Context]:
    """The demo authority first, then ``n_authorities - 1`` more fictional ones of varied size and profile.

    Codes E06999001... and numbers 001... are not used by any real LA.
    """
    contexts = [Context(seed=seed, end_month=end_month)]
    rng = np.random.default_rng([seed, 150])
    for i in range(1, n_authorities):
        contexts.append(
            Context(
                seed=seed,
                end_month=end_month,
                la_code=f"E06999{i:03d}",
                la_number=f"{i:03d}",
                la_name=f"Synthetic Authority {i:03d} (synthetic data)",
                profile="improving" if rng.random() < 0.4 else "good",
                size_factor=float(np.round(rng.uniform(0.4, 2.5), 2)),
                child_id_prefix=f"S{i:03d}",
            )
        )
    return contexts


def ensure_reference_exists() -> Path:
    """The sector table the generator needs (built by data/reference/build_postcode_sectors.py)."""
    path = REFERENCE_DIR / "postcode_sectors.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run python data/reference/build_postcode_sectors.py")
    return path
