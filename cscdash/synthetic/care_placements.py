"""Placements within each period of care: when children move, where to, and why.

A period's placements come from a two-kind duration model: most placements are stable (years) and
some are unstable (months), with the unstable share rising with age, which gives both ~10% of children
with 3+ placements in a year and ~75% long-term stability (calibration.md section 3). Planned moves are
added on top: an emergency placement replaced by a planned one, the move to adopters, the move to
supported accommodation before independent living, the last months placed with parents before going
home, short-term foster care becoming long-term with the same carer (RNE T), temporary T0-T4 moves
that return to the same placement, and H5/P2 placements becoming K3 on 1 April 2024.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import DAY, add_years, age_fraction, days
from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.care_periods import draw_codes
from cscdash.synthetic.care_places import locate_placements
from cscdash.synthetic.context import Context

K3_START = np.datetime64("2024-04-01", "D")
MAX_PLACEMENTS = 14
#: England 2024 mix of reasons for unplanned and routine moves (calibration.md section 4)
MOVE_REASONS = (
    ["CARPL", "CREQB", "CREQO", "CHILD", "LAREQ", "ALLEG", "STAND", "APPRR", "CLOSE", "CUSTOD", "OTHER"],
    [0.26, 0.16, 0.12, 0.06, 0.03, 0.025, 0.02, 0.01, 0.05, 0.015, 0.25],
)
#: placement group by age band at the start of the placement (foster, K2, K1, supported, S1, Z1)
GROUPS = ["foster", "K2", "K1", "supported", "S1", "Z1"]
GROUP_P = {
    "under5": [0.98, 0.0, 0.0, 0.0, 0.0, 0.02],
    "5to9": [0.87, 0.10, 0.0, 0.0, 0.01, 0.02],
    "10to15": [0.54, 0.38, 0.02, 0.0, 0.03, 0.03],
    "16to17": [0.38, 0.32, 0.01, 0.24, 0.02, 0.03],
    "uasc_young": [0.85, 0.15, 0.0, 0.0, 0.0, 0.0],
    "uasc_16": [0.35, 0.05, 0.0, 0.6, 0.0, 0.0],
}


def _band(age: np.ndarray, uasc: np.ndarray) -> np.ndarray:
    band = np.select([age < 5, age < 10, age < 16], ["under5", "5to9", "10to15"], "16to17")
    return np.where(uasc, np.where(age < 16, "uasc_young", "uasc_16"), band)


def _placement_starts(rng: np.random.Generator, periods: pd.DataFrame, params: CareParams) -> pd.DataFrame:
    """Unplanned sequence of placement starts per period: period_id, date, reason_prev."""
    n = len(periods)
    dob = periods["dob_d"].to_numpy(dtype="datetime64[D]")
    uasc = periods["uasc"].to_numpy(dtype=bool)
    end = periods["end"].to_numpy(dtype="datetime64[D]")
    cur = periods["start"].to_numpy(dtype="datetime64[D]")
    rows = [pd.DataFrame({"period_id": periods["period_id"].to_numpy(), "date": cur, "reason_prev": None})]
    share = dict(params.volatile_share)
    share.update({"uasc_young": share["10to15"], "uasc_16": share["16to17"]})
    volatile = rng.random(n) < np.vectorize(share.get)(_band(age_fraction(dob, cur), uasc))
    p_unstable = np.where(volatile, params.volatile_unstable_pct, params.calm_unstable_pct)
    for k in range(MAX_PLACEMENTS - 1):
        settled = (cur - periods["start"].to_numpy(dtype="datetime64[D]")) / DAY > params.settle_after_days
        unstable = rng.random(n) < np.where(volatile & settled, params.settled_unstable_pct, p_unstable)
        length = np.where(
            unstable,
            14 + rng.exponential(params.unstable_mean_days, n),
            rng.exponential(params.stable_mean_years * 365.25, n),
        )
        reason = np.where(
            unstable,
            draw_codes(rng, *MOVE_REASONS, n),
            draw_codes(rng, ["CARPL", "CLOSE", "CREQO", "OTHER", "CHILD"], [0.4, 0.2, 0.15, 0.2, 0.05], n),
        )
        if k == 0:
            initial = rng.random(n) < params.initial_move_pct
            length = np.where(initial, rng.integers(5, 90, n), length)
            reason = np.where(initial, "CARPL", reason)
        cur = cur + days(np.round(length).astype(int))
        alive = cur < end
        if not alive.any():
            break
        rows.append(
            pd.DataFrame(
                {
                    "period_id": periods["period_id"].to_numpy()[alive],
                    "date": cur[alive],
                    "reason_prev": reason[alive],
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _cut_and_add(moves: pd.DataFrame, cut: pd.DataFrame) -> pd.DataFrame:
    """Drop each period's moves on or after ``cut.date`` and append the rows of ``cut`` instead."""
    at = moves["period_id"].map(cut.set_index("period_id")["date"])
    keep = at.isna() | (moves["date"] < at)
    return pd.concat([moves[keep], cut], ignore_index=True)


