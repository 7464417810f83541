"""How a page is laid out: where it sits in the navigation and the headed sections its cards fall into.

Read from each catalogue file's ``navigation`` and ``sections`` blocks (``cscdash/catalogue/<page>.yml``), so
that a page is declared by data: the app's navigation, the tests that walk every page, the Definitions
page and the Overview read it from here, and adding a page needs no Python edit. Kept apart from the
indicator entries' loader (:mod:`cscdash.catalogue`), which calls these parsers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


class PageLayoutError(ValueError):
    """A catalogue file's navigation or sections block is wrong; the message names the file and the block."""


@dataclass(frozen=True)
class Section:
    """A headed group of a page's cards ("Placements and stability"), in display order."""

    title: str
    indicator_ids: tuple[str, ...]


@dataclass(frozen=True)
class Navigation:
    """Where a page sits in the app's navigation: its section heading, icon, URL and position."""

    section: str
    icon: str
    url_path: str
    position: int


PAGE_KEYS = {"page", "title", "indicators", "navigation", "sections"}
_URL_PATH = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def navigation(raw: Any, name: str) -> Navigation | None:
    """The page's place in the navigation; None for a catalogue file that is not a page of its own."""
    if raw is None:
        return None
    where = f"{name}, navigation"
    if not isinstance(raw, dict) or set(raw) != {"section", "icon", "url_path", "position"}:
        raise PageLayoutError(f"{where}: needs exactly section, icon, url_path and position")
    if not isinstance(raw["url_path"], str) or not _URL_PATH.match(raw["url_path"]):
        raise PageLayoutError(f"{where}: url_path must be lower-case letters, digits and hyphens")
    if not isinstance(raw["position"], int) or isinstance(raw["position"], bool):
        raise PageLayoutError(f"{where}: position must be a whole number (pages are sorted by it)")
    for key in ("section", "icon"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise PageLayoutError(f"{where}: {key} must be non-empty text")
    return Navigation(raw["section"].strip(), raw["icon"].strip(), raw["url_path"], raw["position"])


def sections(raw: Any, ids: list[str], name: str) -> tuple[Section, ...]:
    """The page's sections: every indicator in exactly one; none means one untitled section of all."""
    if raw is None:
        return (Section("", tuple(ids)),)
    if not isinstance(raw, list) or not raw:
        raise PageLayoutError(f"{name}: 'sections' must be a non-empty list")
    sections, placed = [], []
    for number, entry in enumerate(raw, start=1):
        where = f"{name}, section {number}"
        if not isinstance(entry, dict) or set(entry) != {"title", "indicators"}:
            raise PageLayoutError(f"{where}: a section has exactly a title and its indicators")
        members = entry["indicators"]
        if not isinstance(members, list) or not members:
            raise PageLayoutError(f"{where} ({entry.get('title')}): list at least one indicator")
        unknown = [m for m in members if m not in ids]
        if unknown:
            raise PageLayoutError(f"{where} ({entry['title']}): not an indicator of this page: {unknown}")
        placed += members
        sections.append(Section(str(entry["title"]).strip(), tuple(members)))
    twice = sorted({i for i in placed if placed.count(i) > 1})
    missing = [i for i in ids if i not in placed]
    if twice or missing:
        raise PageLayoutError(
            f"{name}: every indicator in exactly one section (twice: {twice}; in none: {missing})"
        )
    return tuple(sections)
