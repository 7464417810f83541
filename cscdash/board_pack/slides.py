"""The board pack as PowerPoint (python-pptx): title, scorecard, one slide per indicator, exception
reports, definitions and sources.

Every piece of text is a plain text run (python-pptx never interprets it), so commentary stays the
characters people typed. Type is at least 12 pt on a 13.3 x 7.5 inch slide, legible when shared.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from cscdash.board_pack.content import NOT_IN_TABLES, IndicatorPage, PackContent, commentary_headings

WIDE, HIGH = Inches(13.333), Inches(7.5)
NAVY, GREY_TEXT = RGBColor(0x0B, 0x0C, 0x0C), RGBColor(0x50, 0x5A, 0x5F)
#: RAG fills (light, so black words on them pass contrast), by targets.Rag.status.
RAG_FILL = {
    "green": RGBColor(0xCC, 0xE2, 0xD8),
    "amber": RGBColor(0xFF, 0xE9, 0xB3),
    "red": RGBColor(0xF6, 0xD7, 0xD2),
    "grey": RGBColor(0xE5, 0xE6, 0xE7),
}
SCORECARD_ROWS_PER_SLIDE = 6
#: Scorecard column widths (inches) by heading; the outturn and other columns share what is left.
SCORECARD_WIDTHS = {"Service": 1.1, "Indicator": 2.5, "RAG": 1.15, "Direction of travel": 1.1}
DEFINITIONS_PER_SLIDE = 4


def _text(slide, left, top, width, height, text: str, size: int = 14, bold: bool = False, colour=NAVY):
    """A text box with one paragraph per line of ``text``."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for n, line in enumerate(str(text).split("\n")):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
    return box


def _footer(slide, content: PackContent, page: int) -> None:
    synthetic = "SYNTHETIC DATA · " if content.synthetic else ""
    line = f"{synthetic}{content.authority} · {content.period_end:%B %Y} · {content.mode_statement} · {page}"
    _text(slide, Inches(0.4), Inches(7.0), Inches(12.5), Inches(0.4), line, size=12, colour=GREY_TEXT)


def _table(
    slide,
    frame: pd.DataFrame,
    top,
    height,
    size: int = 12,
    rag: pd.Series | None = None,
    width=None,
    widths: dict[str, float] | None = None,
) -> None:
    """A table of text cells; ``rag`` (a status per row) colours the 'RAG' column."""
    rows, cols = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, cols, Inches(0.4), top, width or Inches(12.5), height)
    table = shape.table
    for c, name in enumerate(frame.columns):
        table.cell(0, c).text = str(name)
    for r, record in enumerate(frame.itertuples(index=False), start=1):
        for c, value in enumerate(record):
            cell = table.cell(r, c)
            cell.text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            if rag is not None and frame.columns[c] == "RAG":
                cell.fill.solid()
                cell.fill.fore_color.rgb = RAG_FILL[str(rag.iloc[r - 1])]
    if widths:
        fixed = sum(widths.get(str(c), 0) for c in frame.columns)
        rest = [c for c in frame.columns if str(c) not in widths]
        total = (width or Inches(12.5)) / Inches(1)
        share = (total - fixed) / len(rest) if rest else 0
        for c, name in enumerate(frame.columns):
            table.columns[c].width = Inches(widths.get(str(name), share))
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.color.rgb = NAVY


def _chunks(frame: pd.DataFrame, size: int) -> Sequence[pd.DataFrame]:
    return [frame.iloc[i : i + size] for i in range(0, max(len(frame), 1), size)]


def _title_slide(prs, content: PackContent) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, Inches(0.8), Inches(2.0), Inches(11.5), Inches(1.5), content.title, size=36, bold=True)
    lines = [f"Running order: {content.set_name}", f"Scorecard quarter: {content.quarter_label}"]
    if content.synthetic:
        lines.insert(0, "SYNTHETIC DATA: not a real authority's figures")
    lines.append(content.mode_statement)
    _text(slide, Inches(0.8), Inches(3.8), Inches(11.5), Inches(2.5), "\n".join(lines), size=20)


