"""A connection that writes (a load, a rebuild) is held to a memory limit, so building 150 authorities
spills to disk instead of taking 80% of the machine (DuckDB's default); reading connections are not."""

from __future__ import annotations

import pytest

from cscdash import db


def _limit(con) -> str:
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_a_writing_connection_gets_the_build_limit(monkeypatch):
    monkeypatch.delenv("CSCDASH_BUILD_MEMORY", raising=False)
    con = db.connect(None)
    try:
        # 3 GB (10^9 bytes) is shown in binary units: 2.7 GiB; DuckDB's own default here would be 80% of RAM
        assert _limit(con) == "2.7 GiB"
    finally:
        con.close()


@pytest.mark.parametrize(("setting", "shown"), [("1GB", "953.6 MiB"), ("6GB", "5.5 GiB")])
def test_the_environment_changes_it(monkeypatch, setting, shown):
    monkeypatch.setenv("CSCDASH_BUILD_MEMORY", setting)
    con = db.connect(None)
    try:
        assert _limit(con) == shown
    finally:
        con.close()


def test_a_read_only_connection_keeps_duckdbs_default(tmp_path, monkeypatch):
    monkeypatch.setenv("CSCDASH_BUILD_MEMORY", "1GB")
    path = tmp_path / "x.duckdb"
    db.connect(path).close()
    con = db.connect(path, read_only=True)
    try:
        assert _limit(con) != "953.6 MiB"
    finally:
        con.close()
