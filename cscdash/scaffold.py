"""``python -m cscdash new-indicator``: the three files of a new indicator, each with the fields to fill.

Adding an indicator is one SQL view, one catalogue entry and one hand-worked case file (README "Adding an
indicator"); this writes all three from the templates in ``scaffold_templates/`` so an analyst starts from
the project's conventions rather than a copy of another indicator:

* ``queries/indicators/<page>/<id>.sql``: the header to fill (grain, reads, rules) and the contract columns,
  with the single-month columns for a flow; it builds at once (null figures, value_note 'TODO').
* an entry at the end of ``cscdash/catalogue/<page>.yml``, added to the page's last section: valid, so the
  app shows the card ("not available: TODO") while the TODO texts are filled in. ``--new-page TITLE``
  writes the page file first (navigation after the other pages).
* ``tests/cases/<id>.yml``: the given/expected skeleton. Its TODO values fail the case test until the
  hand-worked figures replace them, which is the point.

Nothing is overwritten: an id or file that exists already is refused.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cscdash.catalogue import CATALOGUE_DIR, UNITS, load_catalogue
from cscdash.settings import PROJECT_ROOT, QUERIES_DIR

TEMPLATES = Path(__file__).resolve().parent / "scaffold_templates"
CASES_DIR = PROJECT_ROOT / "tests" / "cases"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: The unit's default small-number rule (disclosure.md S2-S4) and whether it has a denominator.
_UNIT_RULES = {"count": ("count", False), "percent": ("proportion", True), "rate_per_10k": ("rate", True)}
_MONTH_RULE = """
--   Single month (month_numerator, month_denominator, month_value, month_value_note): the same rule for the
--   calendar month of period_end alone (TODO: from the same intermediate's m_* columns)."""
_MONTH_COLUMNS = """,
        cast(null as bigint) as month_numerator,  -- TODO: the calendar month alone
        cast(null as bigint) as month_denominator,  -- TODO
        cast(null as double) as month_value,  -- TODO
        'TODO: not written yet' as month_value_note"""


class ScaffoldError(ValueError):
    """The request cannot be written (a bad id, an id or file that exists, an unknown page)."""


def _template(name: str, **values: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8").format(**values)


def page_text(page: str, title: str, catalogue_dir: Path = CATALOGUE_DIR) -> str:
    """A new page's catalogue file (navigation after the existing pages), before its first indicator."""
    if not _ID.match(page):
        raise ScaffoldError(f"{page!r}: a page key is lower-case letters, digits and underscores")
    pages = [p for p in load_catalogue(catalogue_dir).pages if p.navigation]
    position = max((p.navigation.position for p in pages), default=0) + 10
    return _template(
        "page.yml", page=page, title=title, url_path=page.replace("_", "-"), position=str(position)
    )


def _add_to_page(text: str, entry: str, indicator_id: str, name: str) -> str:
    """The page file with the entry appended and its id in the last section (text edits: comments survive)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("  indicators: [")]
    if not starts:
        raise ScaffoldError(f"{name}: no section to put the indicator in (add a 'sections:' block)")
    listed = lines[starts[-1]].removeprefix("  indicators: [").removesuffix("]")
    lines[starts[-1]] = f"  indicators: [{listed + ', ' if listed else ''}{indicator_id}]"
    return "\n".join(lines).rstrip("\n") + "\n" + entry


def new_indicator(
    indicator_id: str,
    page: str,
    title: str,
    unit: str = "percent",
    flow: bool = True,
    reads: str = "TODO_intermediate_view",
    new_page_title: str | None = None,
    catalogue_dir: Path = CATALOGUE_DIR,
    queries_dir: Path = QUERIES_DIR,
    cases_dir: Path = CASES_DIR,
) -> list[Path]:
    """Write the SQL view, the catalogue entry and the case file of a new indicator; returns their paths.
    ``new_page_title`` starts the page too (its catalogue file must not exist yet)."""
    if not _ID.match(indicator_id):
        raise ScaffoldError(f"{indicator_id!r}: an id is lower-case letters, digits and underscores")
    if unit not in UNITS:
        raise ScaffoldError(f"unit {unit!r}: one of {', '.join(UNITS)}")
    page_file = catalogue_dir / f"{page}.yml"
    if new_page_title is not None and page_file.exists():
        raise ScaffoldError(f"{page_file} exists already: leave out --new-page to add to it")
    if new_page_title is None and not page_file.exists():
        raise ScaffoldError(
            f"no page {page!r} ({page_file} does not exist): give --new-page TITLE to start one"
        )
    if indicator_id in load_catalogue(catalogue_dir):
        raise ScaffoldError(f"{indicator_id} is in the catalogue already")
    sql = queries_dir / "indicators" / page / f"{indicator_id}.sql"
    case = cases_dir / f"{indicator_id}.yml"
    for path in (sql, case):
        if path.exists():
            raise ScaffoldError(f"{path} exists already")
    rule, has_denominator = _UNIT_RULES.get(unit, ("none", False))
    sql.parent.mkdir(parents=True, exist_ok=True)
    sql.write_text(
        _template(
            "indicator.sql",
            id=indicator_id,
            reads=reads,
            grain="flow over the 12 months to period_end" if flow else "stock as at period_end",
            month_rule=_MONTH_RULE if flow else "",
            month_columns=_MONTH_COLUMNS if flow else "",
        ),
        encoding="utf-8",
    )
    entry = _template(
        "catalogue_entry.yml",
        id=indicator_id,
        title=title,
        unit=unit,
        period_type="rolling_12m" if flow else "snapshot",
        denominator="'TODO: out of what'" if has_denominator else "null",
        small_number_rule=rule,
    )
    page_text_now = (
        page_text(page, new_page_title, catalogue_dir)
        if new_page_title is not None
        else page_file.read_text(encoding="utf-8")
    )
    page_file.write_text(_add_to_page(page_text_now, entry, indicator_id, page_file.name), encoding="utf-8")
    case.write_text(_template("case.yml", id=indicator_id), encoding="utf-8")
    return [sql, page_file, case]


def run_new_indicator(args: argparse.Namespace) -> int:
    """The ``new-indicator`` command; exit 1 with a message when nothing could be written."""
    try:
        written = new_indicator(
            args.id,
            args.page,
            args.title or args.id.replace("_", " ").capitalize(),
            unit=args.unit,
            flow=not args.stock,
            reads=args.reads,
            new_page_title=args.new_page,
        )
    except ScaffoldError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path}")
    print("Fill in every TODO: the case test fails until the hand-worked figures are in the case file.")
    return 0
