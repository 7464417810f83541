"""Periods of care: from each front-door entry, how the period will end, when, and its legal statuses.

Each entry gets an exit *track* (home, adopt, sgo, cao, other, to18, remand, short breaks) drawn by age
at entry from ``CareParams.track_by_age``; the track sets the length of stay and the exit code, so the
stock (~455 at 31 March), the flows (~155 a year) and the exit mix of calibration.md come out of the
same child-level draws. Legal statuses follow the route into care: police protection or an emergency
protection order first for emergencies, interim then full care orders for care proceedings, section 20
for voluntary accommodation and UASC, a placement order before adoption, V3/V4 for short breaks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cscdash.synthetic.care_dates import DAY, add_years, age_fraction, as_days, days, lognormal_days
from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.context import Context

TRACKS = ("home", "adopt", "sgo", "cao", "other", "to18")
NAT = np.datetime64("NaT", "D")


def _age_band(age: np.ndarray, uasc: np.ndarray) -> np.ndarray:
    band = np.select([age < 1, age < 5, age < 10, age < 16], ["under1", "1to4", "5to9", "10to15"], "16to17")
    return np.where(uasc, "uasc", band)


def draw_codes(rng: np.random.Generator, options: list[str], probs: list[float], size: int) -> np.ndarray:
    """Draw ``size`` codes from ``options`` with probabilities ``probs`` (normalised)."""
    p = np.asarray(probs, dtype=float)
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=size, p=p / p.sum())]


def _drop_overlaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop a child's entry that starts before that child's previous period has ended.

    The front door cannot know how long the care part keeps a child, so a later entry can fall inside
    an earlier period; the earlier period wins (the later referral simply did not lead to care).
    """
    frame = frame.sort_values(["child_id", "start"], kind="stable")
    while True:
        prev_end = frame.groupby("child_id")["end"].shift(1)
        clash = prev_end.notna() & (frame["start"] <= prev_end)
        if not clash.any():
            return frame
        # drop only the first clash of each child per pass, so chains resolve in order
        first = clash & ~clash.groupby(frame["child_id"]).shift(1, fill_value=False).astype(bool)
        frame = frame[~first]


