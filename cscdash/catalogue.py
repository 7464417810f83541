"""The indicator catalogue: one YAML file per page (``cscdash/catalogue/<page>.yml``), one entry per
indicator, loaded into frozen dataclasses by a strict loader.

The catalogue is what the pages, exports and CLI know about an indicator besides its numbers: title,
unit, polarity, period type, plain-English definition, benchmark, charts and breakdowns. The numbers
come from the SQL view of the same id (``queries/indicators/<page>/<id>.sql``). The loader is strict so
that a typo fails loudly: every error names the file, the entry and the field.

Entry fields (``required`` unless marked optional):

=====================  ===================================================================================
id                     the indicator id = the SQL view = the case file (indicators.md; ids are contracts)
title                  board name
unit                   count, percent, rate_per_10k, days, ratio, fte, cases_per_fte, days_per_fte, score
decimals               the number format: decimal places shown (DfE: 1 for CIN percentages and rates)
polarity               higher_is_better, lower_is_better, neutral, band (band needs ``band``)
band                   optional {lower, upper}: the target range of a band indicator
period_type            rolling_12m (flow, 12 months to the month end), snapshot (stock at the month end),
                       year_to_30_sep (workforce flow), snapshot_30_sep (the annual CSWW census at 30
                       September, carried by the view to each month end), annual_31_mar (an annual
                       figure for the year to 31 March only, e.g. SSDA903 OC2: the view has 31 March
                       rows only). The two annual types make a card show the latest annual figure on or
                       before the chosen month, compare it with the year before and chart one point a
                       year (cscdash.indicator_summary)
source_return          the return(s) the figures come from, in words
definition             plain English, as a board member would read it
numerator              what is counted; denominator: what it is divided by (null for counts)
headline               true if the overview shows it as a tile
small_number_rule      count (S2), proportion (S3, with the complement), rate (numerator rule), average
                       (S4: fewer than 6), none (disclosure.md)
benchmark_measure      the indicator id of the published series in benchmarks.csv, or null for
                       "no national comparator"
comparators            optional list of E (England), R (region), SN (statistical neighbours)
charts                 list of: trend, spc, breakdown_bar, stacked_bar, distribution, table, benchmark
breakdowns             list of the view's breakdown names besides 'all' (age_band, sex, ...)
confidence             optional marker of the definition: C, D, U or L (domain/README.md)
requires               optional list of the optional raw tables or table.columns the measure needs
variant_of             optional id of the indicator this one is a local variant of
notes                  optional caveats shown beside the definition
=====================  ===================================================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from cscdash import page_layout
from cscdash.page_layout import Navigation, Section

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"

UNITS = ("count", "percent", "rate_per_10k", "days", "ratio", "fte", "cases_per_fte", "days_per_fte", "score")
#: Units whose single-month figure of a flow is a share of the 12-month one (Indicator.single_month).
SHARE_UNITS = ("count", "rate_per_10k", "fte", "days_per_fte")
SINGLE_MONTH_KINDS = ("share", "rate")
POLARITIES = ("higher_is_better", "lower_is_better", "neutral", "band")
PERIOD_TYPES = ("rolling_12m", "snapshot", "year_to_30_sep", "snapshot_30_sep", "annual_31_mar")
#: Period types with one figure a year: a card reads the latest on or before the chosen month.
ANNUAL_PERIOD_TYPES = ("snapshot_30_sep", "annual_31_mar")
SMALL_NUMBER_RULES = ("count", "proportion", "rate", "average", "none")
CHARTS = ("trend", "spc", "breakdown_bar", "stacked_bar", "distribution", "table", "benchmark")
COMPARATORS = ("E", "R", "SN")
CONFIDENCE = ("C", "D", "U", "L")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")  # raw table, or table.column


class CatalogueError(ValueError):
    """A catalogue file is malformed; the message names file, entry and field."""


@dataclass(frozen=True)
class Band:
    """The target range of a band (◇) indicator."""

    lower: float
    upper: float


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry (see the module docstring for the fields)."""

    id: str
    page: str
    title: str
    unit: str
    decimals: int
    polarity: str
    period_type: str
    source_return: str
    definition: str
    numerator: str
    denominator: str | None
    headline: bool
    small_number_rule: str
    benchmark_measure: str | None
    charts: tuple[str, ...]
    breakdowns: tuple[str, ...]
    band: Band | None = None
    comparators: tuple[str, ...] = ()
    confidence: str | None = None
    requires: tuple[str, ...] = ()
    variant_of: str | None = None
    notes: str | None = None
    #: A flow's single-month figure against its 12-month one: 'share' (a count, or a rate over a stock
    #: such as the population or the FTE in post: a month is about a twelfth of the year, so targets and
    #: bands are divided by 12 for the single-month SPC chart) or 'rate' (a percentage of the month's own
    #: cases: comparable with the year's). None: from the unit (see single_month_kind).
    single_month: str | None = None

    @property
    def single_month_kind(self) -> str:
        """'share' or 'rate' (see ``single_month``); 'share' for counts, rates per 10,000 and FTE sums."""
        if self.single_month is not None:
            return self.single_month
        return "share" if self.unit in SHARE_UNITS else "rate"

    @property
    def is_flow(self) -> bool:
        """True for rolling-period flows, False for snapshots and annual figures (R1)."""
        return self.period_type in ("rolling_12m", "year_to_30_sep")

    @property
    def is_annual(self) -> bool:
        """True for one figure a year (an OC2 year to 31 March, a census at 30 September): the card
        shows the latest on or before the chosen month rather than 'no data for this month'."""
        return self.period_type in ANNUAL_PERIOD_TYPES

    @property
    def year_end_month(self) -> int:
        """The month the indicator's reporting year ends: 9 for the workforce census, else 3 (March)."""
        return 9 if self.period_type.endswith("30_sep") else 3


