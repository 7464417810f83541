"""Partnership: every loaded authority side by side for one indicator and month, with the partnership's
own total (pooled from the authorities' numerators and denominators) and its SPC chart."""

from cscdash import components

components.partnership_page()
