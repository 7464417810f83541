"""The shipped benchmark and reference files, read once per process.

The app never reads the raw DfE files in ../shared/reference: data/benchmarks/build_benchmarks.py turns
them into these compact files at build time. Callers get a copy, so they may change what they get.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from cscdash.settings import DATA_DIR, REFERENCE_DIR

BENCHMARKS_DIR = DATA_DIR / "benchmarks"
PUBLISHED_PATH = BENCHMARKS_DIR / "published.parquet"
LA_CODES_PATH = REFERENCE_DIR / "la_codes.csv"
NEIGHBOURS_PATH = REFERENCE_DIR / "statistical_neighbours.csv"
POPULATION_PATH = REFERENCE_DIR / "population.csv"
SN_MODELS = ("2021", "2025")
DEFAULT_SN_MODEL = "2025"


@lru_cache(maxsize=1)
def _published() -> pd.DataFrame:
    return pd.read_parquet(PUBLISHED_PATH)


@lru_cache(maxsize=1)
def _la_codes() -> pd.DataFrame:
    return pd.read_csv(LA_CODES_PATH, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _neighbours() -> pd.DataFrame:
    return pd.read_csv(
        NEIGHBOURS_PATH, dtype={"la_number": str, "sn_la_number": str, "model": str}, keep_default_na=False
    )


def published() -> pd.DataFrame:
    """Every published figure: one row per indicator_id, year and geography (see the build script)."""
    return _published().copy()


def la_codes() -> pd.DataFrame:
    """la_code, la_number, la_name, region for every current LA and the synthetic authorities."""
    return _la_codes().copy()


def neighbours(model: str = DEFAULT_SN_MODEL) -> pd.DataFrame:
    """la_code, sn_rank, sn_la_code (and DfE numbers, closeness) under one DfE model."""
    if model not in SN_MODELS:
        raise ValueError(f"statistical neighbour model must be one of {SN_MODELS}, not {model!r}")
    table = _neighbours()
    return table[table["model"] == model].reset_index(drop=True)


def population() -> pd.DataFrame:
    """ONS mid-year estimate of children aged 0-17: la_code, year, age_0_17."""
    return pd.read_csv(POPULATION_PATH, dtype={"la_code": str})


def la_record(la_code: str) -> dict[str, str]:
    """The la_codes.csv row for one LA; KeyError names the code when it is unknown."""
    table = _la_codes()
    rows = table[table["la_code"] == la_code]
    if rows.empty:
        raise KeyError(f"unknown LA code {la_code!r}: not in {LA_CODES_PATH.name}")
    return rows.iloc[0].to_dict()
