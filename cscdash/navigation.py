"""The app's pages: file, title and section. ``app.py`` builds ``st.navigation`` from this list and the
tests walk it, so a page added here is automatically checked by AppTest and the browser test."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page of the dashboard."""

    file: str  # path relative to the project root
    title: str  # shown as the page's h1 and in the navigation
    icon: str  # Material icon
    url_path: str
    section: str
    catalogue: str | None = None  # the catalogue YAML (cscdash/catalogue/<name>.yml) it draws its cards from


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", ":material/dashboard:", "overview", "Summary"),
    PageSpec(
        "pages/front_door.py", "Front door", ":material/door_front:", "front-door", "Services", "front_door"
    ),
    PageSpec(
        "pages/child_protection.py",
        "Child protection",
        ":material/shield:",
        "child-protection",
        "Services",
        "child_protection",
    ),
    PageSpec(
        "pages/children_in_care.py",
        "Children in care",
        ":material/home:",
        "children-in-care",
        "Services",
        "children_in_care",
    ),
    PageSpec(
        "pages/care_leavers.py",
        "Care leavers",
        ":material/school:",
        "care-leavers",
        "Services",
        "care_leavers",
    ),
    PageSpec("pages/workforce.py", "Workforce", ":material/groups:", "workforce", "Services", "workforce"),
    PageSpec(
        "pages/data_quality.py", "Data quality", ":material/fact_check:", "data-quality", "About the data"
    ),
    PageSpec("pages/definitions.py", "Definitions", ":material/menu_book:", "definitions", "About the data"),
)
