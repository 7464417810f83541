"""Calibration of the synthetic early help file: its layout, volumes, lengths, outcomes and the reform.

The reasons for each number are in the docstring of ``early_help``; the simulation there reads them from
here so that the calibration can be read (and changed) in one place.
"""

from __future__ import annotations

from datetime import date

import numpy as np

HEADINGS = [
    "Family ID",
    "Child ID",
    "Date of Birth",
    "Episode Start Date",
    "Episode End Date",
    "Lead Professional Service",
    "Outcome",
    "Step Up Date",
]
SERVICES = ["School", "Health", "Early Years", "Family Help", "Youth Service", "Voluntary Sector", "Other"]
OUTCOMES = [
    "Outcomes achieved",
    "Outcomes partly achieved",
    "Outcomes not achieved",
    "Stepped up to social care",
    "Family disengaged",
    "Moved away",
    "Other",
]
STEPPED_UP = OUTCOMES.index("Stepped up to social care")

#: First month of the simulation: two years before the written history (the longest episode is 18 months).
SIM_START = date(2016, 4, 1)
#: Families starting early help a year at 70,000 children (about 1,450 episodes open at a month end).
FAMILY_STARTS_PER_YEAR = 1500.0
#: Starts by month, April first: the school year (few in August, fewer in December).
SEASON_STARTS = np.array([1.00, 1.05, 1.00, 0.85, 0.55, 1.10, 1.20, 1.15, 0.85, 1.10, 1.10, 1.05])
#: Children in a family (1-4).
FAMILY_SIZE_P = np.array([0.55, 0.28, 0.12, 0.05])
#: Episode length: lognormal median and spread, and its bounds (days).
MEDIAN_DAYS, SIGMA, MIN_DAYS, MAX_DAYS = 182.0, 0.55, 42, 548
#: Outcome of an ended episode (OUTCOMES order) before Family Help and a year after it (E8b).
OUTCOMES_BEFORE = np.array([0.610, 0.125, 0.040, 0.115, 0.070, 0.030, 0.010])
OUTCOMES_AFTER = np.array([0.660, 0.115, 0.015, 0.115, 0.060, 0.030, 0.005])
#: Outcomes are drawn in balanced blocks of this many families of one size in order of end (stratified
#: sampling): a year's shares of children then stay within about half a point of the target.
OUTCOME_BLOCK = 50
#: E8b/E8c: the reform's weight by month (0 before April 2024, 1 from April 2025).
REFORM = [("2024-04", 0.0), ("2025-04", 1.0)]
#: E8c: the share of every other service's new episodes led by Family Help a year after the reform.
FAMILY_HELP_SHIFT = 0.20
#: Chance that an episode ending with each outcome is referred within 12 months after it ended.
LATER_STEP_UP = np.array([0.03, 0.08, 0.20, 0.0, 0.15, 0.0, 0.06])
#: Lead professional service weights (SERVICES order) by the eldest child's age at the start.
LEAD_UNDER_5 = np.array([0.04, 0.30, 0.30, 0.18, 0.00, 0.12, 0.06])
LEAD_SCHOOL_AGE = np.array([0.38, 0.10, 0.04, 0.14, 0.13, 0.12, 0.09])
#: Age of the eldest child at the start (years): bands and their shares.
AGE_BANDS = np.array([[0, 5], [5, 11], [11, 16], [16, 17.5]], dtype=float)
AGE_BAND_P = np.array([0.22, 0.33, 0.37, 0.08])
