"""Reading CSV extracts as text, with the file-level checks every CSV gets.

Everything is read as text (``dtype=str``) so that nothing is guessed: ``007`` stays ``007`` and a
date stays as written until the field checks type it. Rows are numbered from 1 for the first data row
(the heading row is not counted), which is the ``source_row`` kept in the raw tables.

Councils save their CSVs however Excel or their case management system saves them: "CSV UTF-8" (with a
byte order mark), "CSV (Comma delimited)" (Windows-1252, so a ``£`` or ``é`` is one byte that is not
UTF-8) or "Unicode text" (UTF-16 with a byte order mark, TAB-separated). :func:`file_text` decides once per
file how it is encoded and delimited, and both the layout recognition (:func:`headings`) and the reader
(:func:`read_csv_text`) use that one decision, so a file is never recognised in one encoding and read in
another.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cscdash.extracts.problems import ERROR, WARNING, ProblemLog

#: Byte order marks and the encodings they announce; UTF-8 first (its mark is not a UTF-16 prefix).
BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
SAVE_AS = "save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8 (Comma delimited)) and load it again"
_QUOTED = re.compile(r'"[^"]*"')


@dataclass(frozen=True)
class FileText:
    """How one CSV file reads: the decision every reader of the file shares.

    ``text`` is None when the file cannot be decoded; ``problem`` then says why (an error), and ``head`` is
    the heading row decoded leniently, so the layout can still be recognised and the encoding error is
    the one reported. For a file read as Windows-1252, ``problem`` is the warning to record.
    """

    text: str | None
    encoding: str  # 'UTF-8', 'UTF-16LE', 'UTF-16BE' or 'Windows-1252' (the one tried, when undecodable)
    delimiter: str  # ',' or '\t'
    head: str  # the heading row
    problem: str = ""
    line: int | None = None  # the line of the first byte that is not in the expected encoding


def file_text(data: bytes) -> FileText:
    """Decide how ``data`` (a whole CSV file) is encoded, and decode it.

    A byte order mark is believed (UTF-8, UTF-16LE, UTF-16BE), and so is UTF-16 without one when the first
    character is an ASCII one stored in two bytes. Otherwise UTF-8; only when that fails Windows-1252,
    which decodes almost any bytes, so it is a fallback reported as a warning, never a silent guess. Bytes
    Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) after UTF-8 failed mean the file is
    neither, and it is refused.
    """
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, label, how="is marked as")
    if len(data) >= 2 and data[0] and not data[1]:
        return _strict(data, "utf-16-le", "UTF-16LE", how="looks like")
    if len(data) >= 2 and not data[0] and data[1]:
        return _strict(data, "utf-16-be", "UTF-16BE", how="looks like")
    try:
        return _decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        utf8_at = exc.start
    utf8_line = _line_of(data, utf8_at, "utf-8")
    first = f"byte {data[utf8_at]:#04x} on line {utf8_line}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start, "cp1252")
        which = (
            f"{first} is neither"
            if exc.start == utf8_at
            else f"{first} is not UTF-8, byte {data[exc.start]:#04x} on line {line} is not Windows-1252"
        )
        problem = f"the file is neither UTF-8 nor Windows-1252 ({which}); {SAVE_AS}"
        return _undecodable(data, "utf-8", "UTF-8", problem, utf8_line)
    problem = (
        f"the file is not UTF-8 ({first}) and was read as Windows-1252, the encoding of Excel's "
        '"CSV (Comma delimited)": check that £, é and other accented letters came through, and '
        "save it as CSV UTF-8 next time"
    )
    return _decoded(text, "Windows-1252", problem=problem, line=utf8_line)


def _strict(data: bytes, codec: str, label: str, *, how: str) -> FileText:
    """Decode in the encoding a byte order mark (or UTF-16's zero bytes) announced, or refuse the file."""
    try:
        return _decoded(data.decode(codec), label)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start, codec)
        reason = exc.reason
        if reason == "truncated data":
            reason = "it ends in half a character: an odd number of bytes"
        problem = f"the file {how} {label} but is not valid {label} ({reason}, on line {line}); {SAVE_AS}"
        return _undecodable(data, codec, label, problem, line)


def _decoded(text: str, label: str, problem: str = "", line: int | None = None) -> FileText:
    head = _first_line(text)
    return FileText(text, label, _delimiter(head), head, problem, line)


def _undecodable(data: bytes, codec: str, label: str, problem: str, line: int) -> FileText:
    head = _first_line(data.decode(codec, errors="replace"))
    return FileText(None, label, _delimiter(head), head, problem, line)


def _first_line(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


def _line_of(data: bytes, offset: int, codec: str) -> int:
    """The 1-based line (heading row = line 1) holding byte ``offset``; the bytes before it decode."""
    return data[:offset].decode(codec, errors="replace").count("\n") + 1


def _delimiter(head: str) -> str:
    """Comma or TAB, whichever separates more headings (quoted headings may hold commas)."""
    bare = _QUOTED.sub("", head)
    return "\t" if bare.count("\t") > bare.count(",") else ","


def read_file_text(path: Path) -> FileText:
    """:func:`file_text` of the file at ``path``."""
    return file_text(Path(path).read_bytes())


def decode(path: Path, log: ProblemLog) -> tuple[str, str] | None:
    """(text, delimiter) of the file, or None with an error when it is empty or undecodable.

    A file read as Windows-1252 is returned with a warning recorded, so the council knows to check its
    accented letters and save it as UTF-8.
    """
    name = Path(path).name
    decoded = read_file_text(path)
    if decoded.text is not None and not decoded.text.strip("\ufeff \r\n\t"):
        log.add(ERROR, "FILE_EMPTY", name, "the file is empty")
        return None
    if decoded.text is None:
        log.add(ERROR, "FILE_ENCODING", name, decoded.problem, row_ref=f"line {decoded.line}")
        return None
    if decoded.problem:
        log.add(WARNING, "FILE_ENCODING_CP1252", name, decoded.problem, row_ref=f"line {decoded.line}")
    return decoded.text, decoded.delimiter


def read_csv_text(path: Path, log: ProblemLog, no_rows: str = ERROR) -> pd.DataFrame | None:
    """All columns as trimmed text, headings trimmed, ``source_row`` added; None when unreadable or empty.

    ``no_rows`` is the severity of a heading row without data: an error for a file that is a whole return,
    a warning for one table of a return that may well be empty (no adoptions this year).
    """
    decoded = decode(path, log)
    if decoded is None:
        return None
    text, delimiter = decoded
    name = Path(path).name
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
        )
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
    """The heading row of a CSV (for recognising its layout), in the file's own encoding; [] if none.

    An undecodable file still gives its heading row (decoded leniently), so that it is recognised and
    its reader reports the encoding error with the line, rather than "unknown layout".
    """
    decoded = read_file_text(path)
    if not decoded.head.strip():
        return []
    return [h.strip() for h in next(csv.reader([decoded.head], delimiter=decoded.delimiter))]


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
