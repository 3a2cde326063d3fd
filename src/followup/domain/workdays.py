"""Working days: Monday to Friday, less a configured country's public holidays.

The `holidays` package is imported only when a country is set.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo


class WorkingDays:
    def __init__(self, country: str | None = None, subdivision: str | None = None) -> None:
        self.country = country
        self._holidays = None
        # Many applications share anchor dates: remember the sums already made.
        self._sums: dict[tuple[date, int], date] = {}
        if country:
            import holidays

            self._holidays = holidays.country_holidays(country, subdiv=subdivision)

    def is_working(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        return self._holidays is None or day not in self._holidays

    def add(self, day: date, n: int) -> date:
        """Step forward day by day, counting only working days (Saturday + 1 = Monday)."""
        key = (day, n)
        cached = self._sums.get(key)
        if cached is None:
            counted, cached = 0, day
            while counted < n:
                cached += timedelta(days=1)
                if self.is_working(cached):
                    counted += 1
            self._sums[key] = cached
        return cached

    def add_to(self, moment: datetime, n: int, zone: tzinfo) -> datetime:
        """`moment` plus n working days, at the same local wall-clock time (given in UTC)."""
        local = moment.astimezone(zone)
        start = local.date()
        # Adding whole days to a local time keeps its wall-clock time; the round trip through
        # UTC gives the offset of the new day (and moves a time skipped by DST past the gap).
        later = local + (self.add(start, n) - start)
        return later.astimezone(UTC)

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Public holidays on weekdays from `start` to `end` inclusive, for the `why` text."""
        if self._holidays is None:
            return []
        found = []
        day = start
        while day <= end:
            name = self._holidays.get(day)
            if name and day.weekday() < 5:
                found.append((day, name))
            day += timedelta(days=1)
        return found
