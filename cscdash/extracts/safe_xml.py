"""Reading XML returns safely.

An XML file can ask its reader to expand entities (the "billion laughs" attack) or to fetch external
files or URLs. A return never needs either, so we refuse any document that declares a DOCTYPE, and the
parser is told not to resolve entities, not to touch the network and not to load DTDs.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class UnsafeXML(ValueError):
    """The document declares a DOCTYPE or entities: refused, never resolved."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
    )


def parse(path: Path) -> etree._ElementTree:
    """Parse ``path``; raises UnsafeXML for a DOCTYPE/ENTITY and etree.XMLSyntaxError when malformed."""
    data = Path(path).read_bytes()
    if DOCTYPE.search(data):
        raise UnsafeXML("the file declares a DOCTYPE or entities, which returns never need: refused")
    tree = etree.ElementTree(etree.fromstring(data, parser=_parser()))
    if tree.docinfo.doctype:
        raise UnsafeXML("the file declares a DOCTYPE, which returns never need: refused")
    return tree


def head_text(path: Path, size: int = 8192) -> str:
    """The first bytes of a file as text, for recognising the layout without parsing it all."""
    with open(path, "rb") as fh:
        return fh.read(size).decode("utf-8", errors="replace")
