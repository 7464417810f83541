"""Who provides each placement and where it is: PLACE_PROVIDER, URN, PL_POST and the derived distance.

Placements sit in real postcode sectors: inside the authority's own area for most, outside for about
38% (children's homes and agency foster carers more often than the council's own carers), and about
two thirds of those more than 20 miles away, so 25% of children in care are placed outside the area
and over 20 miles from home (calibration.md section 3). Distances use the DfE formula between sector
centroids: miles = sqrt(dE^2 + dN^2) / 1000 / 1.6093, to one decimal place.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from cscdash.synthetic.care_params import CareParams
from cscdash.synthetic.context import HOME_AREA_LAUA, Context

METRES_PER_MILE = 1000 * 1.6093
#: providers by placement code (data_layouts 1.2.5; PR0 only with P1, PR1/PR2 never with P1/R2/R5)
PROVIDERS: dict[str, tuple[list[str], list[float]]] = {
    "connected": (["PR1", "PR4"], [0.92, 0.08]),
    "foster": (["PR1", "PR4", "PR5"], [0.6, 0.35, 0.05]),
    "K2": (["PR4", "PR1", "PR5"], [0.8, 0.12, 0.08]),
    "K1": (["PR2", "PR4"], [0.7, 0.3]),
    "supported": (["PR4", "PR5", "PR1"], [0.6, 0.25, 0.15]),
    "adoption": (["PR1", "PR2", "PR5"], [0.5, 0.3, 0.2]),
    "R3": (["PR4", "PR1", "PR3"], [0.5, 0.3, 0.2]),
    "S1": (["PR4", "PR5"], [0.6, 0.4]),
}
NO_URN = {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4"}


def _provider_key(place: np.ndarray) -> np.ndarray:
    return np.select(
        [
            np.isin(place, ["U1", "U2", "U3"]),
            np.isin(place, ["U4", "U5", "U6"]),
            place == "K2",
            place == "K1",
            np.isin(place, ["H5", "P2", "K3"]),
            np.isin(place, ["A3", "A4", "A5", "A6"]),
            place == "R3",
            place == "S1",
        ],
        ["connected", "foster", "K2", "K1", "supported", "adoption", "R3", "S1"],
        "none",
    )


def _location_group(place: np.ndarray, provider: np.ndarray) -> np.ndarray:
    foster = pd.Series(place).str.startswith("U").to_numpy()
    return np.select(
        [
            foster & (provider == "PR1"),
            foster,
            np.isin(place, ["K1", "K2", "S1", "R3"]),
            np.isin(place, ["H5", "P2", "K3"]),
            pd.Series(place).str.startswith("A").to_numpy(),
        ],
        ["foster_la", "foster_ifa", "home", "supported", "adoption"],
        "other",
    )


def _urn(key: str) -> str:
    """A stable fictional 7-digit Ofsted URN for a setting or service named by ``key``."""
    return f"{2_000_000 + zlib.crc32(key.encode()) % 900_000:07d}"


class _Geography:
    """Sector centroids and, for each home-area sector, its candidate placement sectors."""

    def __init__(self, ctx: Context) -> None:
        allsec = ctx.all_sectors
        self.home = ctx.sectors.reset_index(drop=True)
        self.home_set = set(self.home["sector"])
        self.xy = dict(
            zip(allsec["sector"], zip(allsec["easting"], allsec["northing"], strict=True), strict=True)
        )
        self.laua = dict(zip(allsec["sector"], allsec["laua"], strict=True))
        outside = allsec[(allsec["laua"] != HOME_AREA_LAUA) & ~allsec["sector"].isin(self.home_set)]
        self.out_sector = outside["sector"].to_numpy(dtype=object)
        self.out_xy = outside[["easting", "northing"]].to_numpy(dtype=float)
        self.out_weight = outside["n_postcodes"].to_numpy(dtype=float)

    def miles(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        pa = np.array([self.xy.get(s, (np.nan, np.nan)) for s in a], dtype=float).reshape(-1, 2)
        pb = np.array([self.xy.get(s, (np.nan, np.nan)) for s in b], dtype=float).reshape(-1, 2)
        return np.round(np.hypot(*(pa - pb).T) / METRES_PER_MILE, 1)

    def draw_outside(self, rng: np.random.Generator, home: str, far: np.ndarray) -> np.ndarray:
        """Out-of-area sectors for one home sector: near (20 miles or less) or far (20-200 miles)."""
        x, y = self.xy.get(home, (self.home["easting"].mean(), self.home["northing"].mean()))
        dist = np.hypot(self.out_xy[:, 0] - x, self.out_xy[:, 1] - y) / METRES_PER_MILE
        out = np.empty(len(far), dtype=object)
        for flag, lo, hi in ((False, 0.0, 20.0), (True, 20.5, 200.0)):
            rows = far == flag
            ok = (dist > lo) & (dist <= hi)
            if not ok.any():  # no other authority that close: the nearest sectors outside instead
                ok = dist <= np.sort(dist)[30]
            weight = self.out_weight * ok / np.maximum(dist, 5.0)
            out[rows] = rng.choice(self.out_sector, size=int(rows.sum()), p=weight / weight.sum())
        return out


def locate_placements(
    ctx: Context, rng: np.random.Generator, periods: pd.DataFrame, moves: pd.DataFrame, params: CareParams
) -> pd.DataFrame:
    """Add PLACE_PROVIDER, URN, PL_POST, PL_DISTANCE, PL_LOCATION, PL_LA to the placement rows."""
    geo = _Geography(ctx)
    m = len(moves)
    place = moves["PLACE"].to_numpy(dtype=object)
    home = moves["period_id"].map(periods.set_index("period_id")["home_sector"]).to_numpy(dtype=object)
    home = np.where(
        pd.Series(home).isin(geo.home_set),
        home,
        geo.home["sector"].to_numpy(dtype=object)[rng.integers(0, len(geo.home), m)],
    )
    key = _provider_key(place)
    provider = np.full(m, None, dtype=object)
    for name, (codes, probs) in PROVIDERS.items():
        rows = key == name
        provider[rows] = np.asarray(codes, dtype=object)[rng.choice(len(codes), int(rows.sum()), p=probs)]
    provider[place == "P1"] = "PR0"
    provider[place == "R5"] = "PR3"

    group = _location_group(place, provider)
    out_share = np.vectorize(params.out_of_area_by_group.get)(group)
    outside = (rng.random(m) < out_share) & (place != "P1")
    far = rng.random(m) < params.far_share_of_out_of_area
    post = np.empty(m, dtype=object)
    same_locality = rng.random(m) < 0.55
    loc_of = dict(zip(geo.home["sector"], geo.home["locality"], strict=True))
    by_locality = geo.home.groupby("locality")["sector"].apply(lambda s: s.to_numpy(dtype=object)).to_dict()
    all_home = geo.home["sector"].to_numpy(dtype=object)
    for h in np.unique(home):
        rows = home == h
        ins = rows & ~outside
        pool = np.where(same_locality[ins], 1, 0)
        local = by_locality[loc_of[h]]
        post[ins] = np.where(
            pool == 1,
            local[rng.integers(0, len(local), ins.sum())],
            all_home[rng.integers(0, len(all_home), ins.sum())],
        )
        outs = rows & outside
        if outs.any():
            post[outs] = geo.draw_outside(rng, h, far[outs])
    post = np.where(place == "P1", home, post)
    moves = moves.assign(PLACE_PROVIDER=provider, PL_POST=post)
    moves = _same_carer_inherits(moves, ctx, rng)
    moves["PL_DISTANCE"] = geo.miles(home, moves["PL_POST"].to_numpy(dtype=object))
    inside = moves["PL_POST"].isin(geo.home_set).to_numpy()
    moves["PL_LOCATION"] = np.where(inside, "IN", "OUT")
    moves["PL_LA"] = np.where(inside, ctx.la_code, moves["PL_POST"].map(geo.laua).to_numpy(dtype=object))
    return moves


def _urns(
    ctx: Context, rng: np.random.Generator, place: np.ndarray, provider: np.ndarray, post: np.ndarray
) -> np.ndarray:
    """Ofsted URNs: the council's fostering service, a pool of agencies, one per home and sector."""
    m = len(place)
    agencies = np.array([_urn(f"{ctx.la_code}-agency-{i}") for i in range(30)], dtype=object)
    council = _urn(f"{ctx.la_code}-fostering")
    foster = pd.Series(place).str.startswith("U").to_numpy()
    per_setting = np.array([_urn(f"{p}-{s}") for p, s in zip(place, post, strict=True)], dtype=object)
    urn = np.where(
        foster, np.where(provider == "PR1", council, agencies[rng.integers(0, 30, m)]), per_setting
    )
    not_inspected = np.isin(place, ["H5", "P2", "Z1", "R3"]) | (
        pd.Series(place).str.startswith("A").to_numpy() & np.isin(provider, ["PR1", "PR2"])
    )
    urn = np.where(not_inspected, "XXXXXXX", urn)
    urn = np.where(np.isin(place, list(NO_URN)), None, urn)
    return urn


def _same_carer_inherits(moves: pd.DataFrame, ctx: Context, rng: np.random.Generator) -> pd.DataFrame:
    """Rows that keep the carer (RNE T/U) keep the first row's provider, postcode and fostering URN."""
    carer = (~moves["same_carer"].astype(bool)).groupby(moves["period_id"]).cumsum()
    keys = [moves["period_id"], carer]
    for col in ("PLACE_PROVIDER", "PL_POST"):
        moves[col] = moves.groupby(keys)[col].transform("first")
    moves["URN"] = _urns(
        ctx,
        rng,
        moves["PLACE"].to_numpy(dtype=object),
        moves["PLACE_PROVIDER"].to_numpy(dtype=object),
        moves["PL_POST"].to_numpy(dtype=object),
    )
    urn_first = moves.groupby(keys)["URN"].transform("first")
    keep_urn = moves["same_carer"].astype(bool) & moves["PLACE"].str.startswith("U")
    moves["URN"] = np.where(keep_urn, urn_first, moves["URN"])
    return moves
