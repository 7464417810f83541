"""Problems found in extract files, and the report that lists them.

Every check in the loaders produces :class:`Problem` records rather than raising, so that one run reports
everything wrong with a set of files at once (a performance team fixes a return in one go, not one
error at a time). A problem names the file, the row (or XML element and line), the field, the value and
the rule, so the person who owns the source system can find it. Errors stop a load; warnings are loaded
and kept in ``load_problems`` for the Data quality page.

Where a rule is one of the DfE's own validation rules, the rule code and its wording come from the rule
list the DfE validator publishes (``specs/903_2024_25_rule_info.csv``), so messages match what the
performance team already sees in the DfE's tool.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path

import pandas as pd

ERROR = "error"
WARNING = "warning"
SPEC_DIR = Path(__file__).resolve().parent / "specs"
#: How many problems of one rule in one file and field are listed one by one; the rest are summarised.
MAX_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value, row or file."""

    severity: str  # 'error' | 'warning'
    rule: str  # DfE rule code (e.g. '103') or ours (e.g. 'FILE_EMPTY')
    file: str
    row_ref: str = ""  # 'row 12' (1-based data row, header excluded) or 'CHILD line 40' for XML
    field: str = ""
    value: str = ""
    message: str = ""

    @property
    def is_error(self) -> bool:
        """True when this problem stops the load."""
        return self.severity == ERROR

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.file, self.row_ref, self.field) if p)
        value = f" (value {self.value!r})" if self.value != "" else ""
        return f"{self.severity.upper()} [{self.rule}] {where}: {self.message}{value}"


@cache
def dfe_rule_messages() -> dict[str, str]:
    """DfE 903 rule code -> message, from the validator's published rule list (newest year wins)."""
    messages: dict[str, str] = {}
    for name in ("903_2023_24_rule_info.csv", "903_2024_25_rule_info.csv"):
        with open(SPEC_DIR / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                messages[row["Rule code"].strip()] = row["Rule message"].strip()
    return messages


def dfe_message(code: str, fallback: str) -> str:
    """The DfE's wording for ``code`` when it publishes one, else ``fallback``."""
    return dfe_rule_messages().get(code, fallback)


class ProblemLog:
    """Collects problems; the vectorised checks add many at once from a boolean mask."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(
        self,
        severity: str,
        rule: str,
        file: str,
        message: str,
        row_ref: str = "",
        field: str = "",
        value: object = "",
    ) -> None:
        """Record one problem."""
        self.items.append(Problem(severity, rule, file, row_ref, field, _text(value), message))

    def add_rows(
        self,
        severity: str,
        rule: str,
        file: str,
        message: str,
        row_refs: Iterable[object],
        field: str = "",
        values: Iterable[object] | None = None,
    ) -> None:
        """Record one problem per row; after MAX_LISTED rows the rest become one summary line."""
        refs = list(row_refs)
        vals = list(values) if values is not None else [""] * len(refs)
        for ref, val in zip(refs[:MAX_LISTED], vals[:MAX_LISTED], strict=False):
            self.items.append(Problem(severity, rule, file, _row_ref(ref), field, _text(val), message))
        if len(refs) > MAX_LISTED:
            more = len(refs) - MAX_LISTED
            self.items.append(
                Problem(
                    severity,
                    rule,
                    file,
                    f"{more} more rows",
                    field,
                    "",
                    f"{message} ({more} further rows not listed)",
                )
            )

    def extend(self, other: Iterable[Problem]) -> None:
        """Add problems found elsewhere."""
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a load."""
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are loaded and recorded."""
        return [p for p in self.items if not p.is_error]


def _row_ref(ref: object) -> str:
    """Rows are given as ints (CSV data rows) or ready-made strings (XML element and line)."""
    if isinstance(ref, str):
        return ref
    return f"row {int(ref)}"  # type: ignore[call-overload]


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return ""
    return str(value)


def format_text(problems: Iterable[Problem]) -> str:
    """A readable report: errors first, then warnings, one line each."""
    items = sorted(problems, key=lambda p: (not p.is_error, p.file))
    if not items:
        return "No problems found."
    n_err = sum(p.is_error for p in items)
    lines = [f"{n_err} error(s), {len(items) - n_err} warning(s)"]
    lines += [str(p) for p in items]
    return "\n".join(lines)


def format_csv(problems: Iterable[Problem]) -> str:
    """The same report as CSV (one row per problem) for a spreadsheet."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[f.name for f in fields(Problem)], lineterminator="\n")
    writer.writeheader()
    for p in problems:
        writer.writerow(asdict(p))
    return out.getvalue()


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as a DataFrame, the shape of the ``load_problems`` table (without load_id)."""
    cols = [f.name for f in fields(Problem)]
    return pd.DataFrame([asdict(p) for p in problems], columns=cols, dtype=object)
