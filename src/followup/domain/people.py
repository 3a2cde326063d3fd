"""The people of one application: a contact linked in several roles is one person with
all their roles (an interviewer who is also the recruiter), in the order first linked."""

from __future__ import annotations

from typing import Any


def by_person(contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`contacts` as stored (one entry per link, each with its `role`) merged into one entry
    per contact, with `roles`: the roles in the order they were linked, each once."""
    merged: dict[Any, dict[str, Any]] = {}
    for contact in contacts:
        key = contact.get("id") or (contact["name"], contact.get("email"))
        person = merged.get(key)
        if person is None:
            merged[key] = person = {**contact, "roles": []}
        if contact["role"] and contact["role"] not in person["roles"]:
            person["roles"].append(contact["role"])
    return list(merged.values())
