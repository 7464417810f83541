"""The app's pages, in navigation order. ``app.py`` builds ``st.navigation`` from :func:`pages` and the tests
walk it (AppTest and the browser), so a page added here is checked automatically.

Five pages have files of their own (the Overview, the quarterly scorecard, present mode, Data quality,
Definitions). Every service page is
declared by its catalogue file alone (``cscdash/catalogue/<page>.yml``: title, and a ``navigation`` block
with its section, icon, URL and position) and drawn by the one service-page component, so adding a page
is data plus one SQL file per indicator: no Python edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscdash.catalogue import Catalogue, load_catalogue
from cscdash.settings import PROJECT_ROOT

SUMMARY, BOARD, ABOUT = "Summary", "Board meetings", "About the data"


@dataclass(frozen=True)
class PageSpec:
    """One page of the dashboard: a page file, or a catalogue page drawn by the service-page component."""

    key: str  # the page's name (a catalogue page's key; a page file's stem)
    title: str  # shown as the page's h1 and in the navigation
    icon: str  # Material icon
    url_path: str
    section: str  # the navigation's section heading
    file: str | None = None  # path relative to the project root, for the pages with files of their own
    catalogue: str | None = None  # the catalogue page (cscdash/catalogue/<name>.yml) it draws its cards from
    shows_children: bool = False  # lists children: only in the navigation of roles that may see them

    @property
    def script(self) -> str:
        """A script that draws the page (for AppTest): the page file's text, or the service-page call."""
        if self.file is not None:
            return (PROJECT_ROOT / self.file).read_text(encoding="utf-8")
        return f"from cscdash.components import service_page\n\nservice_page({self.catalogue!r})\n"


OVERVIEW = PageSpec(
    "overview", "Overview", ":material/dashboard:", "overview", SUMMARY, file="pages/overview.py"
)
MY_TEAMS = PageSpec(
    "my_teams",
    "My teams",
    ":material/groups:",
    "my-teams",
    SUMMARY,
    file="pages/my_teams.py",
    shows_children=True,
)
PARTNERSHIP = PageSpec(
    "partnership", "Partnership", ":material/handshake:", "partnership", SUMMARY, file="pages/partnership.py"
)
BOARD_PAGES = (
    PageSpec(
        "scorecard",
        "Quarterly scorecard",
        ":material/table_chart:",
        "scorecard",
        BOARD,
        file="pages/scorecard.py",
    ),
    PageSpec("present", "Present mode", ":material/slideshow:", "present", BOARD, file="pages/present.py"),
)
AFTER = (
    PageSpec(
        "data_quality",
        "Data quality",
        ":material/fact_check:",
        "data-quality",
        ABOUT,
        file="pages/data_quality.py",
    ),
    PageSpec(
        "definitions",
        "Definitions",
        ":material/menu_book:",
        "definitions",
        ABOUT,
        file="pages/definitions.py",
    ),
)


def pages(catalogue: Catalogue | None = None) -> tuple[PageSpec, ...]:
    """The Overview, My teams and Partnership, then every catalogue page with a navigation block by its
    position, then the board pages (scorecard, present mode), then the pages about the data."""
    catalogue = catalogue or load_catalogue()
    declared = sorted(
        (p for p in catalogue.pages if p.navigation), key=lambda p: (p.navigation.position, p.key)
    )
    service = tuple(
        PageSpec(
            p.key, p.title, p.navigation.icon, p.navigation.url_path, p.navigation.section, catalogue=p.key
        )
        for p in declared
    )
    return (OVERVIEW, MY_TEAMS, PARTNERSHIP, *service, *BOARD_PAGES, *AFTER)


#: The pages of the shipped catalogue (tests and the app use this; a test may call pages() on another).
PAGES: tuple[PageSpec, ...] = pages()


def in_navigation_order(pages: tuple) -> list:
    """Catalogue pages in the order the navigation lists them (then any others by name)."""
    order = {spec.catalogue: n for n, spec in enumerate(PAGES) if spec.catalogue}
    return sorted(pages, key=lambda page: (order.get(page.key, len(order)), page.key))