def plan_placements(
    ctx: Context, periods: pd.DataFrame, ls_events: pd.DataFrame, params: CareParams
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Placement starts of every period with their codes and places; also the periods with final REC.

    Returns (periods, placements); placements has one row per new placement or same-carer change:
    period_id, date, PLACE, PLACE_PROVIDER, URN, PL_POST, PL_DISTANCE, PL_LOCATION, PL_LA, same_carer,
    temporary, reason_prev (REASON_PLACE_CHANGE for the episode that ends on this date).
    """
    rng = ctx.rng("care.placements")
    periods = periods.copy()
    track = periods["track"].to_numpy(dtype=object)
    regular = ~np.isin(track, ["short_breaks", "remand"])
    moves = _placement_starts(rng, periods[regular], params)
    moves["fixed"] = None
    moves["same_carer"] = False
    pid = periods["period_id"].to_numpy()
    start = periods["start"].to_numpy(dtype="datetime64[D]")
    end = periods["end"].to_numpy(dtype="datetime64[D]")
    dob = periods["dob_d"].to_numpy(dtype="datetime64[D]")
    n = len(periods)

    special = [
        pd.DataFrame(
            {
                "period_id": pid[~regular],
                "date": start[~regular],
                "reason_prev": None,
                "fixed": np.where(
                    track[~regular] == "remand",
                    draw_codes(rng, ["R5", "K1", "K2"], [0.4, 0.3, 0.3], n)[~regular],
                    draw_codes(rng, ["U6", "K2"], [0.6, 0.4], n)[~regular],
                ),
                "same_carer": False,
            }
        )
    ]
    moves = pd.concat([moves, *special], ignore_index=True)

    # adoption: the move to adopters (with the current foster carer when fostering for adoption)
    adopt = track == "adopt"
    ffa = periods["ffa"].to_numpy(dtype=bool)
    consent = periods["consent"].to_numpy(dtype=bool)
    placed = periods["placed"].to_numpy(dtype="datetime64[D]")
    code = np.where(consent, np.where(ffa, "A3", "A4"), np.where(ffa, "A5", "A6"))
    cut = pd.DataFrame(
        {
            "period_id": pid[adopt],
            "date": placed[adopt],
            "reason_prev": np.where(ffa[adopt], "PLACE", "CARPL"),
            "fixed": code[adopt],
            "same_carer": ffa[adopt],
        }
    )
    moves = _cut_and_add(moves, cut)

    # to18: supported accommodation then independent living (E5/E6), or stay to the 18th birthday
    to18 = track == "to18"
    uasc = periods["uasc"].to_numpy(dtype=bool)
    indep = to18 & (rng.random(n) < np.where(uasc, 0.2, 0.15))
    sixteen = add_years(dob, 16)
    eighteen = periods["eighteen"].to_numpy(dtype="datetime64[D]")
    move = np.maximum(sixteen + days(rng.integers(0, 400, n)), start)
    indep &= move < eighteen - days(60)
    leave = np.minimum(move + days(rng.integers(60, 600, n)), eighteen)
    end = np.where(indep, leave, end)
    periods["end"] = end
    cut = pd.DataFrame(
        {
            "period_id": pid[indep],
            "date": move[indep],
            "reason_prev": "CARPL",
            "fixed": "supported",
            "same_carer": False,
        }
    )
    moves = _cut_and_add(moves, cut)
    moves = pd.concat([moves, _teen_moves(ctx, periods, indep, params)], ignore_index=True)

    # home: the last months placed with parents under a care order
    home = (track == "home") & ((end - start) / DAY > 120) & (rng.random(n) < 0.8)
    p1_date = end - days(rng.integers(150, 800, n))
    home &= p1_date > start + days(30)
    ls_at = _legal_status_at(ls_events, pid[home], p1_date[home])
    ok = np.isin(ls_at, ["C1", "C2"])
    cut = pd.DataFrame(
        {
            "period_id": pid[home][ok],
            "date": p1_date[home][ok],
            "reason_prev": "CARPL",
            "fixed": "P1",
            "same_carer": False,
        }
    )
    moves = _cut_and_add(moves, cut)

    # to18: a trial at home under a care order (placed with parents), then back to foster care
    trial = (track == "to18") & ~indep & (rng.random(n) < 0.4)
    t1 = start + days(rng.integers(200, 2500, n))
    t2 = t1 + days(rng.integers(300, 900, n))
    trial &= (t2 < end - days(60)) & (age_fraction(dob, t1) >= 4)
    ok = np.isin(_legal_status_at(ls_events, pid[trial], t1[trial]), ["C1", "C2"])
    rows = np.flatnonzero(trial)[ok]
    at = moves["period_id"].map(pd.Series(t1[rows], index=pid[rows]))
    back = moves["period_id"].map(pd.Series(t2[rows], index=pid[rows]))
    inside = at.notna() & (moves["date"] >= at) & (moves["date"] < back)
    moves = pd.concat(
        [
            moves[~inside],
            pd.DataFrame(
                {
                    "period_id": np.concatenate([pid[rows], pid[rows]]),
                    "date": np.concatenate([t1[rows], t2[rows]]),
                    "reason_prev": np.concatenate(
                        [
                            np.full(len(rows), "CARPL"),
                            draw_codes(rng, ["OTHER", "CARPL", "LAREQ"], [0.5, 0.3, 0.2], len(rows)),
                        ]
                    ),
                    "fixed": np.concatenate([np.full(len(rows), "P1"), np.full(len(rows), "U6")]),
                    "same_carer": False,
                }
            ),
        ],
        ignore_index=True,
    )

    moves = moves.merge(periods[["period_id", "end"]], on="period_id")
    moves = moves[moves["date"] < moves["end"]].drop(columns="end")
    moves = (
        moves.sort_values(["period_id", "date"], kind="stable")
        .drop_duplicates(["period_id", "date"], keep="last")
        .reset_index(drop=True)
    )
    moves = _assign_codes(rng, periods, moves)
    moves = _long_term_conversions(rng, periods, moves, params)
    moves = _k3_switch(periods, moves)
    moves = locate_placements(ctx, rng, periods, moves, params)
    moves = _temporary_moves(rng, periods, moves, params)
    periods["rec"] = _to18_exit_codes(rng, periods, moves, indep)
    return periods, moves


def _teen_moves(ctx: Context, periods: pd.DataFrame, indep: np.ndarray, params: CareParams) -> pd.DataFrame:
    """Planned moves of to18 teenagers at 16-17 (and sometimes one more before 18), on top of the others.

    Adolescents move on more than younger children: to a children's home, supported accommodation or
    another foster home (the code is drawn by age like any other placement). Their own random stream
    keeps every other draw of the placement model unchanged.
    """
    rng = ctx.rng("care.placements.teen")
    n = len(periods)
    start = periods["start"].to_numpy(dtype="datetime64[D]")
    end = periods["end"].to_numpy(dtype="datetime64[D]")
    first = add_years(periods["dob_d"].to_numpy(dtype="datetime64[D]"), 16) + days(rng.integers(0, 540, n))
    to18 = periods["track"].to_numpy(dtype=object) == "to18"
    move = to18 & ~indep & (rng.random(n) < params.teen_move_pct)
    move &= (first > start + days(120)) & (first < end - days(60))
    second = first + days(rng.integers(150, 450, n))
    again = move & (rng.random(n) < params.teen_second_move_pct) & (second < end - days(30))
    pid = periods["period_id"].to_numpy()
    return pd.DataFrame(
        {
            "period_id": np.concatenate([pid[move], pid[again]]),
            "date": np.concatenate([first[move], second[again]]),
            "reason_prev": draw_codes(rng, *MOVE_REASONS, int(move.sum() + again.sum())),
            "fixed": None,
            "same_carer": False,
        }
    )


def _legal_status_at(ls_events: pd.DataFrame, period_ids: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Legal status of each (period, date) pair: the last change on or before the date."""
    if len(period_ids) == 0:
        return np.array([], dtype=object)
    query = pd.DataFrame({"period_id": period_ids, "date": dates, "order": np.arange(len(period_ids))})
    found = pd.merge_asof(
        query.sort_values("date"),
        ls_events.sort_values("date"),
        on="date",
        by="period_id",
        direction="backward",
    )
    return found.sort_values("order")["ls"].to_numpy(dtype=object)


def _assign_codes(rng: np.random.Generator, periods: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """PLACE of each placement by age at its start (calibration.md placement mix)."""
    info = periods.set_index("period_id")
    dob = info.loc[moves["period_id"], "dob_d"].to_numpy(dtype="datetime64[D]")
    uasc = info.loc[moves["period_id"], "uasc"].to_numpy(dtype=bool)
    pstart = info.loc[moves["period_id"], "start"].to_numpy(dtype="datetime64[D]")
    date = moves["date"].to_numpy(dtype="datetime64[D]")
    age = age_fraction(dob, date)
    band = _band(age, uasc)
    m = len(moves)
    group = np.empty(m, dtype=object)
    for name, probs in GROUP_P.items():
        rows = band == name
        group[rows] = draw_codes(rng, GROUPS, probs, int(rows.sum()))
    group = np.where((group == "supported") & (age < 16), "foster", group)
    into_care = (date - pstart) / DAY
    connected = rng.random(m) < 0.22
    long_term = (into_care > 300) & (rng.random(m) < 0.6)
    foster = np.where(connected, np.where(long_term, "U1", "U3"), np.where(long_term, "U4", "U6"))
    supported = np.where(date >= K3_START, "K3", draw_codes(rng, ["H5", "P2"], [0.7, 0.3], m))
    place = np.select([group == "foster", group == "supported"], [foster, supported], group).astype(object)
    babies = (into_care == 0) & (age < 1) & (rng.random(m) < 0.06)
    place = np.where(babies, "R3", place)
    fixed = moves["fixed"].to_numpy(dtype=object)
    fixed = np.where(fixed == "supported", supported, fixed)
    place = np.where(pd.notna(fixed), fixed, place)
    # fostering for adoption: the placement before an A3/A5 move is with an approved adopter
    nxt = pd.Series(place).groupby(moves["period_id"].to_numpy()).shift(-1).to_numpy(dtype=object)
    ffa_before = np.isin(nxt, ["A3", "A5"])
    place = np.where(ffa_before, np.where(connected, "U2", "U5"), place)
    return moves.assign(PLACE=place, temporary=False).drop(columns="fixed")


def _long_term_conversions(
    rng: np.random.Generator, periods: pd.DataFrame, moves: pd.DataFrame, params: CareParams
) -> pd.DataFrame:
    """Short-term foster care that lasts becomes long-term with the same carer (RNE T, reason PLACE)."""
    ends = moves.groupby("period_id")["date"].shift(-1)
    period_end = moves["period_id"].map(periods.set_index("period_id")["end"])
    stop = ends.fillna(period_end).to_numpy(dtype="datetime64[D]")
    date = moves["date"].to_numpy(dtype="datetime64[D]")
    when = date + days(rng.integers(180, 420, len(moves)))
    pick = (
        moves["PLACE"].isin(["U3", "U6"]).to_numpy()
        & (when < stop - days(30))
        & (rng.random(len(moves)) < params.long_term_conversion_pct)
    )
    new = moves[pick].copy()
    new["date"] = when[pick]
    new["PLACE"] = np.where(new["PLACE"] == "U3", "U1", "U4")
    new["same_carer"] = True
    new["reason_prev"] = "PLACE"
    return pd.concat([moves, new]).sort_values(["period_id", "date"], kind="stable").reset_index(drop=True)


def _k3_switch(periods: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """H5/P2 placements open on 1 April 2024 become K3 that day (same carer, reason PLACE)."""
    ends = moves.groupby("period_id")["date"].shift(-1)
    period_end = moves["period_id"].map(periods.set_index("period_id")["end"])
    stop = ends.fillna(period_end).to_numpy(dtype="datetime64[D]")
    date = moves["date"].to_numpy(dtype="datetime64[D]")
    pick = moves["PLACE"].isin(["H5", "P2"]).to_numpy() & (date < K3_START) & (stop > K3_START)
    new = moves[pick].copy()
    new["date"] = K3_START
    new["PLACE"] = "K3"
    new["same_carer"] = True
    new["reason_prev"] = "PLACE"
    return pd.concat([moves, new]).sort_values(["period_id", "date"], kind="stable").reset_index(drop=True)


def _temporary_moves(
    rng: np.random.Generator, periods: pd.DataFrame, moves: pd.DataFrame, params: CareParams
) -> pd.DataFrame:
    """A few T0-T4 moves from foster placements that return to the same placement (rule 383)."""
    nxt = moves.groupby("period_id")["date"].shift(-1)
    period_end = moves["period_id"].map(periods.set_index("period_id")["end"])
    stop = nxt.fillna(period_end).to_numpy(dtype="datetime64[D]")
    date = moves["date"].to_numpy(dtype="datetime64[D]")
    length = (stop - date) / DAY
    m = len(moves)
    chance = 1 - np.exp(-params.temporary_moves_per_year * length / 365.25)
    pick = moves["PLACE"].str.startswith("U").to_numpy() & (length > 60) & (rng.random(m) < chance)
    away = date + days((rng.random(m) * (length - 40)).astype(int) + 20)
    back = away + days(rng.integers(2, 15, m))
    pick &= back < stop
    temp = moves[pick].copy()
    temp["date"] = away[pick]
    temp["PLACE"] = draw_codes(rng, ["T3", "T4", "T1", "T2"], [0.5, 0.3, 0.1, 0.1], int(pick.sum()))
    for col in ("PLACE_PROVIDER", "URN", "PL_POST", "PL_LOCATION", "PL_LA"):
        temp[col] = None
    temp["PL_DISTANCE"] = np.nan
    temp["same_carer"] = False
    temp["temporary"] = True
    temp["reason_prev"] = None
    ret = moves[pick].copy()
    ret["date"] = back[pick]
    ret["same_carer"] = False
    ret["reason_prev"] = None
    out = pd.concat([moves, temp, ret]).sort_values(["period_id", "date"], kind="stable")
    return out.reset_index(drop=True)


def _to18_exit_codes(
    rng: np.random.Generator, periods: pd.DataFrame, moves: pd.DataFrame, indep: np.ndarray
) -> np.ndarray:
    """REC for periods that run to independence or the 18th birthday, from the last placement."""
    rec = periods["rec"].to_numpy(dtype=object).copy()
    last = moves.groupby("period_id")["PLACE"].last()
    last_place = periods["period_id"].map(last).to_numpy(dtype=object)
    n = len(periods)
    track = periods["track"].to_numpy(dtype=object)
    disabled = periods["need_code"].to_numpy(dtype=object) == "N2"
    foster = pd.Series(last_place).fillna("").str.startswith("U").to_numpy()
    from_foster = draw_codes(rng, ["E17", "E8", "E13"], [0.72, 0.18, 0.10], n)
    elsewhere = np.where(
        disabled & (rng.random(n) < 0.6),
        "E7",
        draw_codes(rng, ["E5", "E6", "E8", "E13"], [0.45, 0.15, 0.3, 0.1], n),
    )
    independent = draw_codes(rng, ["E5", "E6"], [0.7, 0.3], n)
    at18 = (track == "to18") & ~indep
    rec = np.where(indep, independent, rec)
    rec = np.where(at18, np.where(foster, from_foster, elsewhere), rec)
    return rec
