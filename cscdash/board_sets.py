"""Running orders: the indicators a board goes through, in its order (present mode, the scorecard and
the board pack all take one).

Three kinds, by name: the default "Overview headlines" (the catalogue's headline indicators, so it follows
the catalogue), the sets shipped in ``board_sets.yml`` (starting points), and sets saved in the app (the
app store; the latest save under a name wins, earlier saves are kept). A saved set may reuse a shipped
name to replace it for this council.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from cscdash import app_store
from cscdash.catalogue import Catalogue

#: The default running order's name.
HEADLINES = "Overview headlines"
SHIPPED = Path(__file__).resolve().parent / "board_sets.yml"


def shipped_sets(path: Path = SHIPPED) -> dict[str, list[str]]:
    """The sets shipped with the dashboard, by name."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(name): [str(i) for i in ids] for name, ids in raw.items()}


def headlines(catalogue: Catalogue) -> list[str]:
    """The Overview's headline indicators in the order it shows them (pages in navigation order)."""
    position = {p.key: p.navigation.position if p.navigation else 99 for p in catalogue.pages}
    return [i.id for i in sorted(catalogue.headlines(), key=lambda i: position[i.page])]


def all_sets(catalogue: Catalogue, store: str | Path) -> dict[str, list[str]]:
    """Every running order by name: the headlines first, then shipped and saved ones (a saved set
    replaces a shipped one of the same name). Ids no longer in the catalogue are dropped."""
    sets = {HEADLINES: headlines(catalogue), **shipped_sets()}
    for row in app_store.board_sets(store).itertuples():
        sets[str(row.name)] = [i for i in str(row.indicator_ids).split(",") if i]
    return {name: [i for i in ids if i in catalogue] for name, ids in sets.items()}


def running_order(catalogue: Catalogue, store: str | Path, name: str | None = None) -> list[str]:
    """The ids of the set called ``name`` (the headlines when None); KeyError naming the known sets."""
    sets = all_sets(catalogue, store)
    name = name or HEADLINES
    if name not in sets:
        raise KeyError(f"no running order called {name!r}; there are: {', '.join(sets)}")
    return sets[name]


def save_set(
    catalogue: Catalogue, store: str | Path, name: str, indicator_ids: list[str], saved_by: str
) -> int:
    """Save a running order under ``name`` (a new version if the name exists); returns its set_id."""
    name, saved_by = " ".join(name.split()), " ".join(saved_by.split())
    if not name or not saved_by:
        raise ValueError("A running order needs a name and the name of who saves it.")
    unknown = [i for i in indicator_ids if i not in catalogue]
    if unknown or not indicator_ids:
        raise ValueError(f"Choose catalogue indicators (unknown: {', '.join(unknown) or 'none chosen'}).")
    return app_store.add_board_set(
        store,
        {
            "name": name,
            "indicator_ids": ",".join(indicator_ids),
            "saved_by": saved_by,
            "saved_at": datetime.now().replace(microsecond=0).isoformat(sep=" "),
        },
    )
