"""Everything a board pack holds, worked out once and laid out by each writer (PowerPoint, PDF, Excel).

Why one content object: the PowerPoint, the PDF and the workbooks must say the same thing in the same
order, and every figure in them must have passed the same disclosure control. Board mode is forced here,
whatever the settings say: a pack leaves the building.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import kaleido
import pandas as pd

from cscdash import board_sets, charts, commentary, db, disclosure, indicator_data, indicator_figures, targets
from cscdash.benchmarks.comparators import is_synthetic
from cscdash.catalogue import Catalogue, Indicator
from cscdash.exception_reports import ExceptionReport, exception_reports
from cscdash.formatting import as_number
from cscdash.indicator_series import shown_series
from cscdash.indicator_spc import spc_on_single_months, spc_series
from cscdash.indicator_summary import Facts
from cscdash.scorecard import (
    ScorecardRow,
    outturn_columns,
    published_comparators,
    quarter_ends,
    quarter_label,
    scorecard_rows,
    scorecard_table,
)
from cscdash.settings import DEMO_LA_NAME, QUERIES_DIR, Settings

#: Board mode, always: the pack is for people outside the service.
PACK_MODE = "board"
#: Scorecard columns the pack leaves out of its tables (kept in the workbook).
NOT_IN_TABLES = ("Commentary status", "Published", "RAG status")
#: Chart images: laid out at 800 x 460 px (so the chart's 16 px type is about 11 pt on a 7.6-inch-wide
#: slide picture, legible when shared) and rendered at twice that for a sharp print.
CHART_SIZE = (800, 460)
CHART_SCALE = 2

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class IndicatorPage:
    """One indicator's slide (and PDF page): the figures in words, the chart and the commentary."""

    row: ScorecardRow
    chart_png: bytes | None
    chart_alt: str
    message: str = ""  # the chart's message ("... rose to 19.2%, below England"), set above the chart

    @property
    def card(self) -> Facts:
        return self.row.latest

    @property
    def figure_words(self) -> str:
        """'19.3% (345 of 1,790 referrals), 12 months to 31 Oct 2026'."""
        card = self.card
        basis = f" ({card.n_of_n})" if card.n_of_n else ""
        note = f" - {card.note}" if card.note else ""
        return f"{card.text}{basis}, {card.period}{note}"

    @property
    def rag_words(self) -> str:
        return f"{self.card.rag.label}: {self.card.rag.detail}"

    @property
    def spc_words(self) -> str:
        card = self.card
        if not card.spc_shown:
            return card.variation_label
        assurance = f" {card.assurance_label}." if card.assurance_label else ""
        return f"{card.variation_label} (SPC on {card.spc_points}).{assurance}"

    @property
    def comparison_words(self) -> str:
        comp, ind = self.row.comparators, self.row.indicator
        if comp.england is None:
            return "No published comparator."
        unit = "%" if ind.unit == "percent" else ""
        sn = f", statistical neighbours {comp.neighbours:.{ind.decimals}f}{unit}" if comp.neighbours else ""
        return f"Published {comp.year_label}: England {comp.england:.{ind.decimals}f}{unit}{sn}."


@dataclass(frozen=True)
class PackContent:
    """A board pack's content, in the order every output follows."""

    authority: str
    la_code: str
    period_end: date
    quarter_end: date
    quarter_label: str
    set_name: str
    synthetic: bool
    mode_statement: str
    scorecard: pd.DataFrame
    rows: list[ScorecardRow]  # the scorecard's rows behind the text (figures as numbers)
    pages: list[IndicatorPage]
    exceptions: list[ExceptionReport]
    definitions: pd.DataFrame  # Indicator, Definition, Source, Polarity
    data: pd.DataFrame  # every figure in the pack: numerator, denominator, period, suppression

    @property
    def title(self) -> str:
        return f"{self.authority}: children's social care performance, {self.period_end:%B %Y}"


def pack_settings(current: Settings) -> Settings:
    """The settings a pack is made with: board mode whatever the app's mode is."""
    return dataclasses.replace(current, display_mode=PACK_MODE)


def authority_name(con: duckdb.DuckDBPyConnection, la_code: str) -> str:
    """The LA's name from the reference table (the synthetic authority's own name for the demo)."""
    if is_synthetic(la_code):
        return DEMO_LA_NAME.replace(" (synthetic data)", "")
    names = con.execute(db.read_sql(QUERIES_DIR / "app" / "la_names.sql")).df()
    match = names[names["la_code"] == la_code]
    return str(match["la_name"].iloc[0]) if not match.empty else la_code