@dataclass(frozen=True)
class Page:
    """One catalogue file: a page's title, where it sits in the navigation, its sections and its
    indicators in display order. A page is declared by this file alone: the navigation, the tests that
    walk every page, the Definitions page and the Overview all read it."""

    key: str
    title: str
    indicators: tuple[Indicator, ...]
    navigation: Navigation | None = None
    sections: tuple[Section, ...] = ()

    def section_indicators(self, section: Section) -> list[Indicator]:
        """The indicators of one section, in the section's order."""
        by_id = {indicator.id: indicator for indicator in self.indicators}
        return [by_id[i] for i in section.indicator_ids]


@dataclass(frozen=True)
class Catalogue:
    """Every page's indicators; ``catalogue["referrals_count"]`` finds one by id."""

    pages: tuple[Page, ...]

    def __iter__(self) -> Iterator[Indicator]:
        for page in self.pages:
            yield from page.indicators

    def __getitem__(self, indicator_id: str) -> Indicator:
        for indicator in self:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def __contains__(self, indicator_id: object) -> bool:
        return any(indicator.id == indicator_id for indicator in self)

    def ids(self) -> list[str]:
        """Every indicator id in page and display order."""
        return [indicator.id for indicator in self]

    def page(self, key: str) -> Page:
        """The page of that key (the YAML file stem)."""
        for page in self.pages:
            if page.key == key:
                return page
        raise KeyError(key)

    def headlines(self) -> list[Indicator]:
        """Indicators shown as overview tiles."""
        return [indicator for indicator in self if indicator.headline]


_REQUIRED = {f.name for f in fields(Indicator) if f.name != "page"} - {
    "band",
    "comparators",
    "confidence",
    "requires",
    "variant_of",
    "notes",
    "denominator",
    "single_month",
}
_ALLOWED = {f.name for f in fields(Indicator) if f.name != "page"}


def _fail(where: str, message: str) -> CatalogueError:
    return CatalogueError(f"{where}: {message}")


def _text(entry: dict[str, Any], name: str, where: str, optional: bool = False) -> str | None:
    value = entry.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"field '{name}' must be non-empty text")
    return " ".join(value.split())


def _choice(entry: dict[str, Any], name: str, allowed: tuple[str, ...], where: str) -> str:
    value = entry.get(name)
    if value not in allowed:
        raise _fail(where, f"field '{name}' is {value!r}; expected one of {', '.join(allowed)}")
    return value


def _choices(
    entry: dict[str, Any], name: str, allowed: tuple[str, ...] | re.Pattern[str], where: str
) -> tuple[str, ...]:
    value = entry.get(name, [])
    if value is None:
        value = []
    if not isinstance(value, list):
        raise _fail(where, f"field '{name}' must be a list")
    for item in value:
        if isinstance(allowed, tuple):
            ok, expected = item in allowed, f"one of {', '.join(allowed)}"
        else:
            ok, expected = isinstance(item, str) and bool(allowed.match(item)), "a snake_case name"
        if not ok:
            raise _fail(where, f"field '{name}' has {item!r}; expected {expected}")
    return tuple(value)


