"""The council's local early help episodes file (``local/early_help_SYNTHETIC.csv``).

One row per early help episode of one child: Family ID, Child ID, Date of Birth, Episode Start Date,
Episode End Date (blank while open), Lead Professional Service, Outcome (blank while open) and Step Up
Date (the day the case was referred to children's social care, if it was). Dates are dd/mm/yyyy.

How it is made. Families start early help month by month from April 2016 (two years before the
written history, longer than the longest episode, so April 2018 is in steady state) to the end month;
each family's children share its dates, lead professional and outcome. An episode whose outcome is
"Stepped up to social care" is matched to a referral family of the front door (``FrontDoor.referrals``)
referred in the month the episode would have ended: the episode ends on the referral date and its
children are that family's children (their ids and dates of birth), so every step-up is a referral in
the CIN census and Annex A files. When the referral was no further action, the family usually stays in
early help: the episode goes on after the Step Up Date and ends later with another outcome. Some
episodes that end in other ways are referred later (within 12 months of the end) and are matched the
same way. A matched child has no other referral open while in early help (an episode that would start
while an earlier CIN episode is open starts just after it closes: a step-down) and is in early help
only once. Every other family's children have ids of their own (``<prefix>EH`` + 6 digits, never a
front door id) and dates of birth drawn here. Family ids are ``<prefix>F`` + 6 digits.

Calibration. The targets are the ones set for this file (a fictional authority of 70,000 children aged
0-17, ``ctx.size_factor`` scales the volume); early help is not collected in the CIN census or any
other national return, so there is no published series to copy. The test bands are those of
``tests/synthetic/test_early_help_file.py``, checked on the default demo (seed 1, to October 2026):

- open episodes at a month end: 180-230 per 10,000 children, about 1,300-1,600 (test band at 31 March
  2025): ``FAMILY_STARTS_PER_YEAR`` (1,500 families) x 1.7 children (``FAMILY_SIZE_P``) x a mean length
  of about 6.7 months. Starts follow the school year (``SEASON_STARTS``: few in August, fewer in
  December), so the open count rises gently from September to spring and falls over the summer;
- length: lognormal, median 6 months (``MEDIAN_DAYS``), ``SIGMA`` 0.55, so half last about 4-8.5
  months, with a long tail cut at 18 months (``MAX_DAYS``) and none under 6 weeks (``MIN_DAYS``);
- outcomes of ended episodes (``OUTCOMES_BEFORE``): outcomes achieved 60-70%, partly achieved 10-15%,
  stepped up to social care 8-12%, disengaged 5-10%, moved away 2-4%, not achieved and other the rest
  (test bands, episodes ended in the year to 31 March 2025). About 12% of the matched referrals are no
  further action and those episodes go on to another outcome, so the 11.5% drawn lands near 10%.
  Outcomes are drawn in balanced blocks (``OUTCOME_BLOCK``, stratified sampling within each family size
  in order of end), so a year's shares stay within about a point of these targets at any seed;
- step-ups: of ended episodes, 12-18% have a Step Up Date between their start and 12 months after
  their end (test band, year to 31 March 2025): the step-ups during the episode (about 11%) plus later
  referrals (``LATER_STEP_UP`` by outcome, about 5% of ended episodes, 2 weeks to 11 months after);
- the Family Help reform (April 2024, which the front door scripts as E8), listed in events.csv by
  ``early_help_events``: E8b, the outcomes-achieved share of ended episodes rises by 5 points over the
  year to March 2025 (``OUTCOMES_AFTER``, taken from partly and not achieved, disengaged and other; the
  test wants 2025-26 at least 3 points above 2023-24); E8c, the share of new episodes led by Family Help
  goes from about 15% to about 32% over the same year (``FAMILY_HELP_SHIFT``: a fifth of the episodes
  of every other service move to Family Help).

Randomness comes from the named stream ``local.early_help`` only, and the front door is only read, so
no other file changes; the same seed and end month give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cscdash.synthetic.annex_a_labels import dmy
from cscdash.synthetic.context import HISTORY_START, Context
from cscdash.synthetic.early_help_params import (
    AGE_BAND_P,
    AGE_BANDS,
    FAMILY_HELP_SHIFT,
    FAMILY_SIZE_P,
    FAMILY_STARTS_PER_YEAR,
    LATER_STEP_UP,
    LEAD_SCHOOL_AGE,
    LEAD_UNDER_5,
    MAX_DAYS,
    MEDIAN_DAYS,
    MIN_DAYS,
    OUTCOME_BLOCK,
    OUTCOMES,
    OUTCOMES_AFTER,
    OUTCOMES_BEFORE,
    REFORM,
    SEASON_STARTS,
    SERVICES,
    SIGMA,
    SIM_START,
    STEPPED_UP,
)
from cscdash.synthetic.early_help_referrals import (
    OPEN_DAY,
    Matcher,
    day_number,
    day_numbers,
    month_of,
    referral_families,
)
from cscdash.synthetic.front_door import FrontDoor
from cscdash.synthetic.front_door_params import knots


def _draw(u: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """One category index per row of ``probs`` (rows sum to 1) from the uniform numbers ``u``."""
    return np.minimum((u[:, None] > np.cumsum(probs, axis=1)).sum(axis=1), probs.shape[1] - 1)


def _balanced_uniforms(rng: np.random.Generator, order: np.ndarray, block: int) -> np.ndarray:
    """Uniform numbers for rows taken in ``order``, stratified in blocks of ``block`` consecutive rows:
    each block holds one number from each of its ``block`` equal slices of [0, 1), in random order, so
    the share of any category drawn with them is within a row of its expectation in every block."""
    n = len(order)
    pos = np.arange(n)
    blk = pos // block
    ranked = np.lexsort((rng.random(n), blk))  # positions in random order within each block
    slot = np.empty(n, dtype=np.int64)
    slot[ranked] = pos - blk * block
    u = np.empty(n)
    u[order] = (slot + rng.random(n)) / np.minimum(block, n - blk * block)
    return u


def simulate_families(ctx: Context, fd: FrontDoor) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Early help families (one row each, in order of start) and their children, before writing.

    families: fam_no, start, end (OPEN_DAY while open), outcome (index into OUTCOMES, -1 while open),
    step_up (OPEN_DAY if none), service (index into SERVICES); children: fam_no, child_id, dob, start.
    Days are day numbers since 1970. Only families open on or after HISTORY_START are returned.
    """
    rng = ctx.rng("local.early_help")
    end_day = day_number(ctx.end_month)
    months = np.arange(np.datetime64(SIM_START, "M"), np.datetime64(ctx.end_month, "M") + 1)
    season = SEASON_STARTS[(months.astype(int) % 12 - 3) % 12]
    counts = rng.poisson(FAMILY_STARTS_PER_YEAR * ctx.size_factor / 12 * season)
    idx = np.repeat(np.arange(len(months)), counts)
    first = months[idx].astype("datetime64[D]")
    length = ((months[idx] + 1).astype("datetime64[D]") - first).astype(int)
    start = np.busday_offset(first + (rng.random(len(idx)) * length).astype(int), 0, roll="modifiedfollowing")
    start = np.sort(start.astype(np.int64), kind="stable")  # weekdays of the month, in order
    n = len(start)
    dur = np.clip(np.round(MEDIAN_DAYS * np.exp(rng.normal(0.0, SIGMA, n))), MIN_DAYS, MAX_DAYS)
    end = (start + dur.astype(np.int64)).astype("datetime64[D]")
    end = np.busday_offset(end, 0, roll="backward").astype(np.int64)
    size = rng.choice(np.arange(1, 5), size=n, p=FAMILY_SIZE_P)
    weight = knots(month_of(end).astype("datetime64[M]"), REFORM)[:, None]
    probs = OUTCOMES_BEFORE * (1 - weight) + OUTCOMES_AFTER * weight
    outcome = _draw(_balanced_uniforms(rng, np.lexsort((end, size)), OUTCOME_BLOCK), probs)
    probs[:, STEPPED_UP] = 0.0
    alt = _draw(rng.random(n), probs / probs.sum(axis=1, keepdims=True))  # the outcome if no step-up
    later = rng.random(n) < LATER_STEP_UP[outcome]
    lag = np.clip(np.round(14 + rng.exponential(110.0, n)), 14, 330).astype(np.int64)
    step_down = rng.integers(1, 15, n)  # days after an earlier CIN episode closed
    nfa_more = rng.integers(30, 151, n)  # days more in early help after a no-further-action referral
    eldest = AGE_BANDS[rng.choice(len(AGE_BAND_P), size=n, p=AGE_BAND_P)]
    eldest = eldest[:, 0] + rng.random(n) * (eldest[:, 1] - eldest[:, 0])
    gaps = rng.uniform(1.0, 4.0, (n, 3))
    u_service = rng.random(n)

    # ---- step-ups: front door referral families, matched in order of start
    rf = referral_families(fd)
    matcher = Matcher(rng, rf)
    nfa = rf["nfa"].to_numpy(bool)
    next_ref = rf["next_ref"].to_numpy()
    step_up = np.full(n, OPEN_DAY, dtype=np.int64)
    matched = np.full(n, -1, dtype=np.int64)
    first_day = day_number(HISTORY_START)
    for i in np.flatnonzero((end >= first_day) & (end <= end_day)).tolist():
        s, e = int(start[i]), int(end[i])
        if outcome[i] == STEPPED_UP:
            last = min(end_day, s + MAX_DAYS)
            c, begin = matcher.take(int(month_of(e)), s + 28, last, s, size[i], 28, int(step_down[i]))
            if c < 0:
                outcome[i] = alt[i]
                continue
            matched[i], start[i], step_up[i] = c, begin, matcher.ref_day[c]
            end[i] = step_up[i]
            more = min(int(step_up[i]) + int(nfa_more[i]), int(next_ref[c]) - 1, int(start[i]) + MAX_DAYS)
            if nfa[c] and more - step_up[i] >= 14:  # no further action: early help goes on
                end[i], outcome[i] = more, alt[i]
        elif later[i] and e + lag[i] <= end_day:
            month = int(month_of(e + lag[i]))
            c, _ = matcher.take(month, e + 13, min(e + 365, end_day), s, size[i], born_by=s)
            if c >= 0:
                matched[i], step_up[i] = c, matcher.ref_day[c]
    is_open = end > end_day
    end[is_open] = OPEN_DAY
    outcome[is_open] = -1
    keep = np.flatnonzero(end >= first_day)
    keep = keep[np.lexsort((keep, start[keep]))]

    # ---- children: the referral family's, or new ones of this family's size
    kid_no = fd.children["child_no"].to_numpy()
    kid_pos = np.zeros(int(kid_no.max()) + 1 if len(kid_no) else 0, dtype=np.int64)
    kid_pos[kid_no] = np.arange(len(kid_no))
    kid_ids = fd.children["child_id"].to_numpy(dtype=object)
    kid_dob = day_numbers(fd.children["dob"])
    fam_rows, child_ids, dobs = [], [], []
    own = 0
    for fam_no, i in enumerate(keep.tolist()):
        c = int(matched[i])
        if c >= 0:
            members = list(matcher.children[c])
            pos = kid_pos[members]
            fam_rows += [fam_no] * len(members)
            child_ids += kid_ids[pos].tolist()
            dobs += kid_dob[pos].tolist()
            continue
        top = max(float(eldest[i]), 1.25 * (size[i] - 1) + 0.2)  # room for the younger ones
        steps = np.cumsum(gaps[i, : size[i] - 1])
        steps *= min(1.0, (top - 0.2) / steps[-1]) if len(steps) else 1.0  # youngest at least 0.2
        for age in [top] + (top - steps).tolist():
            own += 1
            fam_rows.append(fam_no)
            child_ids.append(f"{ctx.child_id_prefix}EH{own:06d}")
            dobs.append(int(start[i]) - round(age * 365.25))
    fam_rows = np.asarray(fam_rows, dtype=np.int64)
    dobs = np.asarray(dobs, dtype=np.int64)

    # ---- lead professional: by the eldest child's age, and E8c's shift to Family Help
    fam_start = start[keep]
    oldest = pd.Series(dobs).groupby(fam_rows).min().reindex(np.arange(len(keep))).to_numpy()
    under_5 = (fam_start - oldest) < 5 * 365.25
    lead = np.where(under_5[:, None], LEAD_UNDER_5, LEAD_SCHOOL_AGE)
    shift = FAMILY_HELP_SHIFT * knots(month_of(fam_start).astype("datetime64[M]"), REFORM)[:, None]
    lead = lead * (1 - shift) + shift * (np.arange(len(SERVICES)) == SERVICES.index("Family Help"))
    service = np.minimum((u_service[keep][:, None] > np.cumsum(lead, axis=1)).sum(axis=1), len(SERVICES) - 1)

    families = pd.DataFrame(
        {
            "fam_no": np.arange(len(keep)),
            "start": fam_start,
            "end": end[keep],
            "outcome": outcome[keep],
            "step_up": step_up[keep],
            "service": service,
        }
    )
    children = pd.DataFrame(
        {
            "fam_no": fam_rows,
            "child_id": np.asarray(child_ids, dtype=object),
            "dob": dobs,
            "start": np.maximum(fam_start[fam_rows], dobs),
        }
    )
    return families, children


