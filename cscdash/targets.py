"""Local targets, RAG ratings and direction of travel: "are we on target, and getting better?".

Targets follow the BCP scorecard's two-threshold rule (indicators.md R14): a *target* and an
*intervention level*. Green = target met; amber = short of the target but not beyond the intervention
level; red = beyond the intervention level (an exception report is due); grey = no target or no value.
A value exactly on a threshold counts as meeting it (on the target = green; on the intervention
level = amber). The polarity follows from the order of the two thresholds; band (◇) indicators carry
a lower and an upper target and intervention level. Every result carries words and a symbol as well
as a colour name, so a page never says anything by colour alone.

Targets start from data/targets.csv (with a ``source`` for each), which every load copies into the
indicator database's ``targets`` table (the seeds). Analysts edit them in the app; each edit is appended to
the app store (:mod:`cscdash.app_store`), which no load touches, and the target in force is the seed
overlaid by the latest edit of the same indicator and from-date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from cscdash import app_store
from cscdash.benchmarks.measures import BAND, HIGHER, LOWER, NEUTRAL
from cscdash.db import read_sql
from cscdash.db import table_names as db_tables
from cscdash.settings import DATA_DIR

TARGETS_CSV = DATA_DIR / "targets.csv"
_SQL_DIR = Path(__file__).resolve().parent / "benchmarks"
TABLES_SQL = _SQL_DIR / "targets_tables.sql"
SEED_SQL = _SQL_DIR / "target_seed.sql"
TARGET_COLUMNS = [
    "indicator_id",
    "from_date",
    "target",
    "intervention",
    "target_upper",
    "intervention_upper",
    "source",
]


def threshold_text(low: float | None, high: float | None = None) -> str:
    """A target or intervention level as a scorecard writes it: '20', or '160 to 220' for a band."""
    if low is None:
        return ""
    return f"{low:g}" if high is None else f"{low:g} to {high:g}"


def _num(x: object) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


@dataclass(frozen=True)
class Target:
    """One indicator's thresholds from ``from_date``; the two upper ones only for band indicators."""

    indicator_id: str
    from_date: date
    target: float
    intervention: float
    target_upper: float | None = None
    intervention_upper: float | None = None
    source: str = ""

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise ValueError(f"target for {self.indicator_id} from {self.from_date}: {problem}")

    def problem(self) -> str:
        """Why these thresholds are inconsistent ('' when they are fine)."""
        band_parts = (self.target_upper is None, self.intervention_upper is None)
        if band_parts[0] != band_parts[1]:
            return "a band needs both target_upper and intervention_upper"
        if self.target_upper is not None and self.intervention_upper is not None:
            if not self.intervention <= self.target <= self.target_upper <= self.intervention_upper:
                return "a band needs intervention <= target <= target_upper <= intervention_upper"
        elif self.intervention == self.target:
            return "the intervention level must differ from the target (its side gives the polarity)"
        return ""

    @property
    def polarity(self) -> str:
        """band, higher_is_better (intervention below target) or lower_is_better."""
        if self.target_upper is not None:
            return BAND
        return HIGHER if self.intervention < self.target else LOWER


@dataclass(frozen=True)
class Rag:
    """A RAG rating in words, symbol and colour name."""

    status: str  # green / amber / red / grey
    label: str  # short words for a tile
    symbol: str  # shown beside the colour
    detail: str  # one sentence for a tooltip or table


GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"
_SYMBOLS = {GREEN: "✓", AMBER: "!", RED: "✗", GREY: "–"}
_LABELS = {GREEN: "On target", AMBER: "Short of target", RED: "Beyond intervention level", GREY: "No target"}


def _rag(status: str, detail: str) -> Rag:
    return Rag(status, _LABELS[status], _SYMBOLS[status], detail)


