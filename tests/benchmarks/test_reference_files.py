"""The shipped reference files: LA codes (with the synthetic rows), population, neighbours."""

from __future__ import annotations

from cscdash.benchmarks import files


def test_la_codes_hold_every_current_la_and_the_synthetic_ones():
    codes = files.la_codes()
    real = codes[~codes["la_code"].str.startswith("E06999")]
    assert len(real) == 153  # 153 LAs in England (domain README)
    dorset = files.la_record("E06000059")
    assert (dorset["la_number"], dorset["la_name"], dorset["region"]) == ("838", "Dorset", "South West")
    demo = files.la_record("E06999999")
    assert (demo["la_number"], demo["la_name"]) == ("999", "Wessex Vale Council (synthetic data)")
    assert files.la_record("E06999149")["la_name"] == "Synthetic Authority 149 (synthetic data)"
    synthetic = codes[codes["la_code"].str.startswith("E06999")]
    assert len(synthetic) == 150 and (synthetic["region"] == "South West").all()
    assert codes["la_code"].is_unique


def test_population_matches_the_ons_mid_2024_figures():
    pop = files.population().set_index(["la_code", "year"])["age_0_17"]
    # domain README: Dorset 67,149, BCP 74,810, England 12,183,016 children aged 0-17 at mid-2024
    assert pop[("E06000059", 2024)] == 67_149
    assert pop[("E06000058", 2024)] == 74_810
    assert pop[("E92000001", 2024)] == 12_183_016


def test_bcp_neighbours_2021_model():
    sn = files.neighbours("2021")
    names = files.la_codes().set_index("la_code")["la_name"]
    bcp = sn[sn["la_code"] == "E06000058"].sort_values("sn_rank")
    # domain README, 2021 model: Southend-on-Sea, East Sussex, Swindon, Suffolk, Kent, Isle of Wight,
    # West Sussex, Gloucestershire, Devon, Bath and NE Somerset (in that order)
    assert [names[c] for c in bcp["sn_la_code"]] == [
        "Southend-on-Sea",
        "East Sussex",
        "Swindon",
        "Suffolk",
        "Kent",
        "Isle of Wight",
        "West Sussex",
        "Gloucestershire",
        "Devon",
        "Bath and North East Somerset",
    ]
