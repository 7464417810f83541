"""The Making Data Count variation and assurance icons, as small inline SVGs for the cards."""

from __future__ import annotations

from cscdash.charts.style import SPC_COLOURS
from cscdash.spc import ASSURANCE_LABELS, VARIATION_LABELS

#: Ring colour and letter of each variation icon (MDC: grey common cause, blue improving, orange
#: concerning, purple neither; H/L = higher/lower).
VARIATION_ICON = {
    "common_cause": (SPC_COLOURS["common_cause"], ""),
    "special_cause_improving_high": (SPC_COLOURS["improvement"], "H"),
    "special_cause_improving_low": (SPC_COLOURS["improvement"], "L"),
    "special_cause_concerning_high": (SPC_COLOURS["concern"], "H"),
    "special_cause_concerning_low": (SPC_COLOURS["concern"], "L"),
    "special_cause_neither_high": (SPC_COLOURS["neither"], "H"),
    "special_cause_neither_low": (SPC_COLOURS["neither"], "L"),
    "insufficient_data": ("#BFBFBF", "?"),
}
#: Assurance: P = consistently pass (blue), F = consistently fail (orange), ? = hit or miss (grey).
ASSURANCE_ICON = {
    "consistently_pass": (SPC_COLOURS["improvement"], "P"),
    "consistently_fail": (SPC_COLOURS["concern"], "F"),
    "hit_or_miss": (SPC_COLOURS["common_cause"], "?"),
}


def _icon_svg(colour: str, letter: str, label: str, size: int) -> str:
    mark = (
        f'<text x="24" y="31" text-anchor="middle" font-family="Arial" font-size="20" '
        f'font-weight="bold" fill="{colour}">{letter}</text>'
        if letter
        else f'<path d="M10 26 L18 20 L24 28 L30 18 L38 24" fill="none" stroke="{colour}" stroke-width="3"/>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 48 48" '
        f'role="img" aria-label="{label}"><title>{label}</title>'
        f'<circle cx="24" cy="24" r="21" fill="white" stroke="{colour}" stroke-width="4"/>{mark}</svg>'
    )


def variation_icon_svg(code: str, size: int = 48) -> str:
    """A small circular icon for a variation code (spc.VARIATION_LABELS), labelled for screen readers."""
    colour, letter = VARIATION_ICON[code]
    return _icon_svg(colour, letter, VARIATION_LABELS[code], size)


def assurance_icon_svg(code: str, size: int = 48) -> str:
    """A small circular icon for an assurance code (spc.ASSURANCE_LABELS), labelled for screen readers."""
    colour, letter = ASSURANCE_ICON[code]
    return _icon_svg(colour, letter, ASSURANCE_LABELS[code], size)