def _scorecard_slides(prs, content: PackContent, page: int) -> int:
    free_text = ["Reason for level of performance", "Actions taken or planned"]
    shown = content.scorecard.drop(columns=[*free_text, *NOT_IN_TABLES])
    # "Latest month (Oct 2026)" -> "Oct 2026": the narrow outturn columns keep one line each
    shown = shown.rename(columns=lambda c: c.removeprefix("Latest month (").removesuffix(")"))
    colours = content.scorecard["RAG status"]
    parts = _chunks(shown, SCORECARD_ROWS_PER_SLIDE)
    for n, part in enumerate(parts, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        more = f" ({n} of {len(parts)})" if len(parts) > 1 else ""
        _text(
            slide, Inches(0.4), Inches(0.3), Inches(12.5), Inches(0.7), f"Scorecard{more}", size=28, bold=True
        )
        _table(
            slide,
            part,
            Inches(1.1),
            Inches(0.6) * (len(part) + 1),
            size=11,
            rag=colours.loc[part.index],
            widths=SCORECARD_WIDTHS,
        )
        page += 1
        _footer(slide, content, page)
    return page


def _indicator_slide(prs, content: PackContent, item: IndicatorPage, page: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    ind = item.row.indicator
    _text(slide, Inches(0.4), Inches(0.25), Inches(12.5), Inches(0.7), ind.title, size=28, bold=True)
    if item.message:
        _text(slide, Inches(0.4), Inches(0.9), Inches(12.5), Inches(0.5), item.message, size=16, bold=True)
    if item.chart_png:
        picture = slide.shapes.add_picture(
            io.BytesIO(item.chart_png), Inches(0.4), Inches(1.45), width=Inches(6.6)
        )
        picture.name = item.chart_alt
    else:
        _text(slide, Inches(0.4), Inches(1.0), Inches(7.6), Inches(1), "No figures to chart.", size=16)
    facts = "\n".join([item.figure_words, "", item.rag_words, "", item.spc_words, "", item.comparison_words])
    _text(slide, Inches(7.4), Inches(1.45), Inches(5.5), Inches(3.6), facts, size=14)
    notes = item.row.notes
    texts = list(notes.texts().values())
    for n, heading in enumerate(commentary_headings()):
        left = Inches(0.4 + n * 4.2)
        _text(slide, left, Inches(5.35), Inches(4.0), Inches(0.4), heading, size=14, bold=True)
        _text(slide, left, Inches(5.7), Inches(4.0), Inches(1.3), texts[n] or "(nothing written)", size=12)
    if notes.is_draft or notes.version_id is None:
        _text(
            slide,
            Inches(7.4),
            Inches(4.75),
            Inches(5.5),
            Inches(0.5),
            notes.status(),
            size=12,
            colour=GREY_TEXT,
        )
    _footer(slide, content, page)


def _exception_slides(prs, content: PackContent, page: int) -> int:
    """One slide per exception report: its fields beside the indicator's chart ("see chart")."""
    charts = {item.row.indicator.id: item.chart_png for item in content.pages}
    for report in content.exceptions:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        title = f"Exception report: {report.row.indicator.title}"
        _text(slide, Inches(0.4), Inches(0.25), Inches(12.5), Inches(0.7), title, size=26, bold=True)
        frame = pd.DataFrame({"Field": list(report.fields), "": list(report.fields.values())})
        png = charts.get(report.row.indicator.id)
        width = Inches(7.4) if png else Inches(12.5)
        _table(slide, frame, Inches(1.0), Inches(5.6), size=12, width=width, widths={"Field": 2.4})
        if png:
            slide.shapes.add_picture(io.BytesIO(png), Inches(8.0), Inches(1.0), width=Inches(5.0))
        page += 1
        _footer(slide, content, page)
    return page


def _definition_slides(prs, content: PackContent, page: int) -> int:
    parts = _chunks(content.definitions, DEFINITIONS_PER_SLIDE)
    for n, part in enumerate(parts, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        more = f" ({n} of {len(parts)})" if len(parts) > 1 else ""
        _text(
            slide,
            Inches(0.4),
            Inches(0.25),
            Inches(12.5),
            Inches(0.7),
            f"Definitions and sources{more}",
            size=26,
        )
        _table(slide, part, Inches(1.0), Inches(5.6), size=12, widths={"Indicator": 2.6, "Definition": 6.0})
        page += 1
        _footer(slide, content, page)
    return page


def write_pptx(content: PackContent, path: Path) -> Path:
    """Write the pack as a 16:9 PowerPoint at ``path``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDE), Emu(HIGH)
    prs.core_properties.title = content.title
    _title_slide(prs, content)
    page = _scorecard_slides(prs, content, 1)
    for item in content.pages:
        page += 1
        _indicator_slide(prs, content, item, page)
    page = _exception_slides(prs, content, page)
    _definition_slides(prs, content, page)
    prs.save(str(path))
    return path
