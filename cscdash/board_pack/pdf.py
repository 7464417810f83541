"""The board pack as a PDF (weasyprint, from ``templates/pack.html``): A4 landscape, page numbers, the
same order as the PowerPoint.

The template is rendered by Jinja2 with autoescaping on, so every piece of text (commentary above all)
becomes an escaped HTML text node: ``<script>`` prints as those characters and nothing is a link.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML

from cscdash.board_pack.content import NOT_IN_TABLES, PackContent

TEMPLATES = Path(__file__).resolve().parent / "templates"
_UNSAFE_IN_CSS = re.compile(r"[\"'\\<>&{}]")


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def pack_html(content: PackContent) -> str:
    """The pack as one HTML document (what the PDF is printed from)."""
    footer = (
        f"{'SYNTHETIC DATA · ' if content.synthetic else ''}{content.authority} · {content.period_end:%B %Y}"
    )
    footer = _UNSAFE_IN_CSS.sub("", f"{footer} · {content.mode_statement}")
    columns = [c for c in content.scorecard.columns if c not in NOT_IN_TABLES]
    rows = content.scorecard.to_dict("records")
    pages = [
        {
            "title": item.row.indicator.title,
            "chart": base64.b64encode(item.chart_png).decode("ascii") if item.chart_png else None,
            "alt": item.chart_alt,
            "message": item.message,
            "figure": item.figure_words,
            "rag": item.rag_words,
            "spc": item.spc_words,
            "comparison": item.comparison_words,
            "status": item.row.notes.status()
            if item.row.notes.is_draft or item.row.notes.version_id is None
            else "",
            "notes": list(item.row.notes.texts().items()),
        }
        for item in content.pages
    ]
    charts = {page["title"]: page["chart"] for page in pages}
    exceptions = [
        {
            "title": report.row.indicator.title,
            "fields": list(report.fields.items()),
            "chart": charts.get(report.row.indicator.title),
        }
        for report in content.exceptions
    ]
    return (
        _environment()
        .get_template("pack.html")
        .render(
            content=content,
            footer=footer,
            scorecard_columns=columns,
            scorecard_rows=rows,
            pages=pages,
            exceptions=exceptions,
            definition_columns=list(content.definitions.columns),
            definitions=content.definitions.to_dict("records"),
        )
    )


def write_pdf(content: PackContent, path: Path) -> Path:
    """Write the pack as an A4 landscape PDF at ``path``."""
    HTML(string=pack_html(content), base_url=str(TEMPLATES)).write_pdf(str(path))
    return path
