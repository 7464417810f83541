"""The front door's record tables, built from the family pathways once every row has its child.

``FrontDoor`` is what ``simulate_front_door`` returns: one DataFrame per kind of record (contacts,
referrals, assessments, CIN plans, S47s, CP plans and reviews, visits) and the entries into care
handed to the care part. Siblings share their plan's category, conferences and visits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cscdash.synthetic import front_door_params as fp
from cscdash.synthetic.child_assignment import ChildState
from cscdash.synthetic.context import HISTORY_START, Context
from cscdash.synthetic.plan_visits import apply_migration_gap, family_visits
from cscdash.synthetic.population import draw_disabilities, draw_ethnicity, draw_places, make_upns
from cscdash.synthetic.protection import categories, previous_plans, review_dates

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
    """Everything the front door produced, one DataFrame per record type (dates as datetime64).

    children: child_no, child_id, dob, sex, ethnic, locality, home_sector, upn, disabilities, uasc
    contacts: contact_id, child_no, contact_time, source, outcome, decision_time, brag
    referrals: ref_id, fam_id, child_no, ref_date, source, nfa, need, closure, reason, route,
        entry_date, kind, cpp, s47, cin_plan, assessed, last_activity (one row per child referred)
    assessments: ref_id, child_no, start, end, factors (';'-joined)
    cin_plans: ref_id, child_no, start, end
    s47: ref_id, child_no, start, icpc_target, icpc_date, concluded (no ICPC needed, on this date)
    cpp: cpp_id, ref_id, fam_id, child_no, cpp_start, cpp_end, initial_cat, latest_cat, n_previous
    cpp_reviews: cpp_id, child_no, review_date
    visits: child_no, visit_date, visit_type ('CP' or 'CIN'), child_seen, seen_alone
    care_entries: the care part's input (see ``care.simulate_care``)
    """

    children: pd.DataFrame
    contacts: pd.DataFrame
    referrals: pd.DataFrame
    assessments: pd.DataFrame
    cin_plans: pd.DataFrame
    s47: pd.DataFrame
    cpp: pd.DataFrame
    cpp_reviews: pd.DataFrame
    visits: pd.DataFrame
    care_entries: pd.DataFrame


def children_table(ctx: Context, state: ChildState, rows: pd.DataFrame) -> pd.DataFrame:
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


def build_records(
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
