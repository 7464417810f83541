"""Exception reports: one for every scorecard indicator beyond its intervention level in the quarter.

The fields are the ones councils' papers use (``board_practice.md``), in their order: indicator
description, the quarter's outturn, target and intervention level, reason for the level of performance
(the commentary, with the chart in the pack), the breakdown that shows where the gap is, actions taken or
planned, completed by, and approval (name and date, kept in the app store, append-only like every other
thing people write).

Where the gap is. For an indicator with a numerator and a denominator (a percentage), each breakdown
group's share of the gap is the cases it is short of (or over) the target at its own size:
``target / 100 * denominator - numerator`` for higher-is-better (the other way round for lower), and the
group named is the one with the largest share across every breakdown of the indicator. A group whose
figure is suppressed in the mode asked for, or whose counts taken from the whole LA's would leave a count
of 1 to 5 for the rest, is named without its numbers (only 'c'), so the report reveals no count the
scorecard hides, directly or by difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from cscdash import app_store, disclosure, targets
from cscdash.catalogue import Indicator
from cscdash.indicator_data import breakdown_at, breakdowns_of
from cscdash.scorecard import ScorecardRow
from cscdash.settings import Settings


@dataclass(frozen=True)
class Approval:
    """Who approved an exception report, and when (the latest approval of that indicator and quarter)."""

    approved_by: str
    approved_on: date
    recorded_at: datetime


@dataclass(frozen=True)
class ExceptionReport:
    """One exception report, its fields in the papers' order."""

    row: ScorecardRow
    quarter_label: str
    description: str
    outturn: str
    target: str
    intervention: str
    reason: str
    gap_breakdown: str
    actions: str
    completed_by: str
    approval: Approval | None

    @property
    def fields(self) -> dict[str, str]:
        """Heading -> text, as every output lays the report out."""
        approval = (
            f"{self.approval.approved_by}, {self.approval.approved_on:%-d %B %Y}"
            if self.approval
            else "Not yet approved"
        )
        return {
            "Indicator": self.description,
            f"Outturn ({self.quarter_label})": self.outturn,
            "Target": self.target,
            "Intervention level": self.intervention,
            "Reason for level of performance": self.reason or "(no commentary written)",
            "Where the gap is": self.gap_breakdown,
            "Actions taken or planned": self.actions or "(no commentary written)",
            "Completed by": self.completed_by or "(not recorded)",
            "Service head approval": approval,
        }


def gap_breakdown(
    ind: Indicator,
    target: targets.Target | None,
    frame: pd.DataFrame,
    quarter_end: date,
    current: Settings,
    mode: str | None = None,
) -> str:
    """One sentence naming the breakdown group that contributes most to the gap (see the module);
    ``frame`` holds the indicator's rows with every breakdown."""
    if target is None or ind.unit != "percent" or ind.denominator is None or target.polarity == targets.BAND:
        return "Not worked out for this kind of indicator (only percentages against a one-sided target)."
    sign = 1.0 if target.polarity == targets.HIGHER else -1.0
    best: tuple[float, str, str, pd.Series] | None = None
    for breakdown in breakdowns_of(frame, [ind.id]):
        rows = breakdown_at(frame, ind.id, breakdown, quarter_end).dropna(subset=["numerator", "denominator"])
        rows = rows[rows["denominator"] > 0]
        if rows.empty:
            continue
        shortfall = sign * (target.target / 100 * rows["denominator"] - rows["numerator"])
        total = float(shortfall[shortfall > 0].sum())
        top = int(shortfall.to_numpy().argmax())
        if shortfall.iloc[top] > 0 and (best is None or shortfall.iloc[top] > best[0]):
            share = float(shortfall.iloc[top]) / total if total else 0.0
            best = (float(shortfall.iloc[top]), breakdown, f"{share:.0%}", rows.iloc[top])
    if best is None:
        return "No breakdown group is short of the target."
    _, breakdown, share, group = best
    shown = disclosure.apply_disclosure(
        group.to_frame().T,
        ind.unit,
        mode or current.display_mode,
        current.suppression_threshold,
        decimals=ind.decimals,
    ).iloc[0]
    name = f"{breakdown.replace('_', ' ')} '{group['category']}'"
    if shown["suppressed"] or _reveals_the_rest(
        frame, ind.id, quarter_end, group, current.suppression_threshold
    ):
        return f"By {name}: c (small numbers); it holds the largest part of the gap."
    return (
        f"By {name}: {shown['text']} ({int(group['numerator']):,} of {int(group['denominator']):,}), "
        f"{share} of the cases short of the target across that breakdown."
    )


