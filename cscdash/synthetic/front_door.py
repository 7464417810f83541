"""The front door of the demo authority: contacts, referrals, assessments, S47s, plans, care entries.

``simulate_front_door`` runs from BURN_IN_START (so that CP plans, CIN cases and care entrants are
in steady state by 2018) to end_month, in four steps: contact families (``contacts``), the pathway
each referral family follows (``pathways``), which child each row is about (``child_assignment``)
and the plan details (``protection``, ``plan_visits``). ``close_for_care`` then keeps the CIN
episode of each child in care open until the care part says the child left care.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from cscdash.synthetic import front_door_params as fp
from cscdash.synthetic.child_assignment import ChildState, assign_contact_children, assign_referral_children
from cscdash.synthetic.contacts import simulate_contact_families
from cscdash.synthetic.context import BURN_IN_START, HISTORY_START, Context
from cscdash.synthetic.pathways import NAT, simulate_pathways
from cscdash.synthetic.plan_visits import apply_migration_gap, family_visits
from cscdash.synthetic.population import (
    draw_disabilities,
    draw_ethnicity,
    draw_places,
    make_upns,
)
from cscdash.synthetic.protection import categories, previous_plans, review_dates

OPEN_DAY = 10**6  # "not closed" in day numbers (year 4707)
NEEDS = np.array(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"])
NEED_P = np.array([0.58, 0.09, 0.04, 0.07, 0.15, 0.02, 0.01, 0.04])
#: Assessment factors and the share of assessments with each (England 2025, calibration.md section 4).
FACTORS = [
    ("4B", 0.34),
    ("3B", 0.32),
    ("17A", 0.19),
    ("4A", 0.18),
    ("16A", 0.18),
    ("20", 0.16),
    ("1B", 0.14),
    ("2B", 0.14),
    ("5A", 0.12),
    ("18C", 0.12),
    ("3A", 0.11),
]


@dataclass
class FrontDoor:
    """Everything the front door produced, one DataFrame per record type (dates as datetime64[D])."""

    children: (
        pd.DataFrame
    )  # child_no, child_id, dob, sex, ethnic, locality, home_sector, upn, disabilities, uasc
    contacts: pd.DataFrame  # contact_id, child_no, contact_time, source, outcome, decision_time, brag
    referrals: (
        pd.DataFrame
    )  # ref_id, fam_id, child_no, ref_date, source, nfa, need, closure, reason, route ...
    assessments: pd.DataFrame  # ref_id, child_no, start, end, factors (';'-joined)
    cin_plans: pd.DataFrame  # ref_id, child_no, start, end
    s47: pd.DataFrame  # ref_id, child_no, start, icpc_target, icpc_date, concluded
    cpp: (
        pd.DataFrame
    )  # cpp_id, ref_id, fam_id, child_no, cpp_start, cpp_end, initial_cat, latest_cat, n_previous
    cpp_reviews: pd.DataFrame  # cpp_id, child_no, review_date
    visits: pd.DataFrame  # child_no, visit_date, visit_type ('CP'/'CIN'), child_seen, seen_alone
    care_entries: pd.DataFrame  # the interface of the care part (see simulate_care)


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
    rows["uasc_age"] = (
        (rng.choice([14, 15, 16, 17], len(rows), p=[0.08, 0.22, 0.4, 0.3]) + rng.random(len(rows))) * 365.25
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

    children = _children_table(ctx, state, rows)
    referrals = rows
    return _build(ctx, params, months, fam, fams, referrals, children, contact_only, co_child)


def _children_table(ctx: Context, state: ChildState, rows: pd.DataFrame) -> pd.DataFrame:
    """Characteristics of every child; siblings new to CSC together share home and ethnicity."""
    rng = ctx.rng("fd_characteristics")
    n = state.n
    kind = state.kind[:n]
    uasc = kind == "uasc"
    sex = np.where(rng.random(n) < np.where(uasc, 0.95, 0.51), "M", "F")
    ethnic = draw_ethnicity(rng, n)
    ethnic[uasc] = draw_ethnicity(rng, int(uasc.sum()), uasc=True)
    locality, home = draw_places(ctx, rng, n)
    # siblings: the first new child of a family lends its home and ethnicity to the others
    first_rows = rows.sort_values("ref_id").drop_duplicates("child_no")
    new_in_family = first_rows[first_rows["size"] > 1]
    lead = new_in_family.groupby("fam_id")["child_no"].transform("first").to_numpy()
    members = new_in_family["child_no"].to_numpy()
    locality[members] = locality[lead]
    home[members] = home[lead]
    ethnic[members] = ethnic[lead]
    needs_n2 = np.zeros(n, dtype=bool)
    needs_n2[rows.loc[rows["need"] == "N2", "child_no"].to_numpy()] = True
    disabled = needs_n2 | (rng.random(n) < 0.04)
    dob = state.dob[:n].astype("datetime64[D]")
    birth_year = dob.astype("datetime64[Y]").astype(int) + 1970
    return pd.DataFrame(
        {
            "child_no": np.arange(n),
            "child_id": [ctx.child_id(i + 1) for i in range(n)],
            "dob": dob,
            "sex": sex,
            "ethnic": ethnic,
            "locality": locality,
            "home_sector": home,
            "upn": make_upns(ctx.la_number, np.arange(n) + 1, birth_year),
            "disabilities": draw_disabilities(rng, disabled),
            "uasc": uasc,
            "first_kind": kind,
        }
    )


def _build(
    ctx: Context,
    params: fp.FrontDoorParams,
    months: np.ndarray,
    fam: pd.DataFrame,
    fams: pd.DataFrame,
    rows: pd.DataFrame,
    children: pd.DataFrame,
    contact_only: pd.DataFrame,
    co_child: np.ndarray,
) -> FrontDoor:
    """Turn family pathways and assigned children into the record tables."""
    rng = ctx.rng("fd_tables")
    end = np.datetime64(ctx.end_month)

    # ---- contacts: one per referral child (from a contact) and one per contact-only child
    from_contact = rows[rows["contact_row"] >= 0]
    c1 = pd.DataFrame(
        {
            "child_no": from_contact["child_no"].to_numpy(),
            "date": from_contact["ref_date"].to_numpy(),
            "minute": from_contact["minute"].to_numpy(),
            "source": from_contact["source"].to_numpy(),
            "outcome": from_contact["outcome"].to_numpy(),
        }
    )
    c2 = pd.DataFrame(
        {
            "child_no": co_child,
            "date": contact_only["date"].to_numpy().astype("datetime64[D]"),
            "minute": contact_only["minute"].to_numpy(),
            "source": contact_only["source"].to_numpy(),
            "outcome": contact_only["outcome"].to_numpy(),
        }
    )
    contacts = pd.concat([c1, c2], ignore_index=True)
    contacts = contacts[contacts["date"] >= np.datetime64(HISTORY_START)]
    contacts = contacts.sort_values(["date", "minute", "child_no"], kind="stable").reset_index(drop=True)
    n = len(contacts)
    contact_time = contacts["date"].to_numpy().astype("datetime64[m]") + contacts["minute"].to_numpy().astype(
        "timedelta64[m]"
    )
    slow = rng.random(n) < 0.06
    lag = np.where(slow, rng.integers(26 * 60, 4 * 24 * 60, n), rng.exponential(300, n).astype(int) + 10)
    contacts["contact_time"] = contact_time
    contacts["decision_time"] = contact_time + lag.astype("timedelta64[m]")
    police = contacts["source"].to_numpy() == "6"
    contacts["brag"] = np.where(police, rng.choice(["B", "R", "A", "G"], n, p=[0.1, 0.15, 0.45, 0.3]), "")
    contacts["contact_id"] = [f"C{i + 1:08d}" for i in range(n)]
    contacts = contacts[
        ["contact_id", "child_no", "contact_time", "source", "outcome", "decision_time", "brag"]
    ]

    # ---- a young person who would be 18 by the planned entry does not come into care
    rows = rows.copy()
    dob = children.set_index("child_no")["dob"].reindex(rows["child_no"]).to_numpy().astype("datetime64[D]")
    entry = rows["entry_date"].to_numpy().astype("datetime64[D]")
    too_old = (rows["route"] != "").to_numpy() & ((entry - dob).astype(int) >= int(17.75 * 365.25))
    rows.loc[too_old, "route"] = ""
    rows.loc[too_old, "closure"] = entry[too_old] + rng.integers(5, 30, int(too_old.sum())).astype(
        "timedelta64[D]"
    )
    rows.loc[too_old, "reason"] = "RC7"
    rows.loc[too_old, "entry_date"] = pd.NaT

    # ---- referrals (child level); an episode never closes before its last record ends
    ends = np.column_stack(
        [
            rows[c].to_numpy().astype("datetime64[D]").astype(np.int64)
            for c in (
                "ref_date",
                "asmt_end",
                "re_asmt_end",
                "cin_end",
                "cpp_end",
                "icpc_date",
                "s47_concluded",
            )
        ]
    )
    ends = np.where(ends == np.datetime64("NaT").astype(np.int64), np.iinfo(np.int64).min, ends)
    rows["last_activity"] = ends.max(axis=1).astype("datetime64[D]")
    closure = rows["closure"].to_numpy().astype("datetime64[D]")
    rows["closure"] = np.where(
        np.isnat(closure), closure, np.maximum(closure, rows["last_activity"].to_numpy())
    )
    referrals = rows[
        [
            "ref_id",
            "fam_id",
            "child_no",
            "ref_date",
            "source",
            "nfa",
            "need",
            "closure",
            "reason",
            "route",
            "entry_date",
            "kind",
            "cpp",
            "s47",
            "cin_plan",
            "assessed",
            "last_activity",
        ]
    ].copy()

    # ---- assessments and their factors
    a1 = rows.loc[rows["assessed"], ["ref_id", "child_no", "asmt_start", "asmt_end"]]
    a2 = rows.loc[rows["re_asmt_start"].notna(), ["ref_id", "child_no", "re_asmt_start", "re_asmt_end"]]
    a2.columns = a1.columns
    assessments = pd.concat([a1, a2], ignore_index=True).rename(
        columns={"asmt_start": "start", "asmt_end": "end"}
    )
    assessments["factors"] = _factors(rng, assessments, rows)

    cin_plans = (
        rows.loc[rows["cin_plan"], ["ref_id", "child_no", "cin_start", "cin_end"]]
        .rename(columns={"cin_start": "start", "cin_end": "end"})
        .reset_index(drop=True)
    )
    s47 = rows.loc[
        rows["s47"], ["ref_id", "child_no", "s47_start", "icpc_target", "icpc_date", "s47_concluded"]
    ]
    s47 = s47.rename(columns={"s47_start": "start", "s47_concluded": "concluded"}).reset_index(drop=True)

    # ---- CP plans: siblings share category and reviews
    cpp = rows.loc[rows["cpp"], ["ref_id", "fam_id", "child_no", "cpp_start", "cpp_end"]].reset_index(
        drop=True
    )
    cpp["cpp_id"] = np.arange(len(cpp))
    fam_plans = cpp.drop_duplicates("fam_id")[["fam_id", "cpp_start", "cpp_end"]].reset_index(drop=True)
    init, latest = categories(rng, len(fam_plans))
    cat = pd.DataFrame({"fam_id": fam_plans["fam_id"], "initial_cat": init, "latest_cat": latest})
    cpp = cpp.merge(cat, on="fam_id", how="left")
    cpp["n_previous"] = previous_plans(cpp)
    far = np.datetime64(ctx.end_month) + 3650
    fam_plans_open = fam_plans.assign(cpp_end=fam_plans["cpp_end"].fillna(pd.Timestamp(far)))
    fam_reviews = review_dates(rng, fam_plans_open, params.cpp_review_late)
    cpp_reviews = cpp[["cpp_id", "fam_id", "child_no"]].merge(fam_reviews, on="fam_id")[
        ["cpp_id", "child_no", "review_date"]
    ]

    # ---- visits (from April 2018): CP every 5-10 working days, CIN every 12-25
    first_day = np.datetime64(HISTORY_START)
    cp_v = family_visits(
        rng,
        fam_plans["cpp_start"].to_numpy(),
        np.minimum(fam_plans["cpp_end"].to_numpy().astype("datetime64[D]"), end),
        fam_plans["fam_id"].to_numpy(),
        (4, 9),
        params.cp_visit_lapse,
        (22, 40),
        first_day,
    )
    cp_v = cpp[["fam_id", "child_no"]].merge(cp_v, on="fam_id")
    cp_v["visit_type"] = "CP"
    cin_fams = rows.loc[rows["cin_plan"]].drop_duplicates("fam_id")
    cin_v = family_visits(
        rng,
        cin_fams["cin_start"].to_numpy(),
        np.minimum(cin_fams["cin_end"].to_numpy().astype("datetime64[D]"), end),
        cin_fams["fam_id"].to_numpy(),
        (12, 25),
        0.05,
        (30, 50),
        first_day,
    )
    cin_v = rows.loc[rows["cin_plan"], ["fam_id", "child_no"]].merge(cin_v, on="fam_id")
    cin_v["visit_type"] = "CIN"
    visits = pd.concat([cp_v, cin_v], ignore_index=True)[["child_no", "visit_date", "visit_type"]]
    visits = visits[visits["visit_date"] <= end]
    visits = apply_migration_gap(rng, visits)
    visits["child_seen"] = rng.random(len(visits)) < 0.97
    visits["seen_alone"] = visits["child_seen"] & (rng.random(len(visits)) < 0.6)
    visits = visits.sort_values(["visit_date", "child_no", "visit_type"], kind="stable").reset_index(
        drop=True
    )

    care_entries = _care_entries(children, rows, end)
    return FrontDoor(
        children=children,
        contacts=contacts,
        referrals=referrals,
        assessments=assessments,
        cin_plans=cin_plans,
        s47=s47,
        cpp=cpp,
        cpp_reviews=cpp_reviews,
        visits=visits,
        care_entries=care_entries,
    )


def _factors(rng: np.random.Generator, assessments: pd.DataFrame, rows: pd.DataFrame) -> np.ndarray:
    """';'-joined assessment factors; UASC get 9A, disabled children 6A, assessments with none get 21."""
    n = len(assessments)
    by_ref = rows.set_index("ref_id")
    kind = by_ref.loc[assessments["ref_id"], "kind"].to_numpy()
    codes = np.array([c for c, _ in FACTORS])
    has = rng.random((n, len(FACTORS))) < np.array([p for _, p in FACTORS]) * 0.9
    out = []
    for i in range(n):
        chosen = list(codes[has[i]])
        if kind[i] == "uasc":
            chosen = ["9A"]
        elif kind[i] == "short_breaks":
            chosen = ["6A"] + chosen[:1]
        out.append(";".join(chosen) if chosen else "21")
    return np.array(out, dtype=object)


def _care_entries(children: pd.DataFrame, rows: pd.DataFrame, end: np.datetime64) -> pd.DataFrame:
    """The care part's input: one row per period of care to start, by end_month (burn-in included)."""
    e = rows[(rows["route"] != "") & rows["entry_date"].notna()].copy()
    e = e[e["entry_date"].to_numpy().astype("datetime64[D]") <= end]
    c = children.set_index("child_no")
    e = e.join(c, on="child_no")
    # a child enters care at most once from one referral; a born-in-care baby enters after birth
    entry = np.maximum(
        e["entry_date"].to_numpy().astype("datetime64[D]"), e["dob"].to_numpy().astype("datetime64[D]")
    )
    out = pd.DataFrame(
        {
            "child_id": e["child_id"].to_numpy(),
            "upn": e["upn"].to_numpy(),
            "dob": pd.to_datetime(e["dob"]).dt.date.to_numpy(),
            "sex": e["sex"].to_numpy(),
            "ethnic": e["ethnic"].to_numpy(),
            "locality": e["locality"].to_numpy(),
            "home_sector": e["home_sector"].to_numpy(),
            "entry_date": pd.to_datetime(entry).date,
            "need_code": e["need"].to_numpy(),
            "uasc": e["uasc"].to_numpy(bool),
            "route": e["route"].to_numpy(),
        }
    )
    out = out.sort_values(["entry_date", "child_id"], kind="stable").drop_duplicates("child_id")
    return out.reset_index(drop=True)


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
