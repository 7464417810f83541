"""Children's social work workforce census (CSWW): the XML return and its CSV forms.

The XML (``Message > Header / LALevelVacancies / CSWWWorker*``) holds one LA-level row and one row
per worker; the CSV forms are ``csww_worker_<YYYY>.csv`` and ``csww_la_<YYYY>.csv`` with the same field
names. The census year is named by its 30 September snapshot. The monthly establishment extract is
a local file (see :mod:`cscdash.extracts.local`).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from lxml import etree

from cscdash.extracts.cin_census import CensusReturn
from cscdash.extracts.spec import load_spec


def header_year(root: etree._Element) -> tuple[int | None, str]:
    """The census year from the header: the ReferenceDate's year (30 September), else the Year element."""
    ref = (root.findtext("Header/CollectionDetails/ReferenceDate") or "").strip()
    try:
        return date.fromisoformat(ref[:10]).year, f"ReferenceDate {ref} in the file header"
    except ValueError:
        year = (root.findtext("Header/CollectionDetails/Year") or "").strip()
        return (int(year), f"Year {year} in the file header") if year.isdigit() else (None, "")


def read_xml(tree: etree._ElementTree) -> CensusReturn:
    """The census as text tables ``worker`` and ``la`` (same container as the CIN reader returns)."""
    root = tree.getroot()
    spec = load_spec("csww")
    la_number = (root.findtext("Header/Source/LEA") or "").strip() or None
    year, note = header_year(root)
    tables: dict[str, pd.DataFrame] = {}
    for table, tag in (("worker", "CSWWWorker"), ("la", "LALevelVacancies")):
        names = list(spec.tables[table].fields)
        rows = [
            {
                **{n: (el.findtext(n) or "") for n in names},
                "source_row": el.sourceline,
                "row_ref": f"{tag} line {el.sourceline}",
            }
            for el in root.iterfind(tag)
        ]
        if rows:
            tables[table] = pd.DataFrame(rows, dtype=object)
    return CensusReturn(la_number=la_number, year=year, year_note=note, tables=tables)
