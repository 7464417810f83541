"""Reading CSV extracts as text, with the file-level checks every CSV gets.

Everything is read as text (``dtype=str``) so that nothing is guessed: ``007`` stays ``007`` and a
date stays as written until the field checks type it. Rows are numbered from 1 for the first data row
(the heading row is not counted), which is the ``source_row`` kept in the raw tables.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from cscdash.extracts.problems import ERROR, ProblemLog


def decode(path: Path, log: ProblemLog) -> str | None:
    """The file's text (UTF-8, a BOM stripped), or None with a problem when empty or not UTF-8."""
    data = Path(path).read_bytes()
    name = Path(path).name
    if not data.strip(b"\xef\xbb\xbf \r\n\t"):
        log.add(ERROR, "FILE_EMPTY", name, "the file is empty")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        log.add(
            ERROR,
            "FILE_ENCODING",
            name,
            f"the file is not UTF-8 (byte {data[exc.start]:#x} on line {line}); save it as CSV UTF-8",
            row_ref=f"line {line}",
        )
        return None


def read_csv_text(path: Path, log: ProblemLog, no_rows: str = ERROR) -> pd.DataFrame | None:
    """All columns as trimmed text, headings trimmed, ``source_row`` added; None when unreadable or empty.

    ``no_rows`` is the severity of a heading row without data: an error for a file that is a whole return,
    a warning for one table of a return that may well be empty (no adoptions this year).
    """
    text = decode(path, log)
    if text is None:
        return None
    name = Path(path).name
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        log.add(ERROR, "FILE_MALFORMED", name, f"the file cannot be read as CSV: {exc}")
        return None
    df.columns = [str(c).strip() for c in df.columns]
    df = df.loc[:, [not c.startswith("Unnamed:") or df[c].str.strip().ne("").any() for c in df.columns]]
    rows = pd.Series(range(1, len(df) + 1), index=df.index)
    if len(df):
        filled = df.apply(lambda col: col.str.strip().ne("")).any(axis=1)
        df, rows = df[filled], rows[filled]
    if df.empty:
        log.add(no_rows, "FILE_NO_ROWS", name, "the file has a heading row but no data rows")
        return None
    df = df.assign(source_row=rows).reset_index(drop=True)
    return df


def headings(path: Path) -> list[str]:
    """The heading row of a CSV (for recognising its layout); [] if unreadable."""
    with open(path, "rb") as fh:
        first = fh.readline(1 << 16)
    text = first.decode("utf-8-sig", errors="replace").strip()
    if not text:
        return []
    return [str(h).strip() for h in pd.read_csv(io.StringIO(text), dtype=str, header=None).iloc[0].tolist()]


def align_columns(
    df: pd.DataFrame,
    expected: list[str],
    required: list[str],
    file: str,
    log: ProblemLog,
    allowed_extra: frozenset[str] = frozenset(),
) -> pd.DataFrame | None:
    """Rename headings to the specification's spelling, accepting a difference of case with a warning.

    Unknown headings are ignored with a warning; a missing required heading is an error (returns None).
    """
    from cscdash.extracts.problems import WARNING

    by_upper = {e.upper(): e for e in expected}
    rename = {}
    for col in df.columns:
        if col in ("source_row", "row_ref") or col in expected or col in allowed_extra:
            continue
        target = by_upper.get(col.upper())
        if target is not None and target not in df.columns:
            rename[col] = target
            log.add(
                WARNING,
                "HEADING_CASE",
                file,
                f"heading {col!r} taken as {target!r} (names are case-sensitive)",
                field=target,
            )
        else:
            log.add(
                WARNING,
                "HEADING_UNKNOWN",
                file,
                f"column {col!r} is not part of this layout and is ignored",
                field=col,
            )
    df = df.rename(columns=rename)
    missing = [c for c in required if c not in df.columns]
    for col in missing:
        log.add(
            ERROR,
            "MISSING_COLUMN",
            file,
            f"required column {col!r} is missing from the heading row",
            row_ref="heading row",
            field=col,
        )
    return None if missing else df
