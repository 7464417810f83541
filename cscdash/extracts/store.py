"""Writing a load into DuckDB: merge with what is there, write only what changed.

For each raw table the new rows of one LA are merged with the rows already loaded for that LA (the
latest return wins; SSDA903 episodes are stitched, :mod:`cscdash.extracts.stitch`; a snapshot table's
rows of a snapshot date the load brings are all replaced by the load's). Rows whose values
are unchanged keep their old ``load_id``, so loading the same files again changes nothing. The changes
are written by one template for every raw table, statutory or local (``sql_templates/replace_rows.sql``,
the table name checked), from two registered views (``doomed`` rowids, ``staged`` rows), inside the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from cscdash.extracts.integrity import report
from cscdash.extracts.problems import WARNING, ProblemLog, dfe_message
from cscdash.extracts.stitch import latest_wins, stitch_episodes
from cscdash.extracts.templates import fill

BOOKKEEPING = {"load_id", "source_file", "source_row"}
#: Fields that should never change between returns: a later return that changes them still wins, but the
#: change is reported (DfE rule 203 for the 903 header; the same idea for the CIN child).
WATCHED = {"ssda903_header": ("DOB", "203"), "cin_child": ("PersonBirthDate", "203")}


@dataclass
class TableChange:
    """What a load does to one table."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    staged: pd.DataFrame = field(default_factory=pd.DataFrame)
    doomed: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"rowid": pd.Series([], dtype="int64")})
    )

    @property
    def changed(self) -> bool:
        """True when the table would be written to."""
        return bool(self.inserted or self.updated or self.deleted)


def existing_rows(con: duckdb.DuckDBPyConnection, table: str, la_code: str | None) -> pd.DataFrame:
    """The rows already loaded for one LA (all rows for tables without an LA, e.g. none here), with rowid."""
    rel = con.table(table)
    if la_code is not None and "la_code" in rel.columns:
        rel = rel.filter(duckdb.ColumnExpression("la_code") == duckdb.ConstantExpression(la_code))
    return rel.select(duckdb.ColumnExpression("rowid"), duckdb.StarExpression()).df()


def years_in_table(con: duckdb.DuckDBPyConnection, table: str, la_code: str) -> set[int]:
    """Collection years already loaded for an LA in ``table``."""
    rel = con.table(table).filter(duckdb.ColumnExpression("la_code") == duckdb.ConstantExpression(la_code))
    return {
        int(r[0])
        for r in rel.select(duckdb.ColumnExpression("collection_year")).distinct().fetchall()
        if r[0] is not None
    }


def plan_changes(
    con: duckdb.DuckDBPyConnection,
    table: str,
    la_code: str | None,
    new: pd.DataFrame,
    key: list[str],
    log: ProblemLog,
    stitch_years: set[int] | None = None,
    replace: Callable[[pd.DataFrame], pd.Series] | None = None,
) -> TableChange:
    """Merge ``new`` (one LA's rows, table columns + row_ref) with the table; nothing is written yet.

    ``replace`` marks the loaded rows that the load's returns replace as a whole (a collection year of a
    return, a snapshot date, a local file's period: :func:`cscdash.extracts.coverage.replaced_rows`): they
    are dropped unless the new rows repeat them, so a referral deleted in the case management system, or
    a child missing from a corrected snapshot, disappears.
    """
    columns = con.table(table).columns
    old = existing_rows(con, table, la_code)
    if stitch_years is None:
        # only the rows this load can change go through the merge: the rest keep their rowid untouched
        old = old[_touched(old, new, key, replace)]
    old_rowid = old.pop("rowid")
    refs = "row " + old["source_row"].astype("string") if "source_row" in old else ""
    old = old.assign(_is_new=0, _rowid=old_rowid.values, row_ref=refs)
    fresh = new.assign(_is_new=1, _rowid=pd.NA)
    old_typed, fresh = _align_types(old, columns), _align_types(fresh, columns)
    survivors = old_typed
    if replace is not None and len(old_typed):
        survivors = old_typed[~replace(old_typed).fillna(False).astype(bool).to_numpy()]
    combined = pd.concat([survivors, fresh], ignore_index=True)
    if stitch_years is not None:
        final = stitch_episodes(combined, stitch_years, log)
    else:
        final = latest_wins(combined, key)
    data_cols = [c for c in columns if c not in BOOKKEEPING]
    if table in WATCHED:
        _report_changed(final, old, key, *WATCHED[table], log)
    final, loaded_key = _reuse_unchanged(final, old, key, data_cols)
    keep = final["_keep"]
    kept_ids = set(final.loc[keep, "_rowid"].astype("int64"))
    doomed = old_rowid[~old_rowid.isin(kept_ids)]
    staged = final[~keep]
    updated = int((loaded_key & ~keep).sum())  # rewritten rows whose key was loaded before
    return TableChange(
        inserted=len(staged) - updated,
        updated=updated,
        deleted=len(doomed) - updated,
        staged=staged[[c for c in columns if c in staged.columns]],
        doomed=pd.DataFrame({"rowid": doomed.astype("int64").values}),
    )


