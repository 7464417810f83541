"""SQL statement templates (``cscdash/sql_templates/*.sql``) filled with checked identifiers.

The SQL lives in the template files; Python only names the table (and, for a local source's raw table, the
column list built from its specification). Every name is checked against :data:`IDENTIFIER` before it is
filled in, so a specification can never smuggle SQL into a statement.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "sql_templates"
#: A name the loader writes into SQL: lower-case letters, digits and underscores, starting with a letter.
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


class UnsafeIdentifier(ValueError):
    """A table or column name that is not a plain lower-case identifier."""


def identifier(name: str) -> str:
    """``name`` itself when it is a safe identifier, else :class:`UnsafeIdentifier`."""
    if not isinstance(name, str) or not IDENTIFIER.match(name):
        raise UnsafeIdentifier(f"not a safe identifier: {name!r}")
    return name


def fill(template: str, *, identifiers: dict[str, str], fragments: dict[str, str] | None = None) -> str:
    """The text of ``sql_templates/<template>.sql`` with ``{key}`` replaced: ``identifiers`` are checked one
    by one; ``fragments`` are pieces the caller built from checked identifiers and fixed words only."""
    text = (TEMPLATES_DIR / f"{template}.sql").read_text(encoding="utf-8")
    values = {key: identifier(value) for key, value in identifiers.items()}
    values.update(fragments or {})
    for key, value in values.items():  # str.replace, not format: a template may hold braces
        text = text.replace("{" + key + "}", value)
    return text
