"""Rows of an import that match an open application at the same company and role: not skipped
(two offices, a second try), but said, as adding one by hand says it."""

from __future__ import annotations

from followup.domain.model import OPEN_STAGES
from followup.domain.text import clip, visible
from followup.store.tables import ApplicationRow

SHOWN = 5  # rows named one by one; more are counted
OPEN = tuple(stage.value for stage in OPEN_STAGES)


def _key(company: str, role: str) -> tuple[str, str]:
    return (" ".join(company.split()).casefold(), " ".join(role.split()).casefold())


def open_applications(connection) -> dict[tuple[str, str], tuple[int, str]]:
    """The open applications already stored, by company and role: (id, stage)."""
    # The stages are our own constants, written in: no placeholder style to pick per engine.
    stages = ", ".join(f"'{stage}'" for stage in OPEN)
    rows = connection.execute(
        f"SELECT company, role, id, stage FROM applications WHERE stage IN ({stages}) "
        "ORDER BY id DESC"
    ).fetchall()
    return {_key(company, role): (ident, stage) for company, role, ident, stage in rows}


def alike(batch, stored: dict[tuple[str, str], tuple[int, str]]) -> list[str]:
    """One line per row to be added that matches an open application, counted when many."""
    names = batch.columns.get(ApplicationRow, ())
    found = []
    for values in batch.rows.get(ApplicationRow, []):
        row = dict(zip(names, values, strict=True))
        match = stored.get(_key(row["company"], row["role"]))
        if match is not None:
            what = clip(visible(f"{row['company']} / {row['role']}"), 50)
            found.append(f"{what}: already open as application {match[0]} ({match[1]})")
    if not found:
        return []
    if len(found) == 1:
        return [f"  {found[0]}; check it is not the same one"]
    out = [f"  {len(found)} rows match an open application at the same company and role:"]
    out += [f"    {line}" for line in found[:SHOWN]]
    if len(found) > SHOWN:
        out.append(f"    ...and {len(found) - SHOWN} more")
    return out
