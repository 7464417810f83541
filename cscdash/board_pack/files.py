"""Writing a board pack's files: the PowerPoint, the PDF, the Excel scorecard and the data, named for
the authority, the month and (for the demo) SYNTHETIC."""

from __future__ import annotations

import re
from pathlib import Path

from cscdash.board_pack.content import PackContent, Progress
from cscdash.board_pack.pdf import write_pdf
from cscdash.board_pack.slides import write_pptx
from cscdash.board_pack.workbooks import write_data, write_scorecard


def file_stem(content: PackContent) -> str:
    """'Wessex_Vale_2026-10_board_pack_SYNTHETIC': authority, month, and SYNTHETIC where it is."""
    authority = re.sub(r"[^A-Za-z0-9]+", "_", content.authority).strip("_")
    synthetic = "_SYNTHETIC" if content.synthetic else ""
    return f"{authority}_{content.period_end:%Y-%m}_board_pack{synthetic}"


def write_pack(content: PackContent, out_dir: Path, progress: Progress | None = None) -> dict[str, Path]:
    """Write the four files into ``out_dir`` (created if needed); returns them by kind."""
    tell = progress or (lambda _share, _text: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = file_stem(content)
    written = {}
    steps = [
        ("PowerPoint", f"{stem}.pptx", write_pptx),
        ("PDF", f"{stem}.pdf", write_pdf),
        ("Scorecard", f"{stem}_scorecard.xlsx", write_scorecard),
        ("Data", f"{stem}_data.xlsx", write_data),
    ]
    for n, (kind, name, write) in enumerate(steps):
        tell(n / len(steps), f"Writing the {kind.lower()}")
        written[kind] = write(content, out_dir / name)
    tell(1.0, "Pack written")
    return written
