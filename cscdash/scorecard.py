"""The quarterly scorecard, in the layout scrutiny committees read (``board_practice.md``).

Per indicator, grouped by service: Target | Intervention level | the outturn at each of the last four
quarter ends (and the latest month when it is later), RAG and direction of travel for the latest
quarter, England and statistical-neighbour averages (the latest published year), and the two free-text
columns boards fill from commentary: "Reason for level of performance" (what's going well and what we
are worried about) and "Actions taken or planned" (what we are doing about it), as the commentary stands
for the month the scorecard is made for (the quarter's text carried forward as a draft until a later
month's is written).

Every outturn is an indicator card's figure (:func:`cscdash.indicator_summary.facts`), so it is after
disclosure control in the mode asked for, and the scorecard never disagrees with the dashboard. Pure:
the data comes in as arguments, so tests work its rows out by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from cscdash import commentary, targets
from cscdash.benchmark_bars import year_label
from cscdash.benchmarks import comparators
from cscdash.catalogue import Catalogue, Indicator
from cscdash.formatting import as_number
from cscdash.indicator_summary import Facts, facts, target_in_force
from cscdash.settings import Settings

#: Financial-year quarters by the month they end in: April-June is Q1.
QUARTER_OF_MONTH = {6: 1, 9: 2, 12: 3, 3: 4}


def quarter_ends(period_end: date, count: int = 4) -> list[date]:
    """The last ``count`` quarter ends (30 Jun, 30 Sep, 31 Dec, 31 Mar) on or before ``period_end``,
    oldest first."""
    ends: list[date] = []
    year, month = period_end.year, period_end.month
    while month not in QUARTER_OF_MONTH:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    while len(ends) < count:
        end = pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)
        ends.append(end.date())
        year, month = (year, month - 3) if month > 3 else (year - 1, month + 9)
    return ends[::-1]


def quarter_label(end: date) -> str:
    """'Q2 2026-27' for 30 Sep 2026: the quarter of the financial year (April to March)."""
    start_year = end.year if end.month > 3 else end.year - 1
    return f"Q{QUARTER_OF_MONTH[end.month]} {start_year}-{(start_year + 1) % 100:02d}"


@dataclass(frozen=True)
class Comparators:
    """The latest published England and statistical-neighbour figures for one indicator."""

    year_label: str = ""
    england: float | None = None
    neighbours: float | None = None


@dataclass(frozen=True)
class ScorecardRow:
    """One indicator's line of the scorecard."""

    indicator: Indicator
    service: str
    target: targets.Target | None
    outturns: dict[str, Facts]  # column label (quarter or 'Latest month') -> the card at that date
    rag: targets.Rag
    travel: targets.Travel
    comparators: Comparators
    notes: commentary.Commentary
    latest: Facts = field(repr=False)
    page_position: int = 99  # the page's position in the navigation (for grouping by service)

    @property
    def reason(self) -> str:
        """'Reason for level of performance': what's going well, then what we are worried about."""
        parts = [self.notes.going_well, self.notes.worried_about]
        return "\n".join(p for p in parts if p)

    @property
    def actions(self) -> str:
        """'Actions taken or planned': what we are doing about it."""
        return self.notes.doing_about

    @property
    def beyond_intervention(self) -> bool:
        """True when the latest quarter is beyond the intervention level (an exception report is due)."""
        return self.rag.status == targets.RED


def published_comparators(indicator: Indicator, current: Settings) -> Comparators:
    """The latest published year's England and statistical-neighbour mean for ``indicator`` (empty when
    DfE publishes no comparable figure)."""
    if indicator.benchmark_measure is None:
        return Comparators()
    try:
        table = comparators.comparators(
            indicator.benchmark_measure, current.la_code, demo_comparator=current.comparator_la_code
        )
    except KeyError:
        return Comparators()
    table = table.dropna(subset=["england_value"])
    if table.empty:
        return Comparators()
    last = table.sort_values("year").iloc[-1]
    return Comparators(
        year_label=year_label(indicator, int(last["year"])),
        england=as_number(last["england_value"]),
        neighbours=as_number(last["sn_mean"]),
    )


