"""``python -m cscdash benchmarks --la CODE --indicator ID [--format text|csv|json]``.

Prints the LA's published series beside its statistical neighbours (mean and median, with how many
had a value), its region and England, with the quartile band and rank among all LAs for each year.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

import pandas as pd

from cscdash.benchmarks.comparators import comparators, comparison_note
from cscdash.benchmarks.measures import decimals_of, is_ranked


def _fmt(value: object, dp: int) -> str:
    if value is None or pd.isna(value):
        return "-"
    return f"{float(value):,.{dp}f}"


def _own(row: pd.Series, dp: int) -> str:
    """The LA's value, or its suppression code in brackets (never a zero)."""
    if row["status"] == "published":
        return _fmt(row["value"], dp)
    return f"[{row['status_code'] or 'n/a'}]"


def render_text(table: pd.DataFrame, la_code: str, indicator_id: str) -> str:
    """A fixed-width table for the terminal."""
    if table.empty:
        return f"{indicator_id}: no published figures for {la_code}.\n{comparison_note(la_code)}"
    dp = decimals_of(indicator_id)
    first = table.iloc[0] if not table.empty else None
    lines = [
        f"{indicator_id}: {first['la_name']} ({first['la_code']}), region {first['region']}"
        if first is not None
        else indicator_id,
        comparison_note(la_code),
        f"Polarity: {table['polarity'].iat[0].replace('_', ' ')}; statistical neighbours: DfE "
        f"{table['sn_model'].iat[0]} model; SN average = mean, SN median = median of the neighbours "
        "with a published value.",
        "",
    ]
    header = (
        f"{'year':<6}{'LA':>10}{'SN average':>12}{'SN n':>7}{'SN median':>11}{'region':>10}"
        f"{'England':>10}  {'band':<30}{'rank':>10}"
    )
    lines += [header, "-" * len(header)]
    for _, row in table.iterrows():
        ranked = is_ranked(row["polarity"])
        rank = f"{int(row['rank'])}/{int(row['n_ranked'])}" if ranked and pd.notna(row["rank"]) else "-"
        sn_n = f"{int(row['sn_n'])}/{int(row['sn_total'])}" if pd.notna(row["sn_n"]) else "-"
        lines.append(
            f"{row['year']:<6}{_own(row, dp):>10}{_fmt(row['sn_mean'], dp):>12}{sn_n:>7}"
            f"{_fmt(row['sn_median'], dp):>11}{_fmt(row['region_value'], dp):>10}"
            f"{_fmt(row['england_value'], dp):>10}  {row['band_words']:<30}{rank:>10}"
        )
    codes = sorted({c for c in table["status_code"] if c})
    if codes:
        reasons = table.drop_duplicates("status_code").set_index("status_code")["status_reason"]
        lines += ["", "Not published: " + "; ".join(f"[{c}] {reasons[c]}" for c in codes)]
    return "\n".join(lines)


def run_benchmarks(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """CLI entry point: 0 on success, 2 for an unknown LA or indicator (the message names it)."""
    out = out or sys.stdout
    try:
        table = comparators(args.indicator, args.la)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    fmt = getattr(args, "format", "text")
    if fmt == "csv":
        table.to_csv(out, index=False)
    elif fmt == "json":
        out.write(table.assign(period_end=table["period_end"].astype(str)).to_json(orient="records"))
        out.write("\n")
    else:
        out.write(render_text(table, args.la, args.indicator) + "\n")
    return 0