def _touched(
    old: pd.DataFrame,
    new: pd.DataFrame,
    key: list[str],
    replace: Callable[[pd.DataFrame], pd.Series] | None,
) -> pd.Series:
    """The loaded rows a load may change: those its returns replace, those sharing a key with a new row,
    and those sharing a key with another loaded row (latest_wins would keep one of them).

    Every other loaded row wins its key alone and is kept as it is, so it need not go through the merge.
    Why: the merge costs with the rows it is given, and an in-year load of one LA met six years of its
    rows (most of a monthly refresh at 150 authorities). When the key columns of the two sides do not
    share a dtype after alignment (a column blank throughout the file), every row is taken, as before.
    """
    if old.empty or not key:
        return pd.Series(True, index=old.index)
    touched = old.duplicated(subset=key, keep=False)
    if replace is not None:
        touched |= replace(old).fillna(False).astype(bool).to_numpy()
    if not new.empty:
        old_keys = _align_types(old[key], key)
        new_keys = _align_types(new[key], key).drop_duplicates()
        if any(old_keys[c].dtype != new_keys[c].dtype for c in key):
            return pd.Series(True, index=old.index)
        hit = old_keys.reset_index().merge(new_keys, on=key, how="inner")["index"]
        touched |= old.index.isin(hit)
    return touched


def _report_changed(
    final: pd.DataFrame, old: pd.DataFrame, key: list[str], column: str, rule: str, log: ProblemLog
) -> None:
    """Warn where the row that wins a key has another ``column`` value than the row loaded before."""
    if old.empty:
        return
    pairs = final[final["_is_new"] == 1].merge(old[[*key, column]], on=key, suffixes=("", "_before"))
    changed = (
        pairs[column].notna()
        & pairs[f"{column}_before"].notna()
        & (pairs[column] != pairs[f"{column}_before"])
    )
    message = dfe_message(rule, f"{column} differs from the one already loaded for this child")
    shown = pairs[changed.fillna(False).astype(bool)].copy()
    shown["_shown"] = (
        _as_text(shown[column]) + " (loaded before: " + _as_text(shown[f"{column}_before"]) + ")"
    )
    report(log, WARNING, rule, f"{message} The latest return is kept.", shown, column, "_shown")


def _as_text(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%d/%m/%Y").astype("string")
    return values.astype("string")


def _align_types(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Give every table column one dtype family so old and new rows compare and concatenate cleanly."""
    df = df.copy()
    for c in columns:
        if c not in df.columns:
            df[c] = pd.NA
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = df[c].astype("datetime64[us]")
        elif pd.api.types.is_bool_dtype(df[c]) or str(df[c].dtype) == "boolean":
            df[c] = df[c].astype("boolean")
        elif pd.api.types.is_integer_dtype(df[c]):
            df[c] = df[c].astype("Int64")
        elif pd.api.types.is_float_dtype(df[c]):
            df[c] = df[c].astype("Float64")
        elif df[c].dtype == object or pd.api.types.is_string_dtype(df[c]):
            if df[c].isna().all() and c not in ("row_ref",):
                continue
            df[c] = df[c].astype("string")
    return df


def _reuse_unchanged(
    final: pd.DataFrame, old: pd.DataFrame, key: list[str], data_cols: list[str]
) -> tuple[pd.DataFrame, pd.Series]:
    """Mark ``_keep`` on final rows identical (in data) to the loaded row of their key: not rewritten.

    Also returns which final rows have a key that was loaded before (what the load log calls updated
    when they are rewritten), from the same join rather than a second one."""
    final = final.reset_index(drop=True).assign(_keep=False)
    loaded_key = pd.Series(False, index=final.index)
    if old.empty or final.empty:
        return final, loaded_key
    others = [c for c in data_cols if c not in key]
    cand = (
        final[key + others]
        .reset_index()
        .merge(old[key + others + ["_rowid"]], on=key, how="inner", suffixes=("", "_old"))
    )
    if cand.empty:
        return final, loaded_key
    loaded_key[cand["index"].unique()] = True
    same = pd.Series(True, index=cand.index)
    for c in others:
        a, b = cand[c], cand[f"{c}_old"]
        # one dtype on both sides (_align_types) compares as it is; text only when they differ (a column
        # all blank in the file is left untyped): converting every column to text was most of a reload
        equal = a == b if a.dtype == b.dtype else a.astype("string") == b.astype("string")
        same &= (a.isna() & b.isna()) | equal.fillna(False)
    hits = cand[same]
    final.loc[hits["index"].values, "_keep"] = True
    final.loc[hits["index"].values, "_rowid"] = hits["_rowid"].values
    return final, loaded_key


def write_changes(con: duckdb.DuckDBPyConnection, table: str, change: TableChange, load_id: int) -> None:
    """Apply one table's planned change, inside the caller's transaction (sql_templates/replace_rows.sql)."""
    statement = fill("replace_rows", identifiers={"table": table})
    staged = change.staged.copy()
    if "load_id" in con.table(table).columns:
        staged["load_id"] = load_id
    con.register("staged", staged)
    con.register("doomed", change.doomed)
    con.execute(statement)  # an error here propagates unmasked
    con.unregister("staged")
    con.unregister("doomed")
