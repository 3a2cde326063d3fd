"""Everything written comes back exactly after the file is closed and opened again."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from followup.store.db import Store
from followup.store.tables import (
    ALL_TABLES,
    ApplicationContactRow,
    ApplicationReferenceRow,
    ApplicationRow,
    ContactRow,
    DraftRow,
    InterviewerRow,
    InterviewRow,
    ReferenceRow,
    SnoozeRow,
    TouchpointRow,
)

TRICKY = 'Ünïcödé, "quoted", commas, \nnew lines\r\nand emoji 🎉 — 日本語 עברית'
ZONES = [
    ZoneInfo("America/Los_Angeles"),
    ZoneInfo("Asia/Kolkata"),
    timezone(timedelta(hours=-3, minutes=-30)),
    ZoneInfo("UTC"),
]


def _moment(i: int) -> datetime:
    return datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=ZONES[i % len(ZONES)]) + timedelta(
        hours=i * 7
    )


def _rows():
    yield ApplicationRow(
        id=1,
        company=TRICKY,
        role=TRICKY,
        stage="interviewing",
        applied_on=date(2026, 2, 28),
        source=TRICKY,
        url="https://example.com/?a=1&b=2",
        location=TRICKY,
        salary="€90k, neg.",
        priority=5,
        decision_by=date(2026, 12, 31),
        notes=TRICKY,
        created_at=_moment(0),
        updated_at=_moment(1),
    )
    yield ContactRow(
        id=1,
        name=TRICKY,
        title=TRICKY,
        email="a@b.c",
        phone="+49 30 1234",
        notes=TRICKY,
        created_at=_moment(2),
    )
    yield ApplicationContactRow(application_id=1, contact_id=1, role="hiring-manager")
    yield InterviewRow(
        id=1,
        application_id=1,
        starts_at=_moment(3),
        duration_minutes=45,
        kind="onsite",
        notes=TRICKY,
        strong_points=TRICKY,
        weak_answers=TRICKY,
        they_said=TRICKY,
        created_at=_moment(4),
    )
    yield InterviewerRow(interview_id=1, contact_id=1)
    yield TouchpointRow(
        id=1,
        application_id=1,
        contact_id=1,
        at=_moment(5),
        direction="in",
        channel="linkedin",
        kind="references-requested",
        subject=TRICKY,
        body=TRICKY,
        created_at=_moment(6),
    )
    yield ReferenceRow(
        id=1,
        name=TRICKY,
        relationship=TRICKY,
        email="r@x.y",
        phone="",
        notes=TRICKY,
        created_at=_moment(7),
    )
    yield ApplicationReferenceRow(
        application_id=1, reference_id=1, shared_on=date(2026, 1, 2), briefed_on=date(2026, 1, 3)
    )
    yield SnoozeRow(
        id=1,
        application_id=1,
        rule="check-in",
        until=_moment(8),
        cycle=TRICKY,
        created_at=_moment(9),
    )
    yield DraftRow(application_id=1, template="thank-you", body=TRICKY, updated_at=_moment(10))


def _dump(store: Store) -> dict[str, list[dict]]:
    dumped = {}
    with store.read() as session:
        for table in ALL_TABLES:
            rows = session.execute(select(table)).scalars().all()
            dumped[table.__tablename__] = [row.model_dump() for row in rows]
    return dumped


def test_every_table_round_trips(db_path):
    store = Store.open(db_path, create=True)
    expected = [row.model_dump() for row in _rows()]
    with store.write() as session:
        for row in _rows():
            session.add(row)
            session.flush()
    store.close()

    again = Store.open(db_path)
    dumped = _dump(again)
    flat = [row for table in ALL_TABLES for row in dumped[table.__tablename__]]
    assert len(flat) == len(expected) == len(ALL_TABLES)
    for row in expected:
        assert row in flat, f"not read back exactly: {row}"
    # Instants come back aware, as the same instant, whatever zone they were written in.
    moments = [v for r in flat for v in r.values() if isinstance(v, datetime)]
    assert moments and all(m.tzinfo is not None for m in moments)
    again.close()
