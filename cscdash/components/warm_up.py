"""Filling the app's shared caches in the background when a database version is first opened.

Why: a page's first visit reads its indicators, works out its cards' SPC and reads the published
benchmarks: 1-7 s on 150 authorities, and far longer when twenty people open the dashboard together and
every first visit queues behind the others. Warmed as soon as anyone opens the app (or after a load swaps
in a new file), those reads are done once, before most people click; a page asked for while its figures
are being warmed waits for them (st.cache_data computes each key once) rather than computing them again.
Everything is read through the same cached functions, with the same arguments, as the pages read it
(tests/app/test_warm_up.py checks that a page after the warm-up reads nothing).
"""

from __future__ import annotations

import logging
import threading
from datetime import date

import streamlit as st

from cscdash import board_sets, cache, partnership
from cscdash.board_pack.content import pack_settings
from cscdash.navigation import in_navigation_order
from cscdash.settings import Settings

LOG = logging.getLogger(__name__)


def start_warming() -> None:
    """Warm the caches of the database now at the settings' path, once per version of the file and server
    process, in a background thread (unless the ``warm_caches`` setting is off)."""
    current = cache.settings()
    if current.warm_caches:
        _warming(cache.database(current), current)


@st.cache_resource(show_spinner=False, max_entries=3)
def _warming(key: str, current: Settings) -> threading.Thread:
    """The warm-up thread of one database version (a cached resource, so it starts once)."""
    thread = threading.Thread(target=_warm_quietly, args=(key, current), name="cscdash-warm-up", daemon=True)
    thread.start()
    return thread


def _warm_quietly(key: str, current: Settings) -> None:
    """:func:`warm`, logging rather than raising: a failed warm-up only means a slower first visit."""
    try:
        warm(key, current)
    except Exception:  # e.g. the file replaced and removed mid-way: the pages read it themselves
        LOG.warning("warming the caches of %s failed", key.rsplit("#", 1)[0], exc_info=True)


def warm(key: str, current: Settings) -> None:
    """Read what every page shows first: the header's facts, the cards of the Overview and of every
    service page at the month the page opens on, the board pack's content that the quarterly scorecard
    and present mode open on, the Partnership page's default indicator for every authority, and the
    published benchmarks of every indicator. The LA is the one shown before anyone
    picks one (cscdash.cache.shown_la); the settings are the server's, without a signed-in user's role.
    """
    codes = cache.loaded_las(key)
    current = cache.shown_la(current, codes)
    la = current.la_code
    cache.la_names(key)
    cache.data_as_at(key, la)
    cache.database_is_current(key)
    cache.stored_targets(key, str(current.app_store))
    entries = cache.catalogue()
    pages = [tuple(i.id for i in entries.headlines())]
    pages += [tuple(i.id for i in page.indicators) for page in in_navigation_order(tuple(entries.pages))]
    for ids in pages:
        month = cache.page_months(key, ids, la).default
        if month is not None:  # the page's month filter turns its default into a date the same way
            cache.card_facts(key, ids, date.fromisoformat(month.isoformat()), current)
    # the quarterly scorecard and present mode: the board pack's content, headlines, latest month
    board = pack_settings(current)
    headlines = tuple(board_sets.running_order(entries, current.app_store, board_sets.HEADLINES))
    month = cache.page_months(key, headlines, la).default
    if month is not None:
        cache.pack_content(
            key, date.fromisoformat(month.isoformat()), board_sets.HEADLINES, board, cache.store_stamp(board)
        )
    if len(codes) > 1:
        cache.partnership_view(key, partnership.default_indicator(entries), current)
    for measure in sorted({i.benchmark_measure for i in entries if i.benchmark_measure}):
        cache.benchmark_points(measure, la, current.comparator_la_code)
    cache.view_headers(key)
