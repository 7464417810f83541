"""The Partnership page under AppTest: on a database with three authorities (built with the demo CLI,
``--authorities 3``) every authority is named and ranked and the partnership total is the sum of their
numerators over the sum of their denominators, read back from the views; on the one-authority demo the
page says it needs several authorities and shows nothing else."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cscdash.catalogue import load_catalogue
from cscdash.formatting import format_value
from cscdash.navigation import PARTNERSHIP
from tests.app import partnership_db
from tests.app.pages import app_for


@pytest.fixture(scope="module")
def partnership_env(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("partnership")
    db = partnership_db.build(folder)
    return {"CSCDASH_DB": str(db), "CSCDASH_DEMO_DIR": str(folder / "files")}


@pytest.fixture
def partnership(partnership_env, monkeypatch):
    for key, value in partnership_env.items():
        monkeypatch.setenv(key, value)
    for key in ("CSCDASH_LA", "CSCDASH_MODE", "CSCDASH_ROLE"):
        monkeypatch.delenv(key, raising=False)
    return partnership_env


def _truth(db: str, indicator_id: str, month: date) -> tuple[dict[str, str], float, float]:
    """(names of the loaded authorities, Σ numerators, Σ denominators) at ``month``, straight from the
    indicator view: the whole-LA row of each authority."""
    con = duckdb.connect(db, read_only=True)
    try:
        rows = con.execute(
            "select la_code, numerator, denominator from " + indicator_id + " where period_end = ?"
            " and coalesce(breakdown, 'all') = 'all'",
            [month],
        ).fetchall()
        codes = [r[0] for r in rows]
        names = dict(
            con.execute(
                "select la_code, la_name from ref_la where la_code in (select unnest(?))", [codes]
            ).fetchall()
        )
    finally:
        con.close()
    return names, sum(r[1] for r in rows), sum(r[2] for r in rows)


def _run() -> AppTest:
    return app_for(PARTNERSHIP, timeout=600).run()


def _total(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Partnership total")


@pytest.mark.parametrize(
    ("indicator_id", "scale"), [("rereferrals_12m_pct", 100), ("cla_rate_per_10k", 10_000)]
)
def test_every_authority_is_named_and_the_total_pools_numerators_and_denominators(
    partnership, indicator_id, scale
):
    at = _run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Partnership"
    at.selectbox(key="partnership-indicator").set_value(indicator_id).run()
    assert not at.exception, at.exception
    month = date.fromisoformat(at.selectbox(key="partnership-month").value)
    names, numerator, denominator = _truth(partnership["CSCDASH_DB"], indicator_id, month)
    assert len(names) == partnership_db.AUTHORITIES
    # the ranking's table names every authority (never its code), the user's own marked
    ranking = at.dataframe[0].value
    authorities = " | ".join(ranking["authority"].astype(str))
    for code, name in names.items():
        assert name in authorities, name
        assert code not in authorities
    assert "Wessex Vale Council (synthetic data) (your authority)" in authorities
    # the partnership total: scale x Σ numerators / Σ denominators (e.g. 3,363 of 13,127 = 25.6%),
    # with its n of n under it
    ind = load_catalogue()[indicator_id]  # written at the catalogue's number of decimals
    assert _total(at) == format_value(scale * numerator / denominator, ind.unit, ind.decimals)
    captions = [c.value for c in at.caption]
    assert f"{numerator:,.0f} of {denominator:,.0f}" in captions
    # and it is not the mean of the authorities' own figures
    figures = ranking[ranking["rank"] != ""]["value"].astype(float)
    assert abs(figures.mean() - scale * numerator / denominator) > 0.05
    assert "Wessex Vale Council" in " ".join(captions)  # your authority's rank
    assert len(at.get("plotly_chart")) == 2  # the ranking and the total's SPC chart
    assert len(at.get("vega_lite_chart")) == 1  # the small multiples


def test_an_average_has_no_partnership_total(partnership):
    at = _run()
    at.selectbox(key="partnership-indicator").set_value("assessment_median_wd").run()
    assert not at.exception, at.exception
    assert _total(at) == "none"
    assert any("cannot be pooled" in i.value for i in at.info)


def test_one_authority_says_the_view_needs_several(use_demo_db):
    at = _run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Partnership"
    assert any("needs several authorities" in i.value for i in at.info)
    assert not at.metric and not at.dataframe and not at.selectbox
    assert not at.get("plotly_chart") and not at.get("vega_lite_chart")