@contextmanager
def chart_renderer(wanted: bool) -> Iterator[None]:
    """One headless Chromium for all of a pack's chart images (kaleido's persistent server: starting a
    browser per chart costs seconds each), stopped afterwards."""
    if not wanted:
        yield
        return
    kaleido.start_sync_server(silence_warnings=True)
    try:
        with warnings.catch_warnings():
            # plotly passes its options per image, which a persistent server takes once: harmless
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def chart_png(
    ind: Indicator, frame: pd.DataFrame, current: Settings, stored: pd.DataFrame
) -> tuple[bytes | None, str]:
    """The indicator's trend chart (the same chart as its Trend tab) as a PNG, and its message title
    (drawn by the slide or page above the picture, in the pack's own type); (None, '') without figures."""
    whole = indicator_data.series(frame, ind.id)
    shown = shown_series(ind, whole, current)
    months = spc_series(ind, whole, current) if spc_on_single_months(ind, whole) else None
    bench = indicator_figures.benchmark_points(
        ind.benchmark_measure, current.la_code, current.comparator_la_code
    )
    arguments = indicator_figures.trend_arguments(ind, shown, bench, stored, months)
    if arguments is None:
        return None, ""
    fig = charts.trend_chart(**{**arguments, "title": ""})
    fig.update_layout(width=CHART_SIZE[0], height=CHART_SIZE[1], margin={"t": 70})
    png = fig.to_image(format="png", width=CHART_SIZE[0], height=CHART_SIZE[1], scale=CHART_SCALE)
    return png, arguments["title"].replace("<br>", " ")


def _data_rows(row: ScorecardRow, frame: pd.DataFrame, current: Settings, period_end: date) -> pd.DataFrame:
    """The pack's figures of one indicator (every outturn column) after disclosure control."""
    ind = row.indicator
    shown = shown_series(ind, indicator_data.series(frame, ind.id), current)
    records = []
    for label, when in outturn_columns(period_end):
        card = row.outturns[label]
        at = indicator_data.row_at(shown, card.as_at or when) if not shown.empty else None
        suppressed = bool(at is not None and at["suppressed"])
        records.append(
            {
                "Indicator id": ind.id,
                "Indicator": ind.title,
                "Column": label,
                "Period": card.period,
                "Numerator": None if at is None or suppressed else as_number(at["shown_numerator"]),
                "Denominator": None if at is None or suppressed else as_number(at["shown_denominator"]),
                "Value": card.value,
                "Shown as": card.text,
                "Suppressed": suppressed,
                "Note": card.note,
            }
        )
    return pd.DataFrame.from_records(records)


def build_content(
    con: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    current: Settings,
    store: str | Path,
    period_end: date,
    set_name: str | None = None,
    progress: Progress | None = None,
    charts_wanted: bool = True,
) -> PackContent:
    """Work out a pack for ``period_end`` and the running order ``set_name`` (the headlines by default)."""
    tell = progress or (lambda _share, _text: None)
    current = pack_settings(current)
    la = current.la_code or ""
    ids = board_sets.running_order(catalogue, store, set_name)
    stored = targets.targets_in_force(targets.seed_targets(con), targets.target_changes(store))
    frames = {}
    for n, indicator_id in enumerate(ids):
        tell(0.3 * n / len(ids), f"Reading {catalogue[indicator_id].title}")
        frames[indicator_id] = indicator_data.read_indicator(con, indicator_id, la)
    tell(0.3, "Working out the scorecard")
    series = {i: indicator_data.series(frames[i], i) for i in ids}
    rows = scorecard_rows(
        catalogue,
        ids,
        series,
        period_end,
        current,
        stored,
        store,
        lambda i: published_comparators(i, current),
    )
    quarter = quarter_ends(period_end)[-1]
    pages = []
    with chart_renderer(charts_wanted):
        for n, row in enumerate(rows):
            ind = row.indicator
            tell(0.35 + 0.55 * n / len(rows), f"Drawing {ind.title}")
            png, message = chart_png(ind, frames[ind.id], current, stored) if charts_wanted else (None, "")
            pages.append(
                IndicatorPage(
                    row, png, f"Trend of {ind.title} with target and published comparators", message
                )
            )
    tell(0.92, "Drafting exception reports")
    reports = exception_reports(rows, frames, quarter, quarter_label(quarter), current, store, PACK_MODE)
    definitions = pd.DataFrame(
        {
            "Indicator": [r.indicator.title for r in rows],
            "Definition": [r.indicator.definition for r in rows],
            "Polarity": [r.indicator.polarity.replace("_", " ") for r in rows],
            "Source": [r.indicator.source_return for r in rows],
        }
    )
    data = pd.concat(
        [_data_rows(r, frames[r.indicator.id], current, period_end) for r in rows], ignore_index=True
    )
    tell(1.0, "Pack content ready")
    return PackContent(
        authority=authority_name(con, la),
        la_code=la,
        period_end=period_end,
        quarter_end=quarter,
        quarter_label=quarter_label(quarter),
        set_name=set_name or board_sets.HEADLINES,
        synthetic=is_synthetic(la),
        mode_statement=disclosure.mode_statement(PACK_MODE, current.suppression_threshold),
        scorecard=scorecard_table(rows, period_end),
        rows=rows,
        pages=pages,
        exceptions=reports,
        definitions=definitions,
        data=data,
    )


def commentary_headings() -> list[str]:
    """The three commentary headings, in the boards' order (for the writers)."""
    return list(commentary.HEADINGS.values())