def rag(value: float | None, target: Target | None, decimals: int | None = None) -> Rag:
    """Rate ``value`` against ``target``; round to ``decimals`` first so the rating matches the display."""
    v = _num(value)
    if target is None:
        return _rag(GREY, "No target set for this indicator.")
    if v is None:
        return Rag(GREY, "No value", _SYMBOLS[GREY], "No value to rate (not available or suppressed).")
    if decimals is not None:
        v = round(v, decimals)
    t, i = target.target, target.intervention
    if target.polarity == BAND:
        tu, iu = target.target_upper, target.intervention_upper
        assert tu is not None and iu is not None
        if t <= v <= tu:
            return _rag(GREEN, f"{v:g} is inside the target range {t:g}-{tu:g}.")
        if i <= v <= iu:
            return _rag(
                AMBER,
                f"{v:g} is outside the target range {t:g}-{tu:g} but inside the "
                f"intervention range {i:g}-{iu:g}.",
            )
        return _rag(RED, f"{v:g} is outside the intervention range {i:g}-{iu:g}.")
    if target.polarity == HIGHER:
        met, within = v >= t, v >= i
        side = "below"
    else:
        met, within = v <= t, v <= i
        side = "above"
    if met:
        return _rag(GREEN, f"{v:g} meets the target of {t:g}.")
    if within:
        return _rag(AMBER, f"{v:g} is {side} the target of {t:g} but within the intervention level of {i:g}.")
    return _rag(RED, f"{v:g} is {side} the intervention level of {i:g} (target {t:g}).")


@dataclass(frozen=True)
class Travel:
    """Direction of travel: which way the value moved and whether that is better, in words and symbol."""

    direction: str  # up / down / same / none
    judgement: str  # improved / worsened / no change / changed / not comparable
    symbol: str
    change: float | None
    compared_with: str

    @property
    def words(self) -> str:
        """E.g. 'improved (down 1.2 on the previous period)'."""
        if self.change is None:
            return f"not comparable with the {self.compared_with}"
        if self.direction == "same":
            return f"no change on the {self.compared_with}"
        return f"{self.judgement} ({self.direction} {abs(self.change):g} on the {self.compared_with})"


def direction_of_travel(
    current: float | None,
    previous: float | None,
    polarity: str,
    decimals: int | None = None,
    compared_with: str = "previous period",
) -> Travel:
    """Compare two values by polarity: ▲/▼ for the move, 'improved'/'worsened' (or 'changed' when neutral)."""
    cur, prev = _num(current), _num(previous)
    if cur is None or prev is None:
        return Travel("none", "not comparable", "–", None, compared_with)
    change = cur - prev
    if decimals is not None:
        change = round(round(cur, decimals) - round(prev, decimals), decimals)
    if change == 0:
        return Travel("same", "no change", "▶", 0.0, compared_with)
    direction = "up" if change > 0 else "down"
    if polarity == HIGHER:
        judgement = "improved" if change > 0 else "worsened"
    elif polarity == LOWER:
        judgement = "improved" if change < 0 else "worsened"
    elif polarity in (NEUTRAL, BAND):
        judgement = "changed"
    else:
        raise ValueError(f"unknown polarity {polarity!r}")
    return Travel(direction, judgement, "▲" if change > 0 else "▼", change, compared_with)


def travel_summary(
    series: pd.Series, period_end: date, polarity: str, decimals: int | None = None
) -> dict[str, Travel]:
    """Against the previous period in ``series`` and the same month a year earlier.

    ``series`` holds values indexed by period end dates (monthly or annual). Missing comparators give
    'not comparable', never a guess.
    """
    s = series.copy()
    s.index = pd.to_datetime(s.index)
    at = pd.Timestamp(period_end)
    current = s.get(at)
    earlier = s[s.index < at]
    previous = earlier.iloc[-1] if not earlier.empty else None
    year_ago = (at - pd.DateOffset(years=1)) + pd.offsets.MonthEnd(0)
    last_year = s.get(year_ago)
    return {
        "previous period": direction_of_travel(current, previous, polarity, decimals, "previous period"),
        "same month last year": direction_of_travel(
            current, last_year, polarity, decimals, "same month last year"
        ),
    }


# --------------------------------------------------------------------------- stored targets
def read_targets_csv(path: str | Path = TARGETS_CSV) -> pd.DataFrame:
    """data/targets.csv as a typed frame (from_date as date; empty thresholds as NaN)."""
    df = pd.read_csv(path, dtype={"indicator_id": str, "source": str})
    df["from_date"] = pd.to_datetime(df["from_date"]).dt.date
    for row in df.itertuples(index=False):
        _target_from_row(row._asdict())  # validates every row, naming the bad one
    return df[TARGET_COLUMNS]


