"""The yearly specifications of each return, read from the YAML files in ``specs/``.

The DfE changes the returns every year (new tables, new codes, a new sex coding). Those changes live in
the YAML files as data (a code list "from year Y"), so the checking code never branches on the year:
it asks :meth:`Spec.codes` for the list in force in a given collection year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

SPEC_DIR = Path(__file__).resolve().parent / "specs"


@dataclass(frozen=True)
class FieldSpec:
    """One column of one table."""

    name: str
    type: str = "text"  # id, text, date, partial_date, datetime, code, flag, bool, int, decimal
    required: bool = False
    codes: str | None = None
    range: tuple[float, float] | None = None
    max_length: int | None = None
    optional_column: bool = False
    rule: str | None = None  # DfE rule code whose wording reports an invalid value
    future_ok: bool = False  # a date that may lie after the collection year (UASC end, ICPC target)
    invalid: str = "error"  # severity of a value no year's list or type admits
    default: str | None = None  # the value of a blank cell or an absent column (local specs: team 'ALL')


@dataclass(frozen=True)
class TableSpec:
    """One table of a return: its natural key and fields."""

    name: str
    key: tuple[str, ...]
    fields: dict[str, FieldSpec]
    from_year: int = 2000
    columns: dict[str, str] = field(default_factory=dict)  # file heading -> field name (local files)
    duplicates: str = "error"  # severity of one key twice with different values in one return

    @property
    def file_columns(self) -> list[str]:
        """The headings the file uses (the field names unless ``columns`` renames them)."""
        reverse = {v: k for k, v in self.columns.items()}
        return [reverse.get(f, f) for f in self.fields]


@dataclass(frozen=True)
class Spec:
    """A whole return's specification."""

    name: str
    tables: dict[str, TableSpec]
    code_lists: dict[str, dict]
    date_formats: tuple[str, ...]
    raw: dict

    def codes(self, list_name: str, year: int) -> frozenset[str]:
        """The codes valid in collection ``year``: the list from the latest year not after it."""
        years = self.code_lists[list_name]["years"]
        eligible = [y for y in years if int(y) <= year] or [min(years, key=int)]
        return frozenset(str(c) for c in years[max(eligible, key=int)])

    def all_codes(self, list_name: str) -> frozenset[str]:
        """Every code the list has had in any year."""
        return frozenset(str(c) for codes in self.code_lists[list_name]["years"].values() for c in codes)

    def aliases(self, list_name: str) -> dict[str, str]:
        """Older spellings and their current code (e.g. SEX 1 -> M)."""
        return {str(k): str(v) for k, v in self.code_lists[list_name].get("aliases", {}).items()}


def field_spec(name: str, raw: dict) -> FieldSpec:
    """One field from its YAML mapping (type, required, codes, range, ...)."""
    rng = raw.get("range")
    return FieldSpec(
        name=name,
        type=raw.get("type", "text"),
        required=bool(raw.get("required", False)),
        codes=raw.get("codes"),
        range=tuple(rng) if rng else None,
        max_length=raw.get("max_length"),
        optional_column=bool(raw.get("optional_column", False)),
        rule=str(raw["rule"]) if raw.get("rule") else None,
        future_ok=bool(raw.get("future_ok", False)),
        invalid=raw.get("invalid", "error"),
        default=None if raw.get("default") is None else str(raw["default"]),
    )


@cache
def load_spec(name: str) -> Spec:
    """Read ``specs/<name>.yml`` (ssda903, cin_census, csww ...); local sources: cscdash.extracts.local."""
    raw = yaml.safe_load((SPEC_DIR / f"{name}.yml").read_text(encoding="utf-8"))
    tables = {
        tname: TableSpec(
            name=tname,
            key=tuple(t["key"]),
            fields={f: field_spec(f, spec) for f, spec in t["fields"].items()},
            from_year=int(t.get("from_year", 2000)),
            columns=dict(t.get("columns", {})),
            duplicates=t.get("duplicates", "error"),
        )
        for tname, t in raw["tables"].items()
    }
    return Spec(
        name=name,
        tables=tables,
        code_lists=raw.get("codes", {}),
        date_formats=tuple(raw.get("date_formats", ["%d/%m/%Y"])),
        raw=raw,
    )