def draw_periods(ctx: Context, entries: pd.DataFrame, params: CareParams) -> pd.DataFrame:
    """One row per period of care (short-break series still one row): track, natural end, exit code.

    Columns: the entry's columns plus start, end (datetime64[D], not yet cut at end_month), track, rec,
    age_at_entry, and the adoption timeline (decision, po_date, placed, match, ffa, consent).
    """
    rng = ctx.rng("care.periods")
    frame = entries.reset_index(drop=True).copy()
    dob = as_days(frame["dob"])
    start = as_days(frame["entry_date"])
    eighteen = add_years(dob, 18)
    keep = (start >= dob) & (start < eighteen)
    frame, dob, start, eighteen = frame[keep].reset_index(drop=True), dob[keep], start[keep], eighteen[keep]
    n = len(frame)
    uasc = frame["uasc"].to_numpy(dtype=bool)
    route = frame["route"].to_numpy(dtype=object)
    age = age_fraction(dob, start)
    band = _age_band(age, uasc)

    track = np.empty(n, dtype=object)
    u = rng.random(n)
    for name, probs in params.track_by_age.items():
        cum = np.cumsum(probs) / np.sum(probs)
        rows = band == name
        track[rows] = np.asarray(TRACKS, dtype=object)[np.searchsorted(cum, u[rows], side="right").clip(0, 5)]
    remand = (route == "cin") & (age >= 12) & ~uasc & (rng.random(n) < 0.06)
    track[remand] = "remand"
    track[route == "short_breaks"] = "short_breaks"

    length = np.zeros(n, dtype=int)
    for name, (median, sigma) in {
        "home": params.home_days,
        "other": params.other_days,
        "sgo": params.sgo_days,
        "cao": params.cao_days,
    }.items():
        rows = track == name
        length[rows] = lognormal_days(rng, median, sigma, int(rows.sum()))
    rows = track == "remand"
    length[rows] = np.clip(lognormal_days(rng, 40, 0.8, int(rows.sum())), 2, 200)
    rows = track == "short_breaks"
    length[rows] = rng.integers(120, 365, int(rows.sum()))
    end = start + days(length)

    # adoption timeline (calibration: entry to placed with adopters ~500 days)
    adopt = track == "adopt"
    consent = adopt & ((frame["need_code"].to_numpy(dtype=object) == "N8") | (rng.random(n) < 0.12))
    decision = start + days(lognormal_days(rng, *params.adopt_decision_days, n))
    po_date = np.where(
        adopt & ~consent,
        np.maximum(decision + days(rng.integers(20, 90, n)), start + days(rng.integers(250, 400, n))),
        NAT,
    )
    placed = start + days(lognormal_days(rng, *params.adopt_entry_to_placed_days, n))
    placed = np.where(
        consent, np.maximum(placed, decision + days(30)), np.maximum(placed, po_date + days(30))
    )
    match = placed - days(rng.integers(7, 45, n))
    order_days = np.maximum(70, lognormal_days(rng, *params.adopt_placed_to_order_days, n))
    end = np.where(adopt, placed + days(order_days), end)
    ffa = adopt & (rng.random(n) < 0.16)

    end = np.where(np.isin(track, ["to18"]), eighteen, end)
    hits_18 = (end >= eighteen) & (track != "short_breaks")
    track[hits_18 & ~np.isin(track, ["to18", "remand"])] = "to18"
    end = np.minimum(end, eighteen)
    end = np.maximum(end, start + DAY)

    frame = frame.assign(
        start=start,
        end=end,
        dob_d=dob,
        eighteen=eighteen,
        track=track,
        age_at_entry=age,
        uasc=uasc,
        consent=consent,
        ffa=ffa,
        decision=np.where(adopt, decision, NAT),
        po_date=np.where(adopt, po_date, NAT),
        placed=np.where(adopt, placed, NAT),
        match=np.where(adopt, match, NAT),
    )
    frame = _drop_overlaps(frame).reset_index(drop=True)
    frame["short_break_ls"] = np.where(
        frame["track"] == "short_breaks", draw_codes(rng, ["V3", "V4"], [0.6, 0.4], len(frame)), None
    )
    frame = _expand_short_breaks(rng, frame)
    frame["rec"] = _exit_codes(rng, frame)
    frame.insert(0, "period_id", np.arange(len(frame)))
    return frame


