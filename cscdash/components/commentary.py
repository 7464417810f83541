"""The commentary tab beside an indicator's chart: the three boxes boards read, a form to write them,
and every earlier version. The rules (versions, drafts, warnings, plain text): :mod:`cscdash.commentary`.

Text is shown with ``st.text``, which neither renders markdown nor HTML, so what someone typed is what
everyone reads."""

from __future__ import annotations

from datetime import date

import streamlit as st

from cscdash import commentary
from cscdash.catalogue import Indicator
from cscdash.roles import permissions
from cscdash.settings import Settings


def commentary_boxes(shown: commentary.Commentary) -> None:
    """The three headings with their text (plain), under a line saying who wrote it or that it is a draft."""
    if shown.is_draft:
        st.warning(shown.status())
    else:
        st.caption(shown.status())
    for heading, text in shown.texts().items():
        st.markdown(f"**{heading}**")
        st.text(text or "(nothing written)")


def commentary_panel(ind: Indicator, current: Settings, period_end: date) -> None:
    """The commentary of ``ind`` for the month shown, the form to write a new version, and the history."""
    la = current.la_code or ""
    shown = commentary.in_force(current.app_store, ind.id, la, period_end)
    commentary_boxes(shown)
    if not permissions(current.role).writes_commentary:
        st.caption(f"Commentary is written by managers and analysts; this session's role is {current.role}.")
    else:
        _form(ind, current, period_end, shown)
    versions = commentary.history(current.app_store, ind.id, la, period_end)
    with st.expander(f"Earlier versions ({len(versions)})"):
        if versions.empty:
            st.write("None yet.")
        else:
            shown_columns = {"period_end": "Month", "written_at": "Written", "author": "By"}
            shown_columns |= commentary.HEADINGS
            # st.dataframe shows cells as text: nothing in them is rendered
            table = versions.rename(columns=shown_columns)[list(shown_columns.values())]
            st.dataframe(table, hide_index=True)


def _form(ind: Indicator, current: Settings, period_end: date, shown: commentary.Commentary) -> None:
    """The form that saves a new version (drafted from the text shown)."""
    with st.form(f"commentary-{ind.id}-{period_end}"):
        st.caption(
            f"Commentary for {period_end:%-d %B %Y}. Saving adds a version; earlier ones are kept. "
            "Never write a child's name, id or anything that could identify a child."
        )
        texts = {
            field: st.text_area(heading, value=getattr(shown, field), max_chars=commentary.MAX_CHARS)
            for field, heading in commentary.HEADINGS.items()
        }
        author = st.text_input("Your name", key=f"commentary-author-{ind.id}")
        confirmed = st.checkbox("I have checked: no child-level detail", key=f"commentary-ok-{ind.id}")
        if st.form_submit_button("Save the commentary"):
            _save(ind, current, period_end, texts, author, confirmed)


def _save(
    ind: Indicator, current: Settings, period_end: date, texts: dict[str, str], author: str, confirmed: bool
) -> None:
    """Save unless the text looks like child-level detail and the writer has not confirmed it is not."""
    warnings = [w for text in texts.values() for w in commentary.identifier_warnings(text)]
    if warnings and not confirmed:
        st.error(
            "Not saved: this may identify a child. "
            + "; ".join(warnings)
            + ". Rewrite it, or tick the box if you are sure it does not."
        )
        return
    try:
        version = commentary.save(current.app_store, ind.id, current.la_code or "", period_end, texts, author)
    except ValueError as exc:
        st.error(str(exc))
    else:
        st.success(f"Saved (version {version}).")
