"""Annex A list 9 (care leavers receiving a service) as monthly snapshots.

Who is on the list at date D comes from the care part's periods, with the Children (Leaving Care) Act
categories (data_layouts.md 1.6): a young person who has left care (not looked after at D) after at
least 13 weeks looked after since their 14th birthday, some of it at 16 or over, is *relevant* while
under 18 and *former relevant* from 18 to their 21st birthday, or to 25 if they asked for support
(the 22-25s of OC3). One looked after at 16+ without the 13 weeks, or who left care at 16+ under a
special guardianship or child arrangements order, is *qualifying*, to their 21st birthday. Nobody
adopted, transferred, assessed as an adult (E15) or who died is listed. Leaving-care services start at
16, so a young person still looked after at D, aged 16-17, with 13 weeks (91 days) looked after since
their 14th birthday (short breaks excluded) is listed too, as *eligible*: councils count them in their
care-leaver caseload (calibration.md section 2: Dorset's 530 include 94 aged 16-18).

Where the young person has an OC3 row for a birthday in the year to D, the list agrees with it: in
touch, accommodation letter and suitability, and activity are the same; a row saying they no longer
need the service (NREQ) or died takes them off. Otherwise values are drawn from the same mixes as OC3
(care_leavers.py). Pathway plans are reviewed about every six months (in date for ~90% of the list),
personal advisers are allocated to ~97% of 18+s, and the latest contact is the personal adviser's
latest contact in the visits file.

Eligible young people's own values come from one stream of their own ("annex_a.list9.eligible"), so
adding them leaves every other row's draws as they were: in touch (they live in a placement), the
ACCOM letter nearest their placement on the date (foster care, which has none, as Y other), suitable
but for the same 5% as others, an activity for a 16-17-year-old in care (mostly full-time education),
a personal adviser for about 60% and their latest social work or adviser visit as the contact. Their
pathway plan reviews are the ones they keep after leaving care (from 16, every six months).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cscdash.synthetic.annex_a_labels import (
    ACCOM_LABELS,
    ACTIV_LABELS,
    ELIGIBILITY_LABELS,
    IN_TOUCH_LABELS,
    LIST9_HEADINGS,
    SUITABILITY_LABELS,
    dmy,
    person_columns,
    with_label,
    yes_no,
)
from cscdash.synthetic.as_at import latest_on_or_before
from cscdash.synthetic.care import CareHistory
from cscdash.synthetic.care_dates import DAY, add_years, age_years, days
from cscdash.synthetic.care_leavers import ACCOM, EET_CODES, NEET_CODES, UNSUITABLE_ALWAYS
from cscdash.synthetic.care_params import params_for
from cscdash.synthetic.context import Context

#: exits after which nobody is a care leaver of this council
NOT_LEAVERS = {"E2", "E3", "E11", "E12", "E15"}
#: exits to a permanence order: at 16+ the young person is qualifying, not relevant
PERMANENCE_ORDERS = {"E41", "E45", "E46", "E47", "E48"}
QUALIFYING_SERVED = 1.0
PA_ALLOCATED = {"under18": 0.9, "adult": 0.97, "eligible": 0.6}
UNSUITABLE_EXTRA = 0.05  # accommodation judged unsuitable beyond the always-unsuitable S and W
PATHWAY_LATE = 0.22  # pathway plan reviews held more than six months after the last
CASELOAD = 22  # young people per personal adviser
OC3_IN_TOUCH = {"YES": "in_touch", "NO": "not_in_touch", "REFU": "not_in_touch", "RHOM": "exclude"}
ELIGIBLE_STREAM = "annex_a.list9.eligible"
ELIGIBLE_DAYS = 91  # 13 weeks looked after since the 14th birthday
#: SSDA903 PLACE -> the nearest ACCOM letter for a young person still in care (foster care has none: Y)
PLACE_ACCOM = {
    **{f"U{i}": "Y" for i in range(1, 7)},
    **{code: "C" for code in ("K1", "K2", "S1", "R1", "R2")},
    **{code: "D" for code in ("K3", "H5")},
    "P2": "U",
    "P1": "B",
    "R5": "X",
    "Z1": "Y",
    "R3": "Y",
}
#: activity of 16-17-year-olds still in care (participation is compulsory to 18): codes and shares
ELIGIBLE_ACTIV = (["F2", "F4", "F5", "P2", "G5", "G4", "G6"], [0.72, 0.06, 0.04, 0.04, 0.1, 0.03, 0.01])


def _periods_at(periods: pd.DataFrame, snapshots: list[date]) -> pd.DataFrame:
    """Periods of care (not short breaks) of young people aged 16-25 at each snapshot, with the facts
    that decide their category: time looked after since 14 and at 16+, ended or open at the date."""
    care = periods[~periods["short_breaks"]].reset_index(drop=True)
    dob = care["dob_d"].to_numpy(dtype="datetime64[D]")
    d14, d16, d18, d25 = (add_years(dob, a) for a in (14, 16, 18, 25))
    start = care["period_start"].to_numpy(dtype="datetime64[D]")
    end = care["natural_end"].to_numpy(dtype="datetime64[D]")
    child = care["child_id"].to_numpy(dtype=object)
    rec = care["rec"].to_numpy(dtype=object)
    frames = []
    for snap in snapshots:
        d = np.datetime64(snap)
        sel = np.flatnonzero((d16 <= d) & (d < d25) & (start <= d))
        ended = end[sel] <= d
        after14 = np.minimum(end[sel], d18[sel]) - np.maximum(start[sel], d14[sel])
        to_now = np.minimum(np.where(ended, end[sel], d), d18[sel]) - np.maximum(start[sel], d14[sel])
        frames.append(
            pd.DataFrame(
                {
                    "child_id": child[sel],
                    "snapshot": pd.Timestamp(snap),
                    "row": sel,
                    "ended": ended,
                    "in_now": ~ended,
                    "after14": np.where(ended, np.maximum(after14 / DAY, 0), 0),
                    "looked14": np.maximum(to_now / DAY, 0),
                    "after16": ended & (end[sel] > d16[sel]),
                    "rec": np.where(ended, rec[sel], None),
                    "left": np.where(ended, end[sel], np.datetime64("NaT")),
                }
            )
        )
    return pd.concat(frames, ignore_index=True).sort_values(["child_id", "snapshot", "left"], kind="stable")


def _asks(ctx: Context, children: pd.DataFrame, oc3: pd.DataFrame) -> pd.Series:
    """Who asks for support after 21: known from OC3 where their 22nd birthday is in OC3's reach
    (April 2022 to the end month), otherwise drawn."""
    rng = ctx.rng("annex_a.list9.asks")
    dob = children["dob"].to_numpy(dtype="datetime64[D]")
    d22 = add_years(dob, 22)
    known = (d22 >= np.datetime64("2022-04-01")) & (d22 <= np.datetime64(ctx.end_month))
    older = set(oc3.loc[oc3["age"] >= 22, "child_id"])
    said = children["child_id"].isin(older).to_numpy()
    drawn = rng.random(len(children)) < params_for(ctx.profile).asks_for_support_pct
    return pd.Series(np.where(known, said, drawn), index=children["child_id"].to_numpy())


def leaver_rows(
    ctx: Context, periods: pd.DataFrame, children: pd.DataFrame, oc3: pd.DataFrame, snapshots: list[date]
) -> pd.DataFrame:
    """(child_id, snapshot, eligibility, age, last_rec) for every young person on a list 9 snapshot,
    eligible ones (still looked after) included."""
    at = _periods_at(periods, snapshots)
    g = at.groupby(["child_id", "snapshot"], sort=False)
    agg = g.agg(
        after14=("after14", "sum"),
        looked14=("looked14", "sum"),
        after16=("after16", "any"),
        in_now=("in_now", "any"),
        ended=("ended", "any"),
        last_rec=("rec", "last"),
    ).reset_index()
    kids = children.set_index("child_id")
    dob = kids["dob"].reindex(agg["child_id"]).to_numpy(dtype="datetime64[D]")
    snap = agg["snapshot"].to_numpy(dtype="datetime64[D]")
    age = age_years(dob, snap)
    rec = agg["last_rec"].fillna("").to_numpy(dtype=object)
    left = agg["ended"].to_numpy() & ~agg["in_now"].to_numpy() & ~np.isin(rec, list(NOT_LEAVERS))
    order = np.isin(rec, list(PERMANENCE_ORDERS))
    eligible = (agg["after14"].to_numpy() >= 91) & agg["after16"].to_numpy() & ~order
    asks = _asks(ctx, children, oc3).reindex(agg["child_id"]).fillna(False).to_numpy(dtype=bool)
    rng = ctx.rng("annex_a.list9.qualifying")
    served = pd.Series(rng.random(len(kids)) < QUALIFYING_SERVED, index=kids.index)
    served = served.reindex(agg["child_id"]).to_numpy(dtype=bool)
    relevant = left & eligible & (age < 18)
    former = left & eligible & (age >= 18) & ((age < 21) | asks)
    qualifying = left & ~eligible & agg["after16"].to_numpy() & (age < 21) & served
    in_care = agg["in_now"].to_numpy() & (age < 18) & (agg["looked14"].to_numpy() >= ELIGIBLE_DAYS)
    category = np.select(
        [relevant, former, qualifying, in_care], ["relevant", "former_relevant", "qualifying", "eligible"], ""
    )
    out = agg.assign(eligibility=category, age=age, dob=dob)[category != ""]
    return _drop_after_oc3(out, oc3).reset_index(drop=True)


def _drop_after_oc3(rows: pd.DataFrame, oc3: pd.DataFrame) -> pd.DataFrame:
    """Take off young people whose OC3 row says they died (from two months before that birthday) or no
    longer need the service (for the year around that birthday)."""
    ends = oc3[oc3["in_touch"].isin(["DIED", "NREQ"])][["child_id", "birthday", "in_touch"]]
    hit = rows[["child_id", "snapshot"]].reset_index().merge(ends, on="child_id")
    gap = (hit["snapshot"] - hit["birthday"]).dt.days
    gone = np.where(hit["in_touch"] == "DIED", gap >= -60, (gap >= -30) & (gap < 335))
    return rows.drop(index=hit.loc[gone, "index"].unique())


def _pathway_reviews(
    ctx: Context, rng: np.random.Generator, periods: pd.DataFrame, ids: np.ndarray
) -> pd.DataFrame:
    """Pathway plan reviews from 16 (or entry after 16) every six months, some late: child_id, date."""
    care = periods[~periods["short_breaks"] & periods["child_id"].isin(ids)]
    first = (
        care.sort_values("period_start")
        .groupby("child_id")
        .agg(dob=("dob_d", "first"), last_start=("period_start", "last"))
    )
    dob = first["dob"].to_numpy(dtype="datetime64[D]")
    n = len(first)
    date = np.maximum(add_years(dob, 16), first["last_start"].to_numpy(dtype="datetime64[D]") + days(30))
    date = date + days(rng.integers(0, 60, n))
    stop = np.minimum(add_years(dob, 25), np.datetime64(ctx.end_month) + DAY)
    rows, dates = [], []
    for _ in range(60):
        alive = date < stop
        if not alive.any():
            break
        rows.append(np.flatnonzero(alive))
        dates.append(date[alive])
        late = rng.random(n) < PATHWAY_LATE
        date = date + days(np.where(late, rng.integers(184, 330, n), rng.integers(120, 184, n)))
    idx = np.concatenate(rows)
    return pd.DataFrame({"child_id": first.index.to_numpy(dtype=object)[idx], "date": np.concatenate(dates)})


def _drawn_outcomes(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """in_touch, activity and accommodation for rows with no OC3 row in the year, drawn once per young
    person and year of age (so a snapshot repeats the last one until the next birthday)."""
    params = params_for(ctx.profile)
    rng = ctx.rng("annex_a.list9.outcomes")
    ids, where = np.unique(rows["child_id"].to_numpy(dtype=str), return_inverse=True)
    ages = np.clip(rows["age"].to_numpy(dtype=int), 16, 25) - 16
    u = rng.random((len(ids), 10, 6))[where, ages]
    n = len(rows)
    older = rows["age"].to_numpy() >= 19
    group = np.where(older, "19-21", "17-18")
    p_touch = np.where(older, params.in_touch_pct[1], params.in_touch_pct[0])
    in_touch = np.where(
        u[:, 0] < p_touch, "in_touch", np.where(u[:, 1] < 0.2, "not_recorded", "not_in_touch")
    )
    eet = u[:, 1] < np.where(older, params.eet_pct[1], params.eet_pct[0]) / p_touch
    activ = np.empty(n, dtype=object)
    letter = np.empty(n, dtype=object)
    for name in ("17-18", "19-21"):
        sel = group == name
        activ[sel] = np.asarray(EET_CODES[0], dtype=object)[_pick(u[sel, 2], EET_CODES[1][name])]
        letter[sel] = np.asarray(ACCOM[name][0], dtype=object)[_pick(u[sel, 3], ACCOM[name][1])]
    part_time = u[:, 4] < 0.25
    activ = np.where(part_time, pd.Series(activ).str.replace("F", "P").to_numpy(dtype=object), activ)
    neet = np.asarray(NEET_CODES[0], dtype=object)[_pick(u[:, 2], NEET_CODES[1])]
    activ = np.where(eet, activ, neet)
    age = rows["age"].to_numpy()
    stay_p = np.select([age == 18, age <= 20], [0.85, params.staying_put_to_21_pct], 0.0)
    stayed = (rows["last_rec"].to_numpy(dtype=object) == "E17") & (u[:, 5] < stay_p)
    letter = np.where(stayed, "Z", letter)
    unsuitable = np.isin(letter, list(UNSUITABLE_ALWAYS)) | (u[:, 4] > 1 - UNSUITABLE_EXTRA)
    return pd.DataFrame(
        {"in_touch": in_touch, "activ": activ, "letter": letter, "suitable": ~unsuitable}, index=rows.index
    )


def _pick(u: np.ndarray, probs: list[float]) -> np.ndarray:
    """Indices drawn with ``probs`` (normalised) from uniforms ``u``."""
    cum = np.cumsum(probs) / np.sum(probs)
    return np.searchsorted(cum, u, side="right").clip(0, len(probs) - 1)


def _outcomes(
    rows: pd.DataFrame, oc3: pd.DataFrame, drawn: pd.DataFrame, oc3_accommodation: bool = True
) -> pd.DataFrame:
    """in_touch, accommodation letter, suitability and activity per row.

    Where the young person has an OC3 row for a birthday in the year to the snapshot, in touch and
    activity are OC3's, and so is accommodation within OC3's window around the birthday; else
    ``drawn``'s (in_touch, activ, letter, suitable). An eligible young person can have one too: back in
    care after being out of it on their 17th birthday, or leaving before a birthday weeks away; their
    accommodation stays their placement's (``oc3_accommodation`` False).
    """
    keys = rows[["child_id"]].assign(snapshot=rows["snapshot"] + pd.Timedelta(days=31))
    found = latest_on_or_before(keys, oc3, "birthday", ["in_touch", "activ", "accom"])
    found.index = rows.index
    since = (rows["snapshot"] - pd.to_datetime(found["birthday"])).dt.days
    use = (since < 334) & found["in_touch"].isin(list(OC3_IN_TOUCH))
    # accommodation changes more often than activity: OC3's holds in its own window (3 months before
    # to 1 month after the birthday), then the young person may have moved
    window = use & (since >= -31) & (since <= 92) & oc3_accommodation
    in_touch = np.where(use, found["in_touch"].map(OC3_IN_TOUCH), drawn["in_touch"])
    accom = found["accom"].fillna("").astype(str)
    letter = np.where(window, accom.str[:1].replace("0", ""), drawn["letter"])
    suitable = np.where(window, accom.str[1:] == "1", drawn["suitable"])
    activ = np.where(use, found["activ"].fillna("").astype(str).replace("0", ""), drawn["activ"])
    touch = in_touch == "in_touch"
    suitability = np.where(
        in_touch == "exclude",
        "exclude",
        np.where(touch & (letter != ""), np.where(suitable, "suitable", "not_suitable"), "not_known"),
    )
    return pd.DataFrame(
        {
            "in_touch": in_touch,
            "letter": np.where(touch, letter, ""),
            "suitability": suitability,
            "activ": np.where(touch, activ, ""),
        },
        index=rows.index,
    )


def _adviser_pool(ctx: Context, rows: pd.DataFrame) -> list[str]:
    """Personal adviser ids, as many as the care leavers per snapshot need at CASELOAD each."""
    per_month = max(len(rows) / max(rows["snapshot"].nunique(), 1), 1.0)
    return [f"PA{ctx.la_number}{i:03d}" for i in range(1, max(3, int(round(per_month / CASELOAD))) + 1)]


def _personal_advisers(
    rng: np.random.Generator, rows: pd.DataFrame, pool: list[str], under18: float
) -> np.ndarray:
    """The personal adviser of each row ('' if none allocated): one of ``pool``, kept from birthday to
    birthday and changed now and then; allocated with probability ``under18`` below 18."""
    ids, where = np.unique(rows["child_id"].to_numpy(dtype=str), return_inverse=True)
    ages = np.clip(rows["age"].to_numpy(dtype=int), 16, 25) - 16
    base = rng.integers(0, len(pool), len(ids))
    change = np.cumsum(rng.random((len(ids), 10)) < 0.3, axis=1) * rng.integers(1, len(pool), (len(ids), 1))
    allocated_u = rng.random((len(ids), 10))[where, ages]
    index = (base[where] + change[where, ages]) % len(pool)
    p = np.where(rows["age"].to_numpy() >= 18, PA_ALLOCATED["adult"], under18)
    return np.where(allocated_u < p, np.asarray(pool, dtype=object)[index], "")


def _eligible_outcomes(
    rng: np.random.Generator, history: CareHistory, rows: pd.DataFrame, keys: pd.DataFrame
) -> pd.DataFrame:
    """Drawn in_touch, activ, letter and suitable of young people still in care: in touch, the ACCOM
    letter nearest the placement they are in on the date, suitable but for UNSUITABLE_EXTRA, and an
    activity drawn from ELIGIBLE_ACTIV once per young person and year of age."""
    eps = history.episodes.rename(columns={"CHILD": "child_id"})
    eps = eps[~eps["LS"].isin(["V3", "V4"])]
    place = latest_on_or_before(keys, eps, "DECOM", ["PLACE"])["PLACE"]
    letter = place.map(PLACE_ACCOM).fillna("").to_numpy(dtype=object)
    ids, where = np.unique(rows["child_id"].to_numpy(dtype=str), return_inverse=True)
    ages = np.clip(rows["age"].to_numpy(dtype=int), 16, 17) - 16
    u = rng.random((len(ids), 2, 2))[where, ages]
    activ = np.asarray(ELIGIBLE_ACTIV[0], dtype=object)[_pick(u[:, 0], ELIGIBLE_ACTIV[1])]
    suitable = u[:, 1] > UNSUITABLE_EXTRA
    return pd.DataFrame(
        {"in_touch": "in_touch", "activ": activ, "letter": letter, "suitable": suitable}, index=rows.index
    )


def _leaver_columns(
    ctx: Context, history: CareHistory, rows: pd.DataFrame, pool: list[str], reviews: pd.DataFrame
) -> dict[str, object]:
    """outcome, adviser, review and contact of young people who have left care."""
    keys = rows[["child_id", "snapshot"]]
    snap = rows["snapshot"].to_numpy(dtype="datetime64[D]")
    outcome = _outcomes(rows, history.oc3, _drawn_outcomes(ctx, rows))
    adviser = _personal_advisers(ctx.rng("annex_a.list9.advisers"), rows, pool, PA_ALLOCATED["under18"])
    pa = history.visits[history.visits["visit_type"] == "PA"]
    touch = outcome["in_touch"].to_numpy() == "in_touch"
    contact = latest_on_or_before(keys, pa, "visit_date")["visit_date"].to_numpy(dtype="datetime64[D]")
    old_keys = keys.assign(snapshot=rows["snapshot"] - pd.Timedelta(days=180))
    old = latest_on_or_before(old_keys, pa, "visit_date")["visit_date"].to_numpy(dtype="datetime64[D]")
    rng = ctx.rng("annex_a.list9.contact")
    fallback = snap - days(rng.integers(3, 60, len(rows)))
    stale = np.isnat(contact) | (contact < snap - days(90))  # in touch means a contact this quarter
    contact = np.where(touch, np.where(stale, fallback, contact), old)
    review = latest_on_or_before(keys, reviews, "date")["date"]
    return {"outcome": outcome, "adviser": adviser, "review": review, "contact": contact}


def _eligible_columns(
    ctx: Context, history: CareHistory, rows: pd.DataFrame, pool: list[str], reviews: pd.DataFrame
) -> dict[str, object]:
    """outcome, adviser, review and contact of eligible young people (still in care), every draw from
    ELIGIBLE_STREAM; their pathway plan reviews are those of ``reviews`` where they later leave care."""
    rng = ctx.rng(ELIGIBLE_STREAM)
    keys = rows[["child_id", "snapshot"]]
    snap = rows["snapshot"].to_numpy(dtype="datetime64[D]")
    outcome = _outcomes(rows, history.oc3, _eligible_outcomes(rng, history, rows, keys), False)
    adviser = _personal_advisers(rng, rows, pool, PA_ALLOCATED["eligible"])
    new_ids = np.setdiff1d(rows["child_id"].unique().astype(str), reviews["child_id"].unique().astype(str))
    reviews = pd.concat([reviews, _pathway_reviews(ctx, rng, history.periods, new_ids)], ignore_index=True)
    seen = history.visits[history.visits["visit_type"].isin(["CLA", "PA"])]
    contact = latest_on_or_before(keys, seen, "visit_date")["visit_date"].to_numpy(dtype="datetime64[D]")
    stale = np.isnat(contact) | (contact < snap - days(90))
    contact = np.where(stale, snap - days(rng.integers(3, 60, len(rows))), contact)
    review = latest_on_or_before(keys, reviews, "date")["date"]
    return {"outcome": outcome, "adviser": adviser, "review": review, "contact": contact}


def _list9_frame(
    history: CareHistory, disabilities: pd.Series, rows: pd.DataFrame, values: dict[str, object]
) -> pd.DataFrame:
    """The LIST9_HEADINGS columns plus ``snapshot`` for ``rows``, from their ``values`` (outcome,
    adviser, review, contact)."""
    kids = history.children.set_index("child_id").reindex(rows["child_id"]).reset_index()
    snap = rows["snapshot"].to_numpy(dtype="datetime64[D]")
    keys = rows[["child_id", "snapshot"]]
    outcome, adviser = values["outcome"], values["adviser"]
    sw = latest_on_or_before(keys, history.sw_episodes, "sw_decom", ["sw_id"])["sw_id"]
    under18 = rows["age"].to_numpy() < 18
    worker = np.where(under18 & sw.notna().to_numpy(), sw.astype(object).to_numpy(), adviser)

    columns = person_columns(kids, snap)
    columns.update(
        {
            LIST9_HEADINGS[5]: yes_no(kids["uasc"].fillna(False).to_numpy(dtype=bool)),
            LIST9_HEADINGS[6]: yes_no(
                disabilities.reindex(rows["child_id"]).fillna("NONE").to_numpy() != "NONE"
            ),
            LIST9_HEADINGS[7]: np.full(len(rows), "Care Leavers", dtype=object),
            LIST9_HEADINGS[8]: worker,
            LIST9_HEADINGS[9]: adviser,
            LIST9_HEADINGS[10]: rows["eligibility"].map(ELIGIBILITY_LABELS).to_numpy(dtype=object),
            LIST9_HEADINGS[11]: dmy(values["review"]),
            LIST9_HEADINGS[12]: outcome["in_touch"].map(IN_TOUCH_LABELS).to_numpy(dtype=object),
            LIST9_HEADINGS[13]: dmy(values["contact"]),
            LIST9_HEADINGS[14]: with_label(outcome["letter"].replace("", None).to_numpy(), ACCOM_LABELS),
            LIST9_HEADINGS[15]: outcome["suitability"].map(SUITABILITY_LABELS).to_numpy(dtype=object),
            LIST9_HEADINGS[16]: with_label(outcome["activ"].replace("", None).to_numpy(), ACTIV_LABELS),
        }
    )
    out = pd.DataFrame(columns)[LIST9_HEADINGS]
    out["snapshot"] = rows["snapshot"].to_numpy()
    return out


def list9_snapshots(
    ctx: Context, history: CareHistory, disabilities: pd.Series, snapshots: list[date]
) -> pd.DataFrame:
    """Every list 9 row of every snapshot: the LIST9_HEADINGS columns plus ``snapshot``.

    ``history`` is the care part's CareHistory; ``disabilities`` the front door's ';'-joined codes by
    child id ('NONE' if none). Young people who have left care and eligible ones are drawn apart (the
    latter from ELIGIBLE_STREAM), then listed together in (snapshot, child id) order.
    """
    rows = leaver_rows(ctx, history.periods, history.children, history.oc3, snapshots)
    rows = rows.sort_values(["snapshot", "child_id"], kind="stable").reset_index(drop=True)
    still = (rows["eligibility"] == "eligible").to_numpy()
    left, eligible = rows[~still].reset_index(drop=True), rows[still].reset_index(drop=True)
    pool = _adviser_pool(ctx, left)
    reviews = _pathway_reviews(
        ctx, ctx.rng("annex_a.list9.pathway"), history.periods, left["child_id"].unique()
    )
    frames = [
        _list9_frame(history, disabilities, left, _leaver_columns(ctx, history, left, pool, reviews)),
        _list9_frame(
            history, disabilities, eligible, _eligible_columns(ctx, history, eligible, pool, reviews)
        ),
    ]
    out = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    return out.sort_values(["snapshot", LIST9_HEADINGS[0]], kind="stable").reset_index(drop=True)
