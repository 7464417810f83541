"""Front door referral families that an early help episode can be stepped up to, and a matcher.

An early help step-up is a referral in the CIN census and Annex A files: the simulation in ``early_help``
takes the families referred in the month an episode ends from here, each family and child once.
Days are day numbers since 1970.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cscdash.synthetic.front_door import FrontDoor

NO_DAY = -(10**6)  # "no earlier referral" in day numbers
OPEN_DAY = 10**6  # "still open" in day numbers


def day_numbers(values: object) -> np.ndarray:
    """datetime64 values -> int days since 1970 (NaT -> OPEN_DAY)."""
    d = np.asarray(values, dtype="datetime64[D]")
    return np.where(np.isnat(d), OPEN_DAY, d.astype(np.int64))


def day_number(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


def month_of(day_numbers: np.ndarray) -> np.ndarray:
    return np.asarray(day_numbers, dtype=np.int64).astype("datetime64[D]").astype("datetime64[M]").astype(int)


def referral_families(fd: FrontDoor) -> pd.DataFrame:
    """Front door referral families that can be an early help step-up, one row each, by fam_id.

    Columns: fam_id, ref_day, nfa (no further action for every child), prev_close (the latest closure
    of an earlier referral of any of its children: NO_DAY if none, OPEN_DAY if one is still open),
    next_ref (the earliest later referral of any of its children), last_born (the youngest child's date
    of birth), children (tuple of child numbers). UASC, short breaks and referrals of an unborn child
    are left out.
    """
    ref = fd.referrals
    born = pd.Series(day_numbers(fd.children["dob"]), index=fd.children["child_no"].to_numpy())
    order = np.lexsort((ref["fam_id"].to_numpy(), ref["ref_date"].to_numpy(), ref["child_no"].to_numpy()))
    child = ref["child_no"].to_numpy()[order]
    ref_day = day_numbers(ref["ref_date"].to_numpy()[order])
    close = day_numbers(ref["closure"].to_numpy()[order])
    same = np.r_[False, child[1:] == child[:-1]]  # the row before is the same child's earlier referral
    prev_close = np.where(same, np.r_[NO_DAY, close[:-1]], NO_DAY)
    next_ref = np.where(np.r_[same[1:], False], np.r_[ref_day[1:], OPEN_DAY], OPEN_DAY)
    fam = ref["fam_id"].to_numpy()[order]
    by_fam = np.argsort(fam, kind="stable")
    fam = fam[by_fam]
    bounds = np.flatnonzero(np.r_[True, fam[1:] != fam[:-1]])
    kind = ref["kind"].to_numpy(dtype=object)[order][by_fam][bounds]
    nfa = ref["nfa"].to_numpy(dtype=bool)[order][by_fam]
    members = child[by_fam].tolist()
    ends = np.r_[bounds[1:], len(fam)].tolist()
    out = pd.DataFrame(
        {
            "fam_id": fam[bounds],
            "ref_day": np.minimum.reduceat(ref_day[by_fam], bounds),
            "nfa": np.logical_and.reduceat(nfa, bounds),
            "prev_close": np.maximum.reduceat(prev_close[by_fam], bounds),
            "next_ref": np.minimum.reduceat(next_ref[by_fam], bounds),
            "last_born": np.maximum.reduceat(born.reindex(child[by_fam]).to_numpy(), bounds),
            "children": [tuple(sorted(members[a:b])) for a, b in zip(bounds.tolist(), ends, strict=True)],
        }
    )
    born_by_referral = out["last_born"].to_numpy() <= out["ref_day"].to_numpy()  # strat can be unborn
    return out[np.isin(kind, ["normal", "strat"]) & born_by_referral].reset_index(drop=True)


class Matcher:
    """Hands out front door referral families by referral month, each family and child once."""

    def __init__(self, rng: np.random.Generator, fams: pd.DataFrame) -> None:
        self.ref_day = fams["ref_day"].to_numpy()
        self.prev_close = fams["prev_close"].to_numpy()
        self.last_born = fams["last_born"].to_numpy()
        self.children = fams["children"].tolist()
        self.size = np.array([len(k) for k in self.children])
        month = month_of(self.ref_day)
        order = rng.permutation(len(fams))
        order = order[np.argsort(month[order], kind="stable")]
        months, first = np.unique(month[order], return_index=True)
        bounds = np.r_[first, len(order)]
        self.pools = {int(m): order[bounds[i] : bounds[i + 1]].tolist() for i, m in enumerate(months)}
        self.taken: set[int] = set()
        self.used_children: set[int] = set()

    def take(
        self,
        month: int,
        lo: int,
        hi: int,
        start: int,
        size: int,
        min_days: int = 0,
        step_down: int = 0,
        born_by: int = OPEN_DAY,
    ) -> tuple[int, int]:
        """A family referred in ``month`` on a day in (lo, hi], none of whose children is used and all
        born by ``born_by``, of ``size`` children if there is one (else of any size).

        Its children must have no referral open on ``start``; an earlier referral closing after it moves
        the start to ``step_down`` days after that closure (a step-down), if ``step_down`` is positive and
        the episode still lasts ``min_days`` before the referral. Returns (family row, start day), or
        (-1, start) if none fits.
        """
        pool = self.pools.get(month, ())
        for same_size in (True, False):
            for c in pool:
                day = int(self.ref_day[c])
                if c in self.taken or not lo < day <= hi or (same_size and self.size[c] != size):
                    continue
                if self.last_born[c] > born_by:
                    continue
                begin = start
                if self.prev_close[c] >= start:
                    begin = int(self.prev_close[c]) + step_down
                    if step_down <= 0 or day - begin < min_days:
                        continue
                if any(k in self.used_children for k in self.children[c]):
                    continue
                self.taken.add(c)
                self.used_children.update(self.children[c])
                return c, begin
        return -1, start
