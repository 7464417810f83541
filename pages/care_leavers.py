"""Care leavers page: every catalogue indicator of the page as a card, then one indicator's trend, SPC,
breakdown, benchmark, definition and target on demand (cscdash.components.service_page)."""

from cscdash.components import service_page

service_page("care_leavers", "Care leavers")
