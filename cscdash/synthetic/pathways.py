"""What happens after a referral: assessment, S47, conference, plans, care, closure (family level).

Each referral family follows one pathway, drawn with the (drifting) probabilities of its month, so
siblings share their dates (the same ICPC, the same plan start, the same day into care). Dates run
past end_month where the pathway does; the writers hide what an extract could not yet know.
Working-day timescales use :mod:`cscdash.synthetic.working_days`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic import front_door_params as fp
from cscdash.synthetic.working_days import add_working_days

NAT = np.datetime64("NaT", "D")

#: Assessment length bands in working days (calibration.md section 4, shifted to the good profile):
#: within 45 days, then beyond. Each band is (low, high, weight).
ON_TIME_BANDS = [(0, 0, 2), (1, 10, 14), (11, 20, 19), (21, 30, 16), (31, 40, 19), (41, 45, 18)]
LATE_BANDS = [(46, 50, 5), (51, 60, 4), (61, 90, 3)]
#: S47 start to ICPC in working days: within 15 (0-10, 11-15) and later (16-20, 21-35).
ICPC_ON_TIME = [(4, 10, 10), (11, 15, 80)]
ICPC_LATE = [(16, 20, 6), (21, 35, 4)]
#: CP plan length at end in days (calibration.md section 4): <=3m 16%, 3-6m 11%, 6-12m 44%, 1-2y 25%, 2y+ 4%
#: (the two ends weighted so that seeds 1-5 land in the 12-20% and 2-6% bands despite sibling clustering).
CPP_BANDS = [(30, 91, 13.5), (92, 182, 11), (183, 365, 44), (366, 729, 25), (730, 1080, 2.8)]
#: Chances of being a candidate for care (thinned by ``fp.care_keep_chance`` to the level starts): from an
#: S47 that needs no conference (emergency), at the end of a CP plan (unborn babies: at birth), from a
#: CIN plan. Their ratios set the mix of routes into care; thinning keeps about 60% of candidates.
EMERGENCY_CARE = 0.10
CPP_CARE = 0.26
UNBORN_CARE = 0.75
CIN_CARE = 0.04


def draw_bands(rng: np.random.Generator, bands: list[tuple[int, int, float]], n: int) -> np.ndarray:
    """Integers drawn uniformly within bands chosen by weight."""
    lo = np.array([b[0] for b in bands])
    hi = np.array([b[1] for b in bands])
    w = np.array([b[2] for b in bands], dtype=float)
    pick = rng.choice(len(bands), size=n, p=w / w.sum())
    return lo[pick] + (rng.random(n) * (hi[pick] - lo[pick] + 1)).astype(int)


def assessment_lengths(rng: np.random.Generator, late_p: np.ndarray) -> np.ndarray:
    """Working days from assessment start to authorisation, late with probability ``late_p``."""
    n = len(late_p)
    late = rng.random(n) < late_p
    return np.where(late, draw_bands(rng, LATE_BANDS, n), draw_bands(rng, ON_TIME_BANDS, n))


def _days(rng: np.random.Generator, lo: int, hi: int, n: int) -> np.ndarray:
    return rng.integers(lo, hi + 1, n).astype("timedelta64[D]")


def simulate_pathways(
    rng: np.random.Generator, params: fp.FrontDoorParams, months: np.ndarray, fam: pd.DataFrame
) -> pd.DataFrame:
    """Add the pathway columns to referral families ``fam``.

    ``fam`` needs month_idx, ref_date (datetime64[D]), kind ('normal', 'strat', 'unborn', 'uasc',
    'short_breaks') and dob_hint (expected birth date for unborn families, else NaT).
    """
    n = len(fam)
    t = fam["month_idx"].to_numpy()
    kind = fam["kind"].to_numpy()
    ref = fam["ref_date"].to_numpy().astype("datetime64[D]")
    normal = np.isin(kind, ["normal", "strat", "unborn"])
    unborn = kind == "unborn"
    strat = kind == "strat"
    u = lambda: rng.random(n)  # noqa: E731

    p_nfa = fp.drifting(rng, np.full(len(months), params.referral_nfa), bound=0.015)[t]
    nfa = normal & ~strat & ~unborn & (u() < p_nfa / 0.93)
    family_help = normal & ~strat & ~unborn & ~nfa & (u() < fp.family_help_no_assessment(months)[t])
    assessed = ~nfa & ~family_help

    asmt_start = np.where(
        assessed, add_working_days(ref, rng.choice([0, 1, 2, 3], n, p=[0.6, 0.2, 0.1, 0.1])), NAT
    )
    late_p = fp.drifting(rng, fp.assessment_late(params, months), sd=0.005, bound=0.025)[t]
    asmt_wd = assessment_lengths(rng, late_p)
    asmt_end = np.where(assessed, add_working_days(asmt_start.astype("datetime64[D]"), asmt_wd), NAT)

    p_s47 = params.s47_given_assessed * fp.knots(months, list(params.s47_trend))[t]
    s47 = normal & assessed & (strat | (u() < np.where(unborn, 0.75, p_s47)))
    s47_offset = np.where(
        strat, 0, rng.choice([0, 1, 2, 3, 5, 10, 20], n, p=[0.3, 0.2, 0.15, 0.1, 0.1, 0.1, 0.05])
    )
    s47_start = np.where(s47, add_working_days(ref, s47_offset), NAT)
    icpc_target = np.where(s47, add_working_days(s47_start, 15), NAT)
    p_icpc = fp.drifting(rng, np.full(len(months), params.icpc_given_s47), bound=0.03)[t]
    icpc = s47 & (u() < np.where(unborn, 0.8, p_icpc))
    in_15 = fp.drifting(rng, np.full(len(months), params.icpc_in_15wd), bound=0.02)[t]
    icpc_wd = np.where(u() < in_15, draw_bands(rng, ICPC_ON_TIME, n), draw_bands(rng, ICPC_LATE, n))
    icpc_date = np.where(icpc, add_working_days(s47_start, icpc_wd), NAT)
    s47_concluded = np.where(s47 & ~icpc, add_working_days(s47_start, rng.integers(5, 21, n)), NAT)
    cpp = icpc & (u() < params.cpp_given_icpc)
    cpp_start = np.where(cpp, icpc_date, NAT)
    cpp_len = draw_bands(rng, CPP_BANDS, n).astype("timedelta64[D]")
    cpp_end = np.where(cpp, cpp_start + cpp_len, NAT)

    # what follows the front-door stage: candidates for care, thinned below so that starts stay level
    emergency = s47 & ~icpc & (u() < EMERGENCY_CARE)
    cpp_care = cpp & (u() < np.where(unborn, UNBORN_CARE, CPP_CARE))
    cin_care = normal & (u() < CIN_CARE)
    after_cpp_alt = np.where(u() < 0.62, "cin", "close")
    no_s47_draw = u()
    p_close = params.close_after_assessment
    no_s47_next = np.where(no_s47_draw < p_close, "close", np.where(no_s47_draw < 0.94, "cin", "open"))
    s47_only_next = np.where(u() < 0.45, "cin", "close")
    icpc_only_next = np.where(u() < 0.8, "cin", "close")

    def next_stage(emergency: np.ndarray, cpp_care: np.ndarray) -> np.ndarray:
        nxt = np.full(n, "close", dtype=object)
        nxt[assessed & ~s47] = no_s47_next[assessed & ~s47]
        nxt[s47 & ~icpc] = s47_only_next[s47 & ~icpc]
        nxt[emergency] = "care"
        nxt[icpc & ~cpp] = icpc_only_next[icpc & ~cpp]
        nxt[cpp] = after_cpp_alt[cpp]
        nxt[cpp_care] = "care"
        nxt[nfa | family_help] = "close"
        nxt[kind == "uasc"] = "care"
        nxt[kind == "short_breaks"] = "cin"
        return nxt

    cin_care &= next_stage(emergency, cpp_care) == "cin"
    size = fam["size"].to_numpy()
    candidates = np.where(emergency | cpp_care | cin_care, size, 0)
    keep = u() < fp.care_keep_chance(params, months, t, candidates)
    emergency &= keep
    cpp_care &= keep
    cin_care &= keep
    nxt = next_stage(emergency, cpp_care)
    after_cpp = np.where(cpp_care, "care", after_cpp_alt)

    # unborn babies placed at birth: the plan ends a few days after the expected birth date
    dob_hint = fam["dob_hint"].to_numpy().astype("datetime64[D]")
    born_care = unborn & cpp & (after_cpp == "care")
    cpp_end = np.where(born_care, np.maximum(dob_hint, cpp_start + 7) + _days(rng, 1, 10, n), cpp_end)

    # CIN plan: after the assessment (or S47 / conference, or step-down from the CP plan)
    cin = nxt == "cin"
    base_start = np.maximum(
        asmt_end.astype("datetime64[D]"), np.where(s47 & ~icpc, s47_concluded, np.where(icpc, icpc_date, NAT))
    )
    base_start = np.where(np.isnat(base_start), asmt_end, base_start)
    cin_start = np.where(cin, np.where(cpp, cpp_end, base_start), NAT)
    mean_days = params.cin_plan_mean_days * fp.knots(months, list(params.cin_duration_trend))[t]
    cin_len = np.maximum(30, rng.gamma(2.0, mean_days / 2.0)).astype(int)
    cin_len = np.where(kind == "short_breaks", rng.integers(700, 2200, n), cin_len).astype("timedelta64[D]")
    cin_end = np.where(cin, cin_start + cin_len, NAT)
    cin_to_care = cin & cin_care

    # care entry dates and routes
    route = np.full(n, "", dtype=object)
    entry = np.full(n, NAT)
    route[emergency] = "emergency"
    entry = np.where(emergency, s47_start + _days(rng, 0, 3, n), entry)
    cp_care = cpp & (after_cpp == "care")
    route[cp_care] = "cp"
    entry = np.where(cp_care, cpp_end, entry)
    route[cin_to_care] = "cin"
    entry = np.where(cin_to_care, cin_end, entry)
    route[kind == "uasc"] = "uasc"
    entry = np.where(kind == "uasc", ref + _days(rng, 0, 2, n), entry)
    sb = kind == "short_breaks"
    route[sb] = "short_breaks"
    entry = np.where(sb, asmt_end + _days(rng, 10, 60, n), entry)

    # closure (children entering care stay open: close_for_care sets their closure later)
    closure = np.full(n, NAT)
    reason = np.full(n, "", dtype=object)
    year = (ref.astype("datetime64[M]").astype(int) // 12 + 1970) + (
        ref.astype("datetime64[M]").astype(int) % 12 >= 3
    )
    rc_assessed = np.where((year >= 2023) & (u() < 0.3), "RC9", "RC8")
    closure = np.where(nfa, ref, closure)
    reason[nfa] = "RC8"
    closure = np.where(family_help, ref + _days(rng, 20, 90, n), closure)
    reason[family_help] = "RC7"
    close_after = assessed & (nxt == "close") & ~s47
    closure = np.where(close_after, asmt_end + _days(rng, 0, 10, n), closure)
    reason[close_after] = rc_assessed[close_after]
    close_s47 = (nxt == "close") & s47 & ~cpp
    last = np.maximum(asmt_end, np.where(icpc, icpc_date, s47_concluded))
    closure = np.where(close_s47, last + _days(rng, 0, 15, n), closure)
    reason[close_s47] = "RC8"
    close_cpp = cpp & (nxt == "close")
    closure = np.where(close_cpp, cpp_end + _days(rng, 10, 60, n), closure)
    reason[close_cpp] = "RC7"
    close_cin = cin & ~cin_to_care
    closure = np.where(close_cin, cin_end + _days(rng, 20, 100, n), closure)
    reason[close_cin] = "RC7"
    open_np = nxt == "open"
    closure = np.where(open_np, asmt_end + _days(rng, 30, 150, n), closure)
    reason[open_np] = "RC7"
    cin_end = np.where(cin_to_care, entry, cin_end)

    # a second assessment in long CIN plans and CP plans (reviews of need)
    re_asmt = (cin & ((cin_end - cin_start) > np.timedelta64(200, "D")) & (u() < 0.35)) | (
        cpp & ((cpp_end - cpp_start) > np.timedelta64(240, "D")) & (u() < 0.2)
    )
    re_start = np.where(cin, cin_start + _days(rng, 120, 190, n), cpp_start + _days(rng, 150, 230, n))
    re_start = np.where(re_asmt, re_start, NAT)
    re_end = np.where(re_asmt, add_working_days(re_start, assessment_lengths(rng, late_p)), NAT)

    out = fam.copy()
    out["nfa"] = nfa
    out["assessed"] = assessed
    cols = {
        "asmt_start": asmt_start,
        "asmt_end": asmt_end,
        "s47": s47,
        "s47_start": s47_start,
        "icpc_target": icpc_target,
        "icpc": icpc,
        "icpc_date": icpc_date,
        "s47_concluded": s47_concluded,
        "cpp": cpp,
        "cpp_start": cpp_start,
        "cpp_end": cpp_end,
        "cin_plan": cin,
        "cin_start": cin_start,
        "cin_end": cin_end,
        "route": route,
        "entry_date": entry,
        "closure": closure,
        "reason": reason,
        "re_asmt_start": re_start,
        "re_asmt_end": re_end,
    }
    for name, values in cols.items():
        out[name] = values
    return out