def _reveals_the_rest(
    frame: pd.DataFrame, indicator_id: str, on: date, group: pd.Series, threshold: int
) -> bool:
    """True when the whole-LA figure minus this group's would give a count of 1 to ``threshold`` (the rest
    of the breakdown, by difference: disclosure.md S6), so the group's counts may not be quoted."""
    whole = breakdown_at(frame, indicator_id, "all", on)
    if whole.empty:
        return False
    for field in ("numerator", "denominator"):
        rest = float(whole[field].iloc[0]) - float(group[field])
        if 0 < rest <= threshold:
            return True
    return False


def approvals(store: str | Path) -> pd.DataFrame:
    """Every approval recorded, oldest first."""
    return app_store.exception_approvals(store)


def approve(
    store: str | Path, indicator_id: str, la_code: str, quarter_end: date, approved_by: str, approved_on: date
) -> int:
    """Record a service head's approval of one exception report (a new row; earlier ones are kept)."""
    name = " ".join(str(approved_by).split())
    if not name:
        raise ValueError("Say who approved the report.")
    return app_store.add_exception_approval(
        store,
        {
            "indicator_id": indicator_id,
            "la_code": la_code,
            "quarter_end": str(quarter_end),
            "approved_by": name,
            "approved_on": str(approved_on),
            "recorded_at": datetime.now().replace(microsecond=0).isoformat(sep=" "),
        },
    )


def _approval(table: pd.DataFrame, indicator_id: str, la_code: str, quarter_end: date) -> Approval | None:
    mine = table[
        (table["indicator_id"] == indicator_id)
        & (table["la_code"] == la_code)
        & (table["quarter_end"] == str(quarter_end))
    ]
    if mine.empty:
        return None
    last = mine.iloc[-1]
    return Approval(
        str(last["approved_by"]),
        date.fromisoformat(str(last["approved_on"])),
        datetime.fromisoformat(str(last["recorded_at"])),
    )


def exception_reports(
    rows: list[ScorecardRow],
    frames: dict[str, pd.DataFrame],
    quarter_end: date,
    quarter_label: str,
    current: Settings,
    store: str | Path,
    mode: str | None = None,
) -> list[ExceptionReport]:
    """A report for every row beyond its intervention level at ``quarter_end`` (the scorecard's latest
    quarter); ``frames`` holds each indicator's rows with every breakdown."""
    table = approvals(store)
    reports = []
    for row in rows:
        if not row.beyond_intervention or row.target is None:
            continue
        ind, target = row.indicator, row.target
        card = row.outturns[quarter_label]
        reports.append(
            ExceptionReport(
                row=row,
                quarter_label=quarter_label,
                description=f"{ind.title}: {ind.definition}",
                outturn=f"{card.text}" + (f" ({card.n_of_n})" if card.n_of_n else ""),
                target=targets.threshold_text(target.target, target.target_upper),
                intervention=targets.threshold_text(target.intervention, target.intervention_upper),
                reason=row.reason,
                gap_breakdown=gap_breakdown(ind, target, frames[ind.id], quarter_end, current, mode),
                actions=row.actions,
                completed_by=row.notes.author,
                approval=_approval(table, ind.id, current.la_code or "", quarter_end),
            )
        )
    return reports
