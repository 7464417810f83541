"""The target tab (the target in force and a form for analysts to change it) and the audit log of
target changes on the Data quality page. The targets themselves: :mod:`cscdash.targets`."""

from __future__ import annotations

from datetime import date

import streamlit as st

from cscdash import cache, indicator_summary, targets
from cscdash.catalogue import Indicator
from cscdash.components.frame import Selection
from cscdash.roles import permissions
from cscdash.settings import Settings


def target_editor(ind: Indicator, current: Settings, selection: Selection) -> None:
    """The target in force and a form for analysts to change it; each change is kept in the database
    with who, when and why (the audit log on the Data quality page)."""
    stored = cache.stored_targets(cache.database(current), str(current.app_store))
    target = indicator_summary.target_in_force(ind, stored, selection.period_end)
    if target is None:
        st.write("No target is set for this indicator.")
    else:
        band = f" to {target.target_upper:g}" if target.target_upper is not None else ""
        st.write(
            f"Target {target.target:g}{band}, intervention level {target.intervention:g}"
            + (f" to {target.intervention_upper:g}" if target.intervention_upper is not None else "")
            + f", from {target.from_date:%-d %b %Y}. Source: {target.source}"
        )
    if not permissions(current.role).edits_targets:
        st.caption(f"Targets are changed by analysts; this session's role is {current.role}.")
        return
    with st.expander("Change the target (analysts)"), st.form(f"target-form-{ind.id}"):
        from_date = st.date_input("In force from", value=date(selection.period_end.year, 4, 1))
        target_value = st.number_input("Target", value=target.target if target else 0.0)
        intervention = st.number_input("Intervention level", value=target.intervention if target else 0.0)
        upper, upper_intervention = None, None
        if ind.polarity == "band":
            upper = st.number_input("Target (upper end)", value=target.target_upper if target else 0.0)
            upper_intervention = st.number_input(
                "Intervention level (upper end)", value=target.intervention_upper if target else 0.0
            )
        who = st.text_input("Your name")
        why = st.text_input("Reason for the change")
        if st.form_submit_button("Save the target"):
            try:
                change_id = targets.edit_target(
                    current.app_store,
                    targets.seed_targets(cache.cursor(current)),
                    ind.id,
                    from_date,
                    target_value,
                    intervention,
                    upper,
                    upper_intervention,
                    changed_by=who,
                    reason=why,
                )
            except ValueError as exc:
                st.error(str(exc))
            else:
                cache.clear_query_caches()
                st.success(f"Saved (change {change_id} in the audit log).")


def target_audit_log(current: Settings) -> None:
    """Every target change, newest first."""
    log = cache.target_audit(str(current.app_store))
    if log.empty:
        st.info("No target has been changed in the app yet.")
        return
    st.dataframe(log, hide_index=True, width="stretch")