def outturn_columns(period_end: date) -> list[tuple[str, date]]:
    """(label, date) of the scorecard's outturn columns: four quarters, then the month if later."""
    columns = [(quarter_label(end), end) for end in quarter_ends(period_end)]
    if columns[-1][1] != period_end:
        columns.append((f"Latest month ({period_end:%b %Y})", period_end))
    return columns


def scorecard_rows(
    catalogue: Catalogue,
    indicator_ids: Sequence[str],
    frames: dict[str, pd.DataFrame],
    period_end: date,
    current: Settings,
    stored_targets: pd.DataFrame | None,
    store: str | Path,
    published: Callable[[Indicator], Comparators] | None = None,
) -> list[ScorecardRow]:
    """One row per indicator of ``indicator_ids``, in the running order (:func:`scorecard_table` groups
    them by service). ``frames`` holds each indicator's whole-LA series; ``published`` gives the
    comparators (none when omitted)."""
    columns = outturn_columns(period_end)
    quarter = columns[len(quarter_ends(period_end)) - 1][1]
    chosen = [catalogue[i] for i in indicator_ids]
    rows = []
    for ind in chosen:
        frame = frames[ind.id]
        last = columns[-1][0]
        # SPC only for the latest column (the one a slide reports): earlier quarters need figure and RAG
        cards = {
            label: facts(ind, frame, when, current, stored_targets, judge_spc=label == last)
            for label, when in columns
        }
        quarters = [cards[label] for label, _ in columns[:4]]
        at_quarter, before = quarters[-1], quarters[-2]
        target = target_in_force(ind, stored_targets, quarter)
        rows.append(
            ScorecardRow(
                indicator=ind,
                service=catalogue.page(ind.page).title,
                target=target,
                outturns=cards,
                rag=at_quarter.rag,
                travel=targets.direction_of_travel(
                    at_quarter.value, before.value, ind.polarity, ind.decimals, "previous quarter"
                ),
                comparators=published(ind) if published else Comparators(),
                notes=commentary.in_force(store, ind.id, current.la_code or "", period_end),
                latest=cards[columns[-1][0]],
                page_position=_position(catalogue, ind.page),
            )
        )
    return rows


def _position(catalogue: Catalogue, page_key: str) -> int:
    navigation = catalogue.page(page_key).navigation
    return navigation.position if navigation else 99


def _figure(value: float | None, ind: Indicator) -> str:
    if value is None:
        return ""
    return f"{value:,.{ind.decimals}f}{'%' if ind.unit == 'percent' else ''}"


def scorecard_table(rows: Sequence[ScorecardRow], period_end: date) -> pd.DataFrame:
    """The scorecard as text cells, the layout of the papers (and of the page and the workbook). 'RAG
    status' (green, amber, red, grey) is for colouring the RAG cell; the cell itself carries the words."""
    labels = [label for label, _ in outturn_columns(period_end)]
    records = []
    for row in rows:
        ind, target, comp = row.indicator, row.target, row.comparators
        record = {"Service": row.service, "Indicator": ind.title, "Target": "", "Intervention level": ""}
        if target is not None:
            record["Target"] = targets.threshold_text(target.target, target.target_upper)
            record["Intervention level"] = targets.threshold_text(
                target.intervention, target.intervention_upper
            )
        record |= {label: row.outturns[label].text for label in labels}
        record |= {
            "RAG": f"{row.rag.symbol} {row.rag.label}",
            "RAG status": row.rag.status,
            "Direction of travel": f"{row.travel.symbol} {row.travel.judgement}",
            "England": _figure(comp.england, ind),
            "SN average": _figure(comp.neighbours, ind),
            "Published": comp.year_label,
            "Reason for level of performance": row.reason,
            "Actions taken or planned": row.actions,
            "Commentary status": row.notes.status(),
        }
        records.append(record)
    table = pd.DataFrame.from_records(records)
    if table.empty:
        return table
    # grouped by service in the navigation's order, the running order kept within a service; the index
    # stays the row's position in ``rows``
    order = {service: n for n, service in enumerate(dict.fromkeys(_service_order(rows)))}
    return table.sort_values("Service", key=lambda s: s.map(order), kind="stable")


def _service_order(rows: Sequence[ScorecardRow]) -> list[str]:
    """The services of ``rows`` in the navigation's order (pages without navigation last)."""
    position = {r.service: (r.page_position, r.service) for r in rows}
    return sorted(position, key=lambda service: position[service])
