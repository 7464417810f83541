"""The board pack on the demo database: ``python -m cscdash pack`` as the README types it, then every
file read back: names, slide order, commentary as plain text in all four files, RAG colours with words,
and no count of 1 to 5 anywhere (board mode, whatever the settings say)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from cscdash import board_sets, commentary, exception_reports
from cscdash.catalogue import load_catalogue
from tests.conftest import PROJECT_ROOT

HOSTILE = {
    "going_well": "<script>alert('x')</script> fewer re-referrals",
    "worried_about": "[link](javascript:alert(1))",
    "doing_about": '=HYPERLINK("http://example.invalid","click")',
}
MONTH = date(2026, 10, 31)
QUARTER = date(2026, 9, 30)
LA = "E06999999"


@pytest.fixture(scope="module")
def pack(demo_env, tmp_path_factory):
    """The pack for October 2026, written by the CLI with commentary and an approval in the store."""
    root = tmp_path_factory.mktemp("pack")
    db_path = root / "board.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], db_path)
    store = root / "board.store.sqlite"  # the store beside the database, as the app keeps it
    commentary.save(store, "rereferrals_12m_pct", LA, QUARTER, HOSTILE, "A. Analyst")
    out = root / "out"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root), "CSCDASH_MODE": "internal"}  # the pack forces board
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cscdash",
            "pack",
            "--db",
            str(db_path),
            "--out",
            str(out),
            "--month",
            "2026-10",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {"out": out, "stdout": done.stdout, "store": store, "db": db_path}


def _file(pack, suffix: str) -> Path:
    [path] = [p for p in pack["out"].iterdir() if p.name.endswith(suffix)]
    return path


def test_the_files_are_named_for_the_authority_month_and_synthetic(pack):
    names = sorted(p.name for p in pack["out"].iterdir())
    stem = "Wessex_Vale_Council_2026-10_board_pack_SYNTHETIC"
    assert names == [f"{stem}.pdf", f"{stem}.pptx", f"{stem}_data.xlsx", f"{stem}_scorecard.xlsx"]


def _slide_texts(path: Path) -> list[str]:
    slides = []
    for slide in Presentation(str(path)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        slides.append("\n".join(texts))
    return slides


def test_the_slides_run_title_scorecard_indicators_exceptions_definitions(pack):
    slides = _slide_texts(_file(pack, ".pptx"))
    headlines = [i.title for i in load_catalogue().headlines()]
    assert "SYNTHETIC DATA" in slides[0] and "October 2026" in slides[0]
    assert "Suppression: board mode" in slides[0]  # forced, although CSCDASH_MODE says internal
    scorecard = [n for n, s in enumerate(slides) if s.startswith("Scorecard")]
    assert scorecard[0] == 1
    firsts = [s.split("\n")[0] for s in slides]
    indicator_slides = [n for n, first in enumerate(firsts) if first in headlines]
    assert len(indicator_slides) == len(headlines)
    assert indicator_slides[0] == scorecard[-1] + 1
    assert firsts[-1].startswith("Definitions and sources")
    # one picture (the chart) on every indicator slide
    deck = Presentation(str(_file(pack, ".pptx")))
    for n in indicator_slides:
        assert sum(shape.shape_type == 13 for shape in deck.slides[n].shapes) == 1


def test_commentary_is_plain_text_in_the_slides(pack):
    slides = _slide_texts(_file(pack, ".pptx"))
    rereferrals = next(s for s in slides if s.startswith("Re-referrals within 12 months"))
    for text in HOSTILE.values():
        assert text in rereferrals


def test_the_pdf_has_every_indicator_page_and_escaped_commentary(pack):
    pdf = _file(pack, ".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    pages = text.split("\f")  # pdftotext separates pages with a form feed
    assert len([p for p in pages if p.strip()]) == count
    pages = pages[:count]
    assert "841.89 x 595.2" in info  # A4 landscape, in points
    slides = _slide_texts(_file(pack, ".pptx"))
    # the same order as the slides: a title page, the scorecard, one page per indicator, the exception
    # reports, definitions; each page numbered "Page n of N"
    headlines = [load_catalogue()[i].title for i in board_sets.headlines(load_catalogue())]
    firsts = [p.strip().split("\n")[0].strip() for p in pages]
    assert [f for f in firsts if f in headlines] == [
        s.split("\n")[0] for s in slides if s.split("\n")[0] in headlines
    ]
    assert len(pages) >= 3 + len(headlines)
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    assert "<script>alert('x')</script> fewer re-referrals" in text
    assert "[link](javascript:alert(1))" in text
    assert "SYNTHETIC DATA" in pages[0]


def test_the_scorecard_workbook_has_strings_colours_and_numbers(pack):
    book = openpyxl.load_workbook(_file(pack, "_scorecard.xlsx"))
    sheet = book["Scorecard"]
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Service")
    headers = [c.value for c in sheet[header_row]]
    assert sheet.freeze_panes == f"C{header_row + 1}"
    assert headers[:4] == ["Service", "Indicator", "Target", "Intervention level"]
    assert "RAG" in headers and "Direction of travel" in headers and "SN average" in headers
    rows = {sheet.cell(r, 2).value: r for r in range(header_row + 1, sheet.max_row + 1)}
    r = rows["Re-referrals within 12 months"]
    actions = sheet.cell(r, headers.index("Actions taken or planned") + 1)
    assert actions.value == HOSTILE["doing_about"] and actions.data_type == "s"  # a string, not a formula
    rag = sheet.cell(r, headers.index("RAG") + 1)
    fills = {"On target": "FFCCE2D8", "Short of target": "FFFFE9B3", "Beyond intervention level": "FFF6D7D2"}
    words = next(w for w in fills if w in rag.value)
    assert rag.fill.fgColor.rgb == fills[words]
    q2 = sheet.cell(r, headers.index("Q2 2026-27") + 1)
    assert isinstance(q2.value, float) and q2.number_format == '#,##0.0"%"'
    assert "Notes" in book.sheetnames
    # no suppressed count in any cell: a count-unit indicator's outturn is never 1 to 5
    catalogue = load_catalogue()
    units = {catalogue[i].title: catalogue[i].unit for i in catalogue.ids()}
    outturns = [n for n, h in enumerate(headers, start=1) if h.startswith(("Q", "Latest month"))]
    for row in range(header_row + 1, sheet.max_row + 1):
        if units.get(sheet.cell(row, 2).value) == "count":
            for col in outturns:
                value = sheet.cell(row, col).value
                assert not (isinstance(value, float) and 1 <= value <= 5), (row, col, value)


def test_no_count_of_one_to_five_in_the_data_behind_the_pack(pack):
    book = openpyxl.load_workbook(_file(pack, "_data.xlsx"))
    sheet = book["Figures"]
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Indicator id")
    headers = [c.value for c in sheet[header_row]]
    seen = 0
    for r in range(header_row + 1, sheet.max_row + 1):
        row = dict(zip(headers, (c.value for c in sheet[r]), strict=True))
        seen += 1
        for field in ("Numerator", "Denominator"):
            assert row[field] is None or row[field] == 0 or row[field] > 5, row
        if row["Suppressed"]:
            assert row["Numerator"] is None and row["Value"] is None and row["Shown as"] == "c", row
    assert seen == len(load_catalogue().headlines()) * 5  # four quarters and October


def test_an_exception_report_for_each_indicator_beyond_its_intervention_level(pack):
    slides = _slide_texts(_file(pack, ".pptx"))
    reports = [s for s in slides if s.startswith("Exception report: ")]
    scorecard = "\n".join(s for s in slides if s.startswith("Scorecard"))
    assert len(reports) == scorecard.count("Beyond intervention level")
    for report in reports:
        for field in ("Reason for level of performance", "Where the gap is", "Service head approval"):
            assert field in report


def test_approval_is_kept_and_the_latest_shown(tmp_path):
    store = tmp_path / "s.sqlite"
    exception_reports.approve(store, "cla_rate_per_10k", LA, QUARTER, "B. Head", date(2026, 10, 20))
    exception_reports.approve(store, "cla_rate_per_10k", LA, QUARTER, "C. Head", date(2026, 10, 22))
    table = exception_reports.approvals(store)
    assert table["approved_by"].tolist() == ["B. Head", "C. Head"]
    latest = exception_reports._approval(table, "cla_rate_per_10k", LA, QUARTER)  # noqa: SLF001
    assert latest is not None and latest.approved_by == "C. Head"


def test_running_orders_are_catalogue_indicators_and_can_be_saved(tmp_path):
    catalogue = load_catalogue()
    for name, ids in board_sets.shipped_sets().items():
        assert ids and all(i in catalogue for i in ids), name
    store = tmp_path / "s.sqlite"
    assert sorted(board_sets.running_order(catalogue, store)) == sorted(i.id for i in catalogue.headlines())
    board_sets.save_set(
        catalogue, store, "Improvement board", ["cla_rate_per_10k", "rereferrals_12m_pct"], "A"
    )
    assert board_sets.running_order(catalogue, store, "Improvement board") == [
        "cla_rate_per_10k",
        "rereferrals_12m_pct",
    ]
    with pytest.raises(ValueError, match="unknown: nope"):
        board_sets.save_set(catalogue, store, "Bad", ["nope"], "A")
    with pytest.raises(KeyError, match="no running order called"):
        board_sets.running_order(catalogue, store, "Missing")