def _expand_short_breaks(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    """A V3 series becomes one period per break (each starts with RNE S); a V4 agreement stays one."""
    series = frame[frame["short_break_ls"] == "V3"]
    if series.empty:
        return frame
    k = 15
    gaps = rng.integers(21, 50, (len(series), k))
    gaps[:, 0] = 0
    starts = series["start"].to_numpy(dtype="datetime64[D]")[:, None] + days(np.cumsum(gaps, axis=1))
    ends = starts + days(rng.integers(1, 4, (len(series), k)))
    limit = series["end"].to_numpy(dtype="datetime64[D]")[:, None]
    ok = ends <= limit
    ok[:, 0] = True
    rows = np.repeat(np.arange(len(series)), ok.sum(axis=1))
    breaks = series.iloc[rows].copy()
    breaks["start"] = starts[ok]
    breaks["end"] = np.minimum(ends[ok], breaks["eighteen"].to_numpy(dtype="datetime64[D]"))
    breaks = breaks[breaks["end"] > breaks["start"]]
    rest = frame[frame["short_break_ls"] != "V3"]
    return pd.concat([rest, breaks]).sort_values(["child_id", "start"], kind="stable").reset_index(drop=True)


def _exit_codes(rng: np.random.Generator, frame: pd.DataFrame) -> np.ndarray:
    """REC of each period's last episode; to18 periods get theirs once placements are known."""
    n = len(frame)
    track = frame["track"].to_numpy(dtype=object)
    uasc = frame["uasc"].to_numpy(dtype=bool)
    age_end = age_fraction(frame["dob_d"].to_numpy(), frame["end"].to_numpy())
    rec = np.full(n, None, dtype=object)
    rec[track == "home"] = draw_codes(rng, ["E4A", "E4B"], [0.82, 0.18], int((track == "home").sum()))
    rec[track == "adopt"] = draw_codes(rng, ["E11", "E12"], [0.7, 0.3], int((track == "adopt").sum()))
    rec[track == "sgo"] = draw_codes(
        rng, ["E45", "E46", "E47", "E48"], [0.45, 0.15, 0.3, 0.1], int((track == "sgo").sum())
    )
    rec[track == "cao"] = "E41"
    rec[track == "remand"] = "E14"
    rec[track == "short_breaks"] = "E4A"
    other = track == "other"
    generic = draw_codes(rng, ["E13", "E3", "E8", "E9", "E2"], [0.45, 0.22, 0.27, 0.05, 0.01], n)
    generic = np.where((generic == "E9") & (age_end < 12), "E13", generic)
    asylum = draw_codes(rng, ["E15", "E16", "E3", "E8"], [0.35, 0.15, 0.35, 0.15], n)
    rec[other] = np.where(uasc, asylum, generic)[other]
    return rec


def legal_status_events(ctx: Context, periods: pd.DataFrame) -> pd.DataFrame:
    """Dated legal-status changes of each period: period_id, date, ls (the first is the period start)."""
    rng = ctx.rng("care.legal_status")
    n = len(periods)
    route = periods["route"].to_numpy(dtype=object)
    track = periods["track"].to_numpy(dtype=object)
    uasc = periods["uasc"].to_numpy(dtype=bool)
    consent = periods["consent"].to_numpy(dtype=bool)
    start = periods["start"].to_numpy(dtype="datetime64[D]")
    end = periods["end"].to_numpy(dtype="datetime64[D]")
    po = periods["po_date"].to_numpy(dtype="datetime64[D]")
    age = periods["age_at_entry"].to_numpy()

    ls0 = np.select(
        [track == "short_breaks", track == "remand", uasc | consent, route == "emergency", route == "cp"],
        [
            periods["short_break_ls"].to_numpy(dtype=object),
            np.full(n, "J1", dtype=object),
            np.full(n, "V2", dtype=object),
            draw_codes(rng, ["L1", "L2"], [0.6, 0.4], n),
            draw_codes(rng, ["C1", "V2"], [0.7, 0.3], n),
        ],
        draw_codes(rng, ["V2", "C1"], [0.7, 0.3], n),
    ).astype(object)
    events = [(start, ls0, np.ones(n, dtype=bool))]
    cur_ls, cur_date = ls0.copy(), start.copy()

    emergency = np.isin(ls0, ["L1", "L2"])
    d1 = start + days(np.where(ls0 == "L1", rng.integers(1, 4, n), rng.integers(3, 9, n)))
    ls1 = draw_codes(rng, ["C1", "V2"], [0.75, 0.25], n)
    events.append((d1, ls1, emergency))
    cur_ls = np.where(emergency, ls1, cur_ls)
    cur_date = np.where(emergency, d1, cur_date)

    p_convert = np.select(
        [
            track == "adopt",
            track == "sgo",
            track == "cao",
            (track == "to18") & (age < 14),
            track == "to18",
            track == "home",
        ],
        [1.0, 0.9, 0.8, 0.9, 0.75, 0.5],
        0.4,
    )
    convert = (cur_ls == "V2") & ~uasc & ~consent & (rng.random(n) < p_convert)
    d2 = cur_date + days(lognormal_days(rng, 110, 0.6, n))
    d2 = np.where(track == "adopt", np.minimum(d2, po - days(40)), d2)
    d2 = np.maximum(d2, cur_date + DAY)
    events.append((d2, np.full(n, "C1", dtype=object), convert))
    cur_ls = np.where(convert, "C1", cur_ls)
    cur_date = np.where(convert, d2, cur_date)

    full_order = cur_ls == "C1"
    d3 = cur_date + days(lognormal_days(rng, 185, 0.25, n))
    full_order &= ~((track == "adopt") & (d3 >= po - DAY))
    events.append((d3, np.full(n, "C2", dtype=object), full_order))
    events.append((po, np.full(n, "E1", dtype=object), (track == "adopt") & ~consent))

    frames = [
        pd.DataFrame({"period_id": periods["period_id"].to_numpy()[m], "date": d[m], "ls": ls[m]})
        for d, ls, m in events
    ]
    out = pd.concat(frames, ignore_index=True)
    period_end = pd.Series(end, index=periods["period_id"].to_numpy())
    out = out[out["date"].to_numpy(dtype="datetime64[D]") < period_end.loc[out["period_id"]].to_numpy()]
    return out.sort_values(["period_id", "date"], kind="stable").reset_index(drop=True)
