"""Overview page: every headline indicator by service, what needs attention first, distance travelled."""

from cscdash.components import overview_page

overview_page("Overview")
