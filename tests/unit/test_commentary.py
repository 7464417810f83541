"""Commentary (cscdash.commentary): append-only versions in the app store, carried forward as a dated
draft, warnings for child-level detail, and text kept as the characters typed (never markup)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cscdash import commentary

IND, LA = "rereferrals_12m_pct", "E06000059"
AUG, SEP, OCT = date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31)


@pytest.fixture
def store(tmp_path):
    return tmp_path / "app.store.sqlite"


def _save(store, month, text, author="A. Analyst", at=datetime(2026, 9, 5, 10, 0), **more):
    return commentary.save(store, IND, LA, month, {"going_well": text, **more}, author, now=at)


def test_nothing_written_gives_an_empty_commentary_that_says_so(store):
    shown = commentary.in_force(store, IND, LA, SEP)
    assert shown.is_empty and shown.version_id is None and not shown.is_draft
    assert shown.status() == "No commentary has been written for this indicator yet."


def test_an_edit_is_a_new_version_and_the_history_keeps_both(store):
    first = _save(store, SEP, "Re-referrals fell.", at=datetime(2026, 10, 2, 9, 0))
    later = datetime(2026, 10, 3, 9, 0)
    second = _save(store, SEP, "Re-referrals fell for a third month.", author="B. Head", at=later)
    assert second > first
    shown = commentary.in_force(store, IND, LA, SEP)
    assert shown.going_well == "Re-referrals fell for a third month."
    assert shown.author == "B. Head" and shown.version_id == second and not shown.is_draft
    versions = commentary.history(store, IND, LA, SEP)
    assert versions["going_well"].tolist() == ["Re-referrals fell for a third month.", "Re-referrals fell."]
    assert versions["author"].tolist() == ["B. Head", "A. Analyst"]


def test_a_later_month_shows_the_last_text_as_a_dated_draft_until_its_own_is_written(store):
    _save(store, AUG, "August text.", worried_about="Agency staff.")
    october = commentary.in_force(store, IND, LA, OCT)
    assert october.is_draft and october.draft_from == AUG
    assert october.going_well == "August text." and october.worried_about == "Agency staff."
    assert "Draft carried forward from 31 Aug 2026" in october.status()
    _save(store, OCT, "October's own text.")
    assert not commentary.in_force(store, IND, LA, OCT).is_draft
    # September still shows August's draft (October's text is later, so it is not carried backwards)
    assert commentary.in_force(store, IND, LA, SEP).draft_from == AUG
    # another LA or indicator sees nothing
    assert commentary.in_force(store, IND, "E06000058", OCT).is_empty
    assert commentary.in_force(store, "cla_rate_per_10k", LA, OCT).is_empty


def test_an_author_and_some_text_are_required(store):
    with pytest.raises(ValueError, match="who is writing"):
        _save(store, SEP, "Text", author="  ")
    with pytest.raises(ValueError, match="at least one heading"):
        _save(store, SEP, "   ")
    assert commentary.history(store, IND, LA, SEP).empty


HOSTILE = [
    "<script>alert('x')</script>",
    "[link](javascript:alert(1))",
    '=HYPERLINK("http://example.invalid","click")',
    "**bold** _it_ <b>b</b> &amp;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_and_formulas_are_stored_as_the_characters_typed(store, text):
    _save(store, SEP, text)
    assert commentary.in_force(store, IND, LA, SEP).going_well == text


def test_plain_text_drops_control_characters_and_keeps_line_breaks():
    assert commentary.plain_text("a\x00b\x1b[31mc\r\nd\te ") == "ab[31mc\nd\te"
    assert len(commentary.plain_text("x" * 5000)) == commentary.MAX_CHARS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child AB12345 was seen late.", "identifier"),
        ("NHS 943 476 5919 recorded.", "NHS number"),
        ("Case 20240017 reopened.", "long number"),
        ("The child's date of birth is in March.", "date of birth"),
        ("Two of the three late visits were for Jack, 4, in the north.", "Jack ... 4"),
        ("There were 3 Smith children placed out of area.", "3 ... Smith"),
    ],
)
def test_child_level_detail_is_warned_about(text, expected):
    warnings = commentary.identifier_warnings(text)
    assert any(expected in w for w in warnings), warnings


@pytest.mark.parametrize(
    "text",
    [
        "Re-referrals fell to 18.2% in Q2, below the 20% target and England's 21.4%.",
        "In October 3 teams had vacancies above 20%; recruitment continues.",
        "We are worried about 45-day assessments: 83.1% against a target of 88.",
        "Ofsted visited in March 2026. Agency use is down to 12%.",
        "Browser test: =SUM(A1) stays text in the MASH sheet.",  # acronyms and cell names are not names
    ],
)
def test_ordinary_performance_commentary_is_not_warned_about(text):
    assert commentary.identifier_warnings(text) == []
