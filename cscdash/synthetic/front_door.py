"""The front door of the demo authority: contacts, referrals, assessments, S47s, plans, care entries.

``simulate_front_door`` runs from BURN_IN_START (so that CP plans, CIN cases and care entrants are
in steady state by 2018) to end_month, in four steps: contact families (``contacts``), the pathway
each referral family follows (``pathways``), which child each row is about (``child_assignment``)
and the plan details (``protection``, ``plan_visits``). ``close_for_care`` then keeps the CIN
episode of each child in care open until the care part says the child left care.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from cscdash.synthetic import front_door_params as fp
from cscdash.synthetic.child_assignment import ChildState, assign_contact_children, assign_referral_children
from cscdash.synthetic.contacts import simulate_contact_families
from cscdash.synthetic.context import BURN_IN_START, HISTORY_START, Context
from cscdash.synthetic.front_door_records import FrontDoor, build_records, children_table
from cscdash.synthetic.pathways import NAT, simulate_pathways

__all__ = ["FrontDoor", "close_for_care", "simulate_front_door"]

OPEN_DAY = 10**6  # "not closed" in day numbers (year 4707)
NEEDS = np.array(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"])
NEED_P = np.array([0.58, 0.09, 0.04, 0.07, 0.15, 0.02, 0.01, 0.04])


def _days(values: np.ndarray) -> np.ndarray:
    """datetime64[D] -> int days since 1970, NaT -> OPEN_DAY."""
    d = np.asarray(values, dtype="datetime64[D]")
    out = d.astype(np.int64)
    return np.where(np.isnat(d), OPEN_DAY, out)


def _referral_families(
    ctx: Context, params: fp.FrontDoorParams, months: np.ndarray, fam: pd.DataFrame
) -> pd.DataFrame:
    """Referral families: contacts that became referrals, plus UASC and short-break referrals."""
    rng = ctx.rng("fd_referral_families")
    ref = fam[fam["outcome"].isin(["REFERRAL", "STRAT"])].copy()
    ref["kind"] = np.where(ref["outcome"] == "STRAT", "strat", np.where(ref["unborn"], "unborn", "normal"))
    ref["contact_row"] = ref.index.to_numpy()

    uasc_n = rng.poisson(
        fp.uasc_volume(params, months)
        - np.where(
            (months >= np.datetime64("2022-04", "M")) & (months <= np.datetime64("2022-05", "M")), 5.0, 0.0
        )
    )
    uasc_n = uasc_n + np.where(
        (months >= np.datetime64("2022-04", "M")) & (months <= np.datetime64("2022-05", "M")), 5, 0
    )  # E5: exactly +10
    sb_n = rng.poisson(np.full(len(months), params.short_breaks_per_year / 12))
    extra = []
    for kind, counts, sources in (("uasc", uasc_n, ["7", "5C"]), ("short_breaks", sb_n, ["5A", "3F", "1A"])):
        idx = np.repeat(np.arange(len(months)), counts)
        first = months[idx].astype("datetime64[D]")
        length = ((months[idx] + 1).astype("datetime64[D]") - first).astype(int)
        extra.append(
            pd.DataFrame(
                {
                    "month_idx": idx,
                    "month": months[idx],
                    "date": first + (rng.random(len(idx)) * length).astype(int),
                    "minute": rng.integers(9 * 60, 17 * 60, len(idx)),
                    "size": 1,
                    "source": rng.choice(sources, size=len(idx)),
                    "outcome": "REFERRAL",
                    "unborn": False,
                    "kind": kind,
                    "contact_row": -1,
                }
            )
        )
    # E4: a family of five referred in January 2022, conferenced (late) in February
    e4_month = (
        int(np.flatnonzero(months == np.datetime64("2022-01", "M"))[0])
        if (months[-1] >= np.datetime64("2022-04", "M"))
        else None
    )
    if e4_month is not None:
        extra.append(
            pd.DataFrame(
                {
                    "month_idx": e4_month,
                    "month": months[e4_month],
                    "date": np.datetime64("2022-01-19"),
                    "minute": [10 * 60, 10 * 60],
                    "size": [4, 1],
                    "source": "6",
                    "outcome": "REFERRAL",
                    "unborn": False,
                    "kind": ["e4", "e4"],
                    "contact_row": -1,
                }
            )
        )
    out = pd.concat([ref] + extra, ignore_index=True)
    out = out.sort_values(["date", "minute", "kind"], kind="stable").reset_index(drop=True)
    out["ref_date"] = out["date"].to_numpy().astype("datetime64[D]")
    hint = out["ref_date"].to_numpy() + rng.integers(30, 150, len(out)).astype("timedelta64[D]")
    out["dob_hint"] = np.where(out["kind"] == "unborn", hint, NAT)
    out["fam_id"] = np.arange(len(out))
    return out


def _apply_e4(fams: pd.DataFrame) -> pd.DataFrame:
    """E4: five siblings, ICPC on 17 Feb 2022 (20 working days, late), four into care on 12 April."""
    e4 = fams["kind"] == "e4"
    if not e4.any():
        return fams
    d = np.datetime64
    fams.loc[e4, "kind"] = "normal"
    fams.loc[e4, ["nfa", "assessed", "s47", "icpc", "cpp", "cin_plan"]] = [
        False,
        True,
        True,
        True,
        True,
        False,
    ]
    for col, value in (
        ("asmt_start", "2022-01-19"),
        ("asmt_end", "2022-03-02"),
        ("s47_start", "2022-01-20"),
        ("icpc_target", "2022-02-10"),
        ("icpc_date", "2022-02-17"),
        ("cpp_start", "2022-02-17"),
    ):
        fams.loc[e4, col] = d(value)
    fams.loc[e4, ["s47_concluded", "cin_start", "cin_end", "re_asmt_start", "re_asmt_end"]] = NAT
    four = e4 & (fams["size"] == 4)
    one = e4 & (fams["size"] == 1)
    fams.loc[four, ["cpp_end", "entry_date"]] = d("2022-04-12")
    fams.loc[four, "route"] = "cp"
    fams.loc[four, ["closure"]] = NAT
    fams.loc[four, "reason"] = ""
    fams.loc[one, "cpp_end"] = d("2022-12-15")
    fams.loc[one, "closure"] = d("2023-01-10")
    fams.loc[one, "reason"] = "RC7"
    fams.loc[one, ["entry_date"]] = NAT
    fams.loc[one, "route"] = ""
    return fams


def simulate_front_door(ctx: Context) -> FrontDoor:
    """Simulate the front door from BURN_IN_START to end_month (see the module docstring)."""
    params = fp.PROFILES[ctx.profile]
    if ctx.size_factor != 1.0:
        params = replace(
            params,
            contacts_per_year=params.contacts_per_year * ctx.size_factor,
            uasc_per_year=params.uasc_per_year * ctx.size_factor,
            care_starts_per_year=params.care_starts_per_year * ctx.size_factor,
            short_breaks_per_year=params.short_breaks_per_year * ctx.size_factor,
        )
    months = np.arange(np.datetime64(BURN_IN_START, "M"), np.datetime64(ctx.end_month, "M") + 1)
    fam = simulate_contact_families(ctx.rng("fd_contacts"), params, months)
    fams = _referral_families(ctx, params, months, fam)
    fams = _apply_e4(simulate_pathways(ctx.rng("fd_pathways"), params, months, fams))

    # ---- child rows of referral families
    rng = ctx.rng("fd_rows")
    rows = fams.loc[fams.index.repeat(fams["size"])].reset_index(drop=True)
    rows["ref_id"] = np.arange(len(rows))
    need = rng.choice(NEEDS, size=len(fams), p=NEED_P)
    need = np.where(fams["cpp"] & (rng.random(len(fams)) < 0.9), "N1", need)
    need = np.where(fams["kind"] == "uasc", "N8", np.where(fams["kind"] == "short_breaks", "N2", need))
    rows["need"] = need[rows["fam_id"].to_numpy()]
    # UASC arrive aged 14-17, never so close to 18 that they would not come into care (17.75)
    uasc_years = rng.choice([14, 15, 16, 17], len(rows), p=[0.08, 0.22, 0.4, 0.3])
    rows["uasc_age"] = (
        (uasc_years + rng.random(len(rows)) * np.where(uasc_years == 17, 0.7, 1.0)) * 365.25
    ).astype(np.int64)
    rows["sb_age"] = ((4 + rng.random(len(rows)) * 11) * 365.25).astype(np.int64)

    # ---- assign children month by month
    state = ChildState.empty(len(rows) + len(fam) * 2 + 10)
    p_rr = fp.drifting(ctx.rng("fd_rereferral"), fp.rereferral_target(params, months), sd=0.005, bound=0.02)
    rng_a = ctx.rng("fd_children")
    child_of_row = np.full(len(rows), -1, dtype=np.int64)
    contact_only = fam[~fam["outcome"].isin(["REFERRAL", "STRAT"])]
    contact_only = contact_only.loc[contact_only.index.repeat(contact_only["size"])]
    contact_only = contact_only[contact_only["date"] >= np.datetime64(HISTORY_START) - 365]
    co_child = np.full(len(contact_only), -1, dtype=np.int64)
    row_month = rows["month_idx"].to_numpy()
    co_month = contact_only["month_idx"].to_numpy()
    row_order = np.argsort(row_month, kind="stable")
    row_bounds = np.searchsorted(row_month[row_order], np.arange(len(months) + 1))
    co_order = np.argsort(co_month, kind="stable")
    co_bounds = np.searchsorted(co_month[co_order], np.arange(len(months) + 1))
    arrays = {
        "ref": _days(rows["ref_date"]),
        "kind": rows["kind"].to_numpy(),
        "cpp": rows["cpp"].to_numpy(bool),
        "n_cpp": rows["cpp"].to_numpy(int),
        "closure": _days(rows["closure"]),
        "care": (rows["route"] != "").to_numpy(),
        "entry": _days(rows["entry_date"]),
        "dob_hint": _days(rows["dob_hint"]),
        "uasc_age": rows["uasc_age"].to_numpy(),
        "sb_age": rows["sb_age"].to_numpy(),
    }
    co_days = _days(contact_only["date"])
    repeat_p = fp.drifting(ctx.rng("fd_repeat_cpp"), np.full(len(months), params.cpp_repeat), bound=0.03)
    for m in range(len(months)):
        start = int(months[m].astype("datetime64[D]").astype(np.int64))
        sel = row_order[row_bounds[m] : row_bounds[m + 1]]
        if len(sel):
            child_of_row[sel] = assign_referral_children(
                rng_a,
                state,
                start,
                {k: v[sel] for k, v in arrays.items()},
                float(p_rr[m]),
                float(repeat_p[m]),
            )
        sel = co_order[co_bounds[m] : co_bounds[m + 1]]
        if len(sel):
            co_child[sel] = assign_contact_children(rng_a, state, start, co_days[sel])
    rows["child_no"] = child_of_row

    children = children_table(ctx, state, rows)
    referrals = rows
    return build_records(ctx, params, months, fam, fams, referrals, children, contact_only, co_child)


def close_for_care(ctx: Context, fd: FrontDoor, periods: pd.DataFrame) -> FrontDoor:
    """Keep each care entrant's CIN episode open while looked after; close it when care ends.

    ``periods`` (from the care part): child_id, period_start, period_end (NaT while looked after),
    rec. The episode that led to care closes on the day the last period ends, with the reason that
    matches how care ended (adoption RC1, died RC2, CAO RC3, SGO RC4, another LA RC5, adult services
    RC6, otherwise RC7). Short-break children's episodes are not changed.
    """
    ref = fd.referrals.copy()
    ids = fd.children.set_index("child_no")["child_id"]
    ref["child_id"] = ids.reindex(ref["child_no"]).to_numpy()
    p = periods.copy()
    p["period_end"] = pd.to_datetime(p["period_end"])
    last = p.sort_values(["child_id", "period_start"]).groupby("child_id").tail(1).set_index("child_id")
    in_care = (ref["route"] != "") & (ref["route"] != "short_breaks") & ref["child_id"].isin(last.index)
    end = last["period_end"].reindex(ref.loc[in_care, "child_id"]).to_numpy().astype("datetime64[D]")
    rec = last["rec"].reindex(ref.loc[in_care, "child_id"]).fillna("").astype(str).to_numpy()
    reason = np.select(
        [
            np.isin(rec, ["E11", "E12"]),
            rec == "E2",
            rec == "E41",
            np.isin(rec, ["E45", "E46", "E47", "E48"]),
            rec == "E3",
            rec == "E7",
        ],
        ["RC1", "RC2", "RC3", "RC4", "RC5", "RC6"],
        "RC7",
    )
    last_activity = ref.loc[in_care, "last_activity"].to_numpy().astype("datetime64[D]")
    end = np.where(np.isnat(end), end, np.maximum(end, last_activity))
    ref.loc[in_care, "closure"] = end
    ref.loc[in_care, "reason"] = np.where(np.isnat(end), "", reason)
    return replace(fd, referrals=ref.drop(columns=["child_id"]))