def _target_from_row(row: dict) -> Target:
    return Target(
        str(row["indicator_id"]),
        pd.Timestamp(row["from_date"]).date(),
        float(row["target"]),
        float(row["intervention"]),
        _num(row.get("target_upper")),
        _num(row.get("intervention_upper")),
        str(row.get("source") or ""),
    )


def install_seed_targets(con: duckdb.DuckDBPyConnection, csv_path: str | Path = TARGETS_CSV) -> None:
    """Replace the database's seed targets with data/targets.csv (every load does: edits are not here)."""
    con.execute(read_sql(TABLES_SQL))
    con.register("targets_seed_df", read_targets_csv(csv_path))
    try:
        con.execute(read_sql(SEED_SQL))
    finally:
        con.unregister("targets_seed_df")


def seed_targets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The seed targets of a database (empty, with the columns, when it has none)."""
    if "targets" not in db_tables(con):
        return pd.DataFrame(columns=TARGET_COLUMNS)
    frame = con.table("targets").df()
    frame["from_date"] = pd.to_datetime(frame["from_date"]).dt.date
    return frame[TARGET_COLUMNS]


def targets_in_force(seeds: pd.DataFrame, edits: pd.DataFrame) -> pd.DataFrame:
    """Every target: the seeds, overlaid (per indicator and from-date) by the latest edit, sorted."""
    latest = edits.sort_values("edit_id").drop_duplicates(["indicator_id", "from_date"], keep="last")
    edited = latest.assign(source=latest["source"].fillna("edited in the app"))[TARGET_COLUMNS]
    key = ["indicator_id", "from_date"]
    kept = seeds.merge(edited[key], on=key, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
    parts = [p for p in (kept[TARGET_COLUMNS], edited) if not p.empty]
    if not parts:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    both = pd.concat(parts, ignore_index=True)
    return both.sort_values(key).reset_index(drop=True)


def target_changes(store_path: str | Path) -> pd.DataFrame:
    """The audit log of edits, newest first (for the Data quality page)."""
    edits = app_store.target_edits(store_path)
    return edits.sort_values("edit_id", ascending=False).reset_index(drop=True)


def target_for(targets: pd.DataFrame, indicator_id: str, on: date) -> Target | None:
    """The target in force on ``on``: the latest from_date on or before it, else None."""
    rows = targets[
        (targets["indicator_id"] == indicator_id) & (pd.to_datetime(targets["from_date"]) <= pd.Timestamp(on))
    ]
    if rows.empty:
        return None
    latest = rows.assign(_d=pd.to_datetime(rows["from_date"])).sort_values("_d").iloc[-1]
    return _target_from_row(latest.to_dict())


def edit_target(
    store_path: str | Path,
    seeds: pd.DataFrame,
    indicator_id: str,
    from_date: date,
    target: float,
    intervention: float,
    target_upper: float | None = None,
    intervention_upper: float | None = None,
    changed_by: str = "",
    reason: str = "",
    source: str = "edited in the app",
) -> int:
    """Set a target (new or replacing the same from_date) by appending an edit to the app store; returns
    its edit id. Invalid thresholds raise ValueError before anything is written. ``seeds`` are the
    database's seed targets (the old values of a first edit come from them)."""
    new = Target(
        indicator_id,
        from_date,
        float(target),
        float(intervention),
        _num(target_upper),
        _num(intervention_upper),
        source,
    )
    in_force = targets_in_force(seeds, app_store.target_edits(store_path))
    old_rows = in_force[
        (in_force["indicator_id"] == indicator_id)
        & (pd.to_datetime(in_force["from_date"]) == pd.Timestamp(from_date))
    ]
    old = old_rows.iloc[0].to_dict() if not old_rows.empty else {}
    edit: dict[str, object] = {
        "edited_at": datetime.now().replace(microsecond=0),
        "edited_by": changed_by,
        "indicator_id": indicator_id,
        "from_date": from_date,
        "reason": reason,
        "source": source,
    }
    for field in ("target", "intervention", "target_upper", "intervention_upper"):
        edit[field] = getattr(new, field)
        edit[f"old_{field}"] = _num(old.get(field))
    return app_store.add_target_edit(store_path, edit)
