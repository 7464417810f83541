"""Commentary: what a service writes about one indicator and month, under the three headings boards use.

Monthly performance boards ask three questions of every area (``../shared/domain/board_practice.md``):
what's going well, what are we worried about, what are we doing about it. The answers are written beside
the indicator's chart, kept in the app store (:mod:`cscdash.app_store`, so no load of the extracts
touches them), and carried into the board pack and the scorecard.

Rules kept here, in one place, so every output follows them:

- Append-only. Saving is adding a version; the text in force for a month is its latest version, and the
  whole history stays viewable.
- Carried forward. A month with no text of its own shows the latest earlier month's text as a *draft*,
  visibly dated ("draft carried forward from 31 Aug 2026"), until someone writes the month's own.
- No child-level detail. :func:`identifier_warnings` looks for what could identify a child (an id-like
  token, an NHS number or UPN shape, a date of birth, a name next to a small number); the app asks the
  writer to confirm before it saves text that trips one.
- Plain text everywhere. Commentary is never rendered as HTML, markdown or a spreadsheet formula:
  :func:`plain_text` removes control characters and every output writes it as literal text (``st.text``
  in the app, a text run in PowerPoint, an escaped HTML text node in the PDF, ``write_string`` in Excel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from cscdash import app_store

#: The three headings, in the order boards read them, and the store's field for each.
HEADINGS: dict[str, str] = {
    "going_well": "What's going well",
    "worried_about": "What are we worried about",
    "doing_about": "What are we doing about it",
}
#: The longest text one heading takes (a board paper's box, not an essay).
MAX_CHARS = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Shapes of identifiers: a token mixing letters and digits of 6 or more characters (a CHILD or
#: LAchildID), a UPN (a letter, 11 digits and a letter or digit), an NHS number (3-3-4 digits), and a
#: run of 6 or more digits.
_ID_SHAPES = (
    ("an identifier", re.compile(r"\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,}\b")),
    ("an NHS number", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")),
    ("a long number", re.compile(r"\b\d{6,}\b")),
)
_DATE_OF_BIRTH = re.compile(r"\b(born|dob|d\.o\.b\.?|date of birth)\b", re.IGNORECASE)
#: A capitalised word (a possible name) within three words of a number of 5 or fewer: "Jack, 4",
#: "3 Smith children", "Ava (aged 2)". Common capitalised words of performance commentary are not names.
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:\.\d+)?%?")
#: A name's shape: a capital then lower-case letters ("Jack", "O'Neill"); acronyms (SUM, MASH) are not names.
_NAME = re.compile(r"[A-Z][a-z][A-Za-z'-]*")
_NOT_NAMES = {
    "a", "an", "the", "we", "our", "this", "that", "these", "there", "it", "in", "on", "of", "for", "and",
    "but", "as", "at", "by", "to", "is", "are", "was", "were", "q", "quarter", "ofsted", "england",
    "region", "mash", "cin", "cp", "cpp", "cla", "icpc", "rcpc", "s47", "iro", "eet", "sw", "sn", "la",
    "dfe", "nhs", "ssda903", "rag", "spc", "team", "teams", "service", "services", "board", "council",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "early", "help", "family", "children",
    "child", "social", "care", "leavers", "leaver", "plan", "plans", "court", "police", "health",
    "education", "school", "schools", "north", "south", "east", "west", "central", "locality", "week",
    "weeks", "month", "months", "year", "years", "days", "day", "per", "cent", "target", "what", "why",
}  # fmt: skip


@dataclass(frozen=True)
class Commentary:
    """The commentary shown for one indicator, LA and month end.

    ``draft_from`` is the month end the text was written for when it is carried forward from an earlier
    month (a draft), else None; ``version_id`` is None when nobody has written anything yet.
    """

    indicator_id: str
    la_code: str
    period_end: date
    going_well: str = ""
    worried_about: str = ""
    doing_about: str = ""
    author: str = ""
    written_at: datetime | None = None
    version_id: int | None = None
    draft_from: date | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.going_well or self.worried_about or self.doing_about)

    @property
    def is_draft(self) -> bool:
        return self.draft_from is not None

    def texts(self) -> dict[str, str]:
        """Heading -> text, in the boards' order."""
        return {HEADINGS[field]: getattr(self, field) for field in HEADINGS}

    def status(self) -> str:
        """One line a reader sees above the text: who wrote it and when, or that it is a draft."""
        if self.version_id is None:
            return "No commentary has been written for this indicator yet."
        written = f"{self.author}, {self.written_at:%-d %b %Y %H:%M}" if self.written_at else self.author
        if self.draft_from is not None:
            since = f"{self.draft_from:%-d %b %Y}"
            return f"Draft carried forward from {since} ({written}): not yet reviewed for this month."
        return f"Written by {written}."