def _entry(entry: Any, page: str, where: str) -> Indicator:
    if not isinstance(entry, dict):
        raise _fail(where, "an entry must be a mapping")
    unknown = sorted(set(entry) - _ALLOWED)
    if unknown:
        raise _fail(where, f"unknown field(s) {', '.join(unknown)}")
    missing = sorted(name for name in _REQUIRED if name not in entry)
    if missing:
        raise _fail(where, f"missing field(s) {', '.join(missing)}")
    indicator_id = entry["id"]
    if not isinstance(indicator_id, str) or not _IDENTIFIER.match(indicator_id):
        raise _fail(where, f"field 'id' is {indicator_id!r}; expected a snake_case id")
    decimals = entry["decimals"]
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 3:
        raise _fail(where, "field 'decimals' must be an integer from 0 to 3")
    for flag in ("headline",):
        if not isinstance(entry[flag], bool):
            raise _fail(where, f"field '{flag}' must be true or false")
    polarity = _choice(entry, "polarity", POLARITIES, where)
    band = None
    if polarity == "band":
        raw = entry.get("band")
        if not isinstance(raw, dict) or set(raw) != {"lower", "upper"}:
            raise _fail(where, "field 'band' must be {lower, upper} for a band indicator")
        if not all(isinstance(raw[k], (int, float)) for k in raw) or raw["lower"] > raw["upper"]:
            raise _fail(where, "field 'band' needs numbers with lower <= upper")
        band = Band(float(raw["lower"]), float(raw["upper"]))
    elif entry.get("band") is not None:
        raise _fail(where, "field 'band' is only for polarity band")
    benchmark = entry["benchmark_measure"]
    if benchmark is not None and not (isinstance(benchmark, str) and _IDENTIFIER.match(benchmark)):
        raise _fail(where, "field 'benchmark_measure' must be an indicator id or null")
    confidence = entry.get("confidence")
    if confidence is not None and confidence not in CONFIDENCE:
        raise _fail(where, f"field 'confidence' is {confidence!r}; expected one of {', '.join(CONFIDENCE)}")
    variant_of = entry.get("variant_of")
    if variant_of is not None and not (isinstance(variant_of, str) and _IDENTIFIER.match(variant_of)):
        raise _fail(where, "field 'variant_of' must be an indicator id")
    unit = _choice(entry, "unit", UNITS, where)
    single_month = entry.get("single_month")
    if single_month is not None and single_month not in SINGLE_MONTH_KINDS:
        raise _fail(where, f"field 'single_month' is {single_month!r}; expected share or rate")
    denominator = _text(entry, "denominator", where, optional=True)
    if unit in ("percent", "rate_per_10k", "ratio") and denominator is None:
        raise _fail(where, f"field 'denominator' is required for unit {unit}")
    return Indicator(
        id=indicator_id,
        page=page,
        title=_text(entry, "title", where),
        unit=unit,
        decimals=decimals,
        polarity=polarity,
        period_type=_choice(entry, "period_type", PERIOD_TYPES, where),
        source_return=_text(entry, "source_return", where),
        definition=_text(entry, "definition", where),
        numerator=_text(entry, "numerator", where),
        denominator=denominator,
        headline=entry["headline"],
        small_number_rule=_choice(entry, "small_number_rule", SMALL_NUMBER_RULES, where),
        benchmark_measure=benchmark,
        charts=_choices(entry, "charts", CHARTS, where),
        breakdowns=_choices(entry, "breakdowns", _IDENTIFIER, where),
        band=band,
        comparators=_choices(entry, "comparators", COMPARATORS, where),
        confidence=confidence,
        requires=_choices(entry, "requires", _SOURCE_NAME, where),
        variant_of=variant_of,
        notes=_text(entry, "notes", where, optional=True),
        single_month=single_month,
    )


def load_page(path: Path) -> Page:
    """Load and check one catalogue file."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{name}: not valid YAML: {exc}") from exc
    if (
        not isinstance(data, dict)
        or not {"page", "title", "indicators"} <= set(data) <= page_layout.PAGE_KEYS
    ):
        raise CatalogueError(
            f"{name}: a catalogue file has the keys page, title, indicators (and navigation, sections)"
        )
    if data["page"] != path.stem:
        raise CatalogueError(
            f"{name}: field 'page' is {data['page']!r}; it must be the file stem {path.stem!r}"
        )
    if not isinstance(data["title"], str) or not data["title"].strip():
        raise CatalogueError(f"{name}: field 'title' must be non-empty text")
    entries = data["indicators"]
    if not isinstance(entries, list) or not entries:
        raise CatalogueError(f"{name}: 'indicators' must be a non-empty list")
    indicators = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        label = entry.get("id") if isinstance(entry, dict) else None
        indicator = _entry(entry, path.stem, f"{name}, entry {number} ({label or 'no id'})")
        if indicator.id in seen:
            raise CatalogueError(f"{name}, entry {number} ({indicator.id}): duplicate id")
        seen.add(indicator.id)
        indicators.append(indicator)
    try:
        navigation = page_layout.navigation(data.get("navigation"), name)
        sections = page_layout.sections(data.get("sections"), [i.id for i in indicators], name)
    except page_layout.PageLayoutError as exc:
        raise CatalogueError(str(exc)) from exc
    return Page(path.stem, data["title"].strip(), tuple(indicators), navigation, sections)


def load_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    """Every ``*.yml`` page in ``directory``; ids must be unique across pages."""
    pages = tuple(load_page(path) for path in sorted(directory.glob("*.yml")))
    owner: dict[str, str] = {}
    for page in pages:
        for indicator in page.indicators:
            if indicator.id in owner:
                raise CatalogueError(
                    f"{page.key}.yml ({indicator.id}): id already used in {owner[indicator.id]}.yml"
                )
            owner[indicator.id] = page.key
    return Catalogue(pages)
