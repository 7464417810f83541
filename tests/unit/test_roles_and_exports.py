"""Roles (cscdash.roles, the ``role`` setting) and exports that are safe to open in a spreadsheet
(cscdash.safe_export): what each role may do, board mode forced for the board, and formula-looking
text written as text in every CSV the app offers."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from cscdash import charts
from cscdash.roles import permissions
from cscdash.safe_export import neutralise, safe_csv
from cscdash.settings import ROLES, Settings, from_mapping, load_settings


def test_each_role_may_do_what_the_one_below_may_and_more():
    table = {r: permissions(r) for r in ROLES}
    assert not any(
        [table["board"].writes_commentary, table["board"].edits_targets, table["board"].loads_extracts]
    )
    assert table["manager"].writes_commentary and table["manager"].approves_reports
    assert not table["manager"].edits_targets and not table["manager"].loads_extracts
    assert table["analyst"].edits_targets and table["analyst"].loads_extracts
    assert all(vars(table["admin"])[k] for k in vars(table["admin"]) if k != "role")
    with pytest.raises(ValueError, match="unknown role"):
        permissions("superuser")


def test_the_board_role_forces_board_mode_and_an_unknown_role_is_refused(monkeypatch):
    monkeypatch.setenv("CSCDASH_ROLE", "board")
    monkeypatch.setenv("CSCDASH_MODE", "internal")
    assert load_settings().display_mode == "board"
    monkeypatch.setenv("CSCDASH_ROLE", "analyst")
    assert load_settings().display_mode == "internal"  # an analyst may look at small numbers
    monkeypatch.setenv("CSCDASH_MODE", "public")
    monkeypatch.setenv("CSCDASH_ROLE", "board")
    assert load_settings().display_mode == "public"  # stricter than board stays
    with pytest.raises(ValueError, match="role must be one of"):
        from_mapping(Settings(), {"role": "superuser"})
    assert Settings().role == "analyst"  # the demo's default


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_looking_text_is_written_as_text(text):
    assert neutralise(text) == "'" + text


def test_numbers_and_ordinary_text_are_left_alone():
    assert neutralise(-1.5) == -1.5 and neutralise(3) == 3 and neutralise("c") == "c"
    assert neutralise("North – East") == "North – East"


def test_chart_and_problem_csvs_neutralise_every_text_cell():
    frame = pd.DataFrame({"category": ["=cmd|' /C calc'!A0", "North"], "value": [-1.0, 2.0]})
    back = pd.read_csv(io.StringIO(safe_csv(frame)))
    assert back["category"].tolist() == ["'=cmd|' /C calc'!A0", "North"]
    assert back["value"].tolist() == [-1.0, 2.0]
    text = charts.table_csv(frame).decode("utf-8")
    assert "'=cmd" in text and "\n=cmd" not in text