def plain_text(text: object) -> str:
    """Commentary as it is stored and shown: a string, control characters removed, line ends kept,
    surrounding space trimmed, at most MAX_CHARS characters. Nothing is interpreted: ``<script>``,
    ``[link](javascript:...)`` and ``=HYPERLINK(...)`` stay the characters they are."""
    cleaned = _CONTROL.sub("", str(text or "")).replace("\r\n", "\n").replace("\r", "\n")
    return cleaned.strip()[:MAX_CHARS]


def identifier_warnings(text: str) -> list[str]:
    """What in ``text`` looks like child-level detail, one sentence each (empty when nothing does).

    A heuristic, tuned to warn rather than miss: the writer confirms or rewrites. Figures of the
    indicator itself (percentages, counts over 5, dates of a month) do not trip it.
    """
    found: list[str] = []
    for label, shape in _ID_SHAPES:
        match = shape.search(text)
        if match:
            found.append(f"'{match.group(0)}' looks like {label} (a child's id, NHS number or UPN?)")
    if _DATE_OF_BIRTH.search(text):
        found.append("it mentions a date of birth")
    name = _name_near_small_number(text)
    if name:
        found.append(f"'{name}' looks like a name next to a number of 5 or fewer (small groups identify)")
    return found


def _name_near_small_number(text: str) -> str | None:
    """The first capitalised word (not a common word of commentary) within three words of a whole number
    from 0 to 5, or None."""
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    for i, (word, start) in enumerate(words):
        if not (word.isdigit() and int(word) <= 5):
            continue
        for other, at in words[max(0, i - 3) : i + 4]:
            if _NAME.fullmatch(other) and other.lower() not in _NOT_NAMES and not _sentence_start(text, at):
                return f"{other} ... {word}" if at < start else f"{word} ... {other}"
    return None


def _sentence_start(text: str, at: int) -> bool:
    """True when the word at ``at`` begins the text or a sentence (a capital there is not a name)."""
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?:\n"


def save(
    store: str | Path,
    indicator_id: str,
    la_code: str,
    period_end: date,
    texts: dict[str, str],
    author: str,
    now: datetime | None = None,
) -> int:
    """Add a version of the commentary for one indicator, LA and month end; returns its version_id.

    ``texts`` maps the fields of :data:`HEADINGS` to text (missing ones are empty). The author is
    required: a board paper says who wrote it.
    """
    author = plain_text(author)
    if not author:
        raise ValueError("Say who is writing the commentary (your name).")
    entry = {field: plain_text(texts.get(field, "")) for field in HEADINGS}
    if not any(entry.values()):
        raise ValueError("Write something under at least one heading.")
    written_at = (now or datetime.now()).replace(microsecond=0)
    return app_store.add_commentary(
        store,
        {
            **entry,
            "indicator_id": indicator_id,
            "la_code": la_code,
            "period_end": period_end,
            "author": author,
            "written_at": written_at.isoformat(sep=" "),
        },
    )


def history(store: str | Path, indicator_id: str, la_code: str, period_end: date) -> pd.DataFrame:
    """Every version written for this indicator and LA up to ``period_end``, newest first."""
    return app_store.commentary_versions(store, indicator_id, la_code, period_end)


def in_force(store: str | Path, indicator_id: str, la_code: str, period_end: date) -> Commentary:
    """The commentary shown for a month: its own latest version, else the latest earlier month's as a
    dated draft, else an empty one."""
    versions = history(store, indicator_id, la_code, period_end)
    if versions.empty:
        return Commentary(indicator_id, la_code, period_end)
    latest = versions.iloc[0]
    month = latest["period_end"]
    return Commentary(
        indicator_id=indicator_id,
        la_code=la_code,
        period_end=period_end,
        going_well=str(latest["going_well"]),
        worried_about=str(latest["worried_about"]),
        doing_about=str(latest["doing_about"]),
        author=str(latest["author"]),
        written_at=pd.Timestamp(latest["written_at"]).to_pydatetime(),
        version_id=int(latest["version_id"]),
        draft_from=None if month == period_end else month,
    )