def early_help_table(ctx: Context, fd: FrontDoor) -> pd.DataFrame:
    """The file's rows: one per child's episode, in order of start, family and date of birth."""
    families, children = simulate_families(ctx, fd)
    rows = children.merge(families.drop(columns="start"), on="fam_no", how="left", validate="many_to_one")
    rows = rows.sort_values(["start", "fam_no", "dob", "child_id"], kind="stable")

    def dates(values: pd.Series) -> np.ndarray:
        d = values.to_numpy(dtype=np.int64)
        return dmy(np.where(d == OPEN_DAY, np.datetime64("NaT"), d.astype("datetime64[D]")))

    outcome = rows["outcome"].to_numpy()
    return pd.DataFrame(
        {
            "Family ID": [f"{ctx.child_id_prefix}F{k + 1:06d}" for k in rows["fam_no"].tolist()],
            "Child ID": rows["child_id"].to_numpy(dtype=object),
            "Date of Birth": dates(rows["dob"]),
            "Episode Start Date": dates(rows["start"]),
            "Episode End Date": dates(rows["end"]),
            "Lead Professional Service": np.asarray(SERVICES, dtype=object)[rows["service"].to_numpy()],
            "Outcome": np.where(outcome >= 0, np.asarray(OUTCOMES, dtype=object)[outcome], ""),
            "Step Up Date": dates(rows["step_up"]),
        }
    )


def write_early_help(ctx: Context, fd: FrontDoor, path: Path) -> Path:
    """early_help_SYNTHETIC.csv (see the module docstring for its layout and calibration)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    early_help_table(ctx, fd).to_csv(path, index=False, lineterminator="\n")
    return path


def early_help_events(ctx: Context) -> pd.DataFrame:
    """E8b and E8c, the changes Family Help makes to early help, for the orchestrator's events.csv."""
    rows = [
        (
            "E8b",
            "eh_outcomes_achieved_pct",
            "2024-04-01",
            "2025-03-31",
            "Family Help: early help episodes ending with outcomes achieved +5 points over the year "
            "(early help file)",
        ),
        (
            "E8c",
            "eh_family_help_led_pct",
            "2024-04-01",
            "2025-03-31",
            "Family Help: share of new early help episodes led by Family Help about 15% -> 32% over the "
            "year (early help file)",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["id", "series", "start", "end", "effect"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    return frame[frame["start"] <= pd.Timestamp(ctx.end_month)].reset_index(drop=True)
