"""The application list: a virtual list over a paged query, most urgent first.

Only the rows on screen are ever fetched, a page at a time, in thread workers; the widget
renders from its page cache and shows a placeholder for a row still on its way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from followup.domain.model import CLOSED_STAGES
from followup.domain.text import visible
from followup.domain.timewords import Timing, describe
from followup.store import listing
from followup.store.listing import PAGE, ListQuery, ListRow

if TYPE_CHECKING:
    from followup.store.db import Store
    from followup.store.deferred import DeferredStore

CLOSED = frozenset(stage.value for stage in CLOSED_STAGES)
MARKERS = {"overdue": "●", "due": "●", "hold": "◌", "upcoming": "○"}


def row_timing(row: ListRow, now: datetime, zone: tzinfo) -> Timing | None:
    """The row's next action as `followup.domain.timewords` words it ("2d overdue", "due today",
    "in 3d", "waiting"), the same words as the agenda and `followup due`."""
    if row.state not in MARKERS or row.opens_at is None:
        return None
    if row.rule in listing.ENDS_AT_DEADLINE and row.due_by is not None and row.due_by < now:
        return None  # the interview has started: preparing for it is over, not overdue
    return describe(row.state, row.opens_at, row.due_by, now, zone)


@dataclass
class _Page:
    generation: int
    rows: list[ListRow]


class ApplicationList(ScrollView, can_focus=True):
    """A list of applications read from the store a page at a time."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "application-list--cursor",
        "application-list--overdue",
        "application-list--due",
        "application-list--hold",
        "application-list--upcoming",
        "application-list--muted",
    }
    DEFAULT_CSS = """
    ApplicationList {
        background: $surface;
        overflow-x: hidden;
    }
    ApplicationList > .application-list--cursor {
        background: $accent 40%;
    }
    ApplicationList:focus > .application-list--cursor {
        background: $accent 70%;
    }
    ApplicationList > .application-list--overdue {
        color: $error;
        text-style: bold;
    }
    ApplicationList > .application-list--due {
        color: $warning;
    }
    ApplicationList > .application-list--hold {
        color: $secondary;
    }
    ApplicationList > .application-list--upcoming {
        color: $text-muted;
    }
    ApplicationList > .application-list--muted {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    # Not repainted whole on a move: `watch_cursor` repaints the two rows that changed (and a
    # scroll repaints what it shows). Repainting every row took most of a key's time.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor is on another application (None: the list is empty)."""

        def __init__(self, application_id: int | None) -> None:
            super().__init__()
            self.application_id = application_id

    class Chosen(Message):
        def __init__(self, application_id: int) -> None:
            super().__init__()
            self.application_id = application_id

    class Counted(Message):
        """A reload's count, where the application it looked for now stands, and the pages
        around it (they land together: the cursor is never shown on rows of the older
        order at its new place)."""

        def __init__(
            self,
            generation: int,
            total: int,
            position: int | None,
            looked_for: int | None = None,
            pages: dict[int, list[ListRow]] | None = None,
        ) -> None:
            super().__init__()
            self.generation = generation
            self.total = total
            self.position = position
            self.looked_for = looked_for
            self.pages = pages or {}
            self.asked = 0  # which reading of the list it answers

    class PageLoaded(Message):
        def __init__(self, generation: int, index: int, rows: list[ListRow]) -> None:
            super().__init__()
            self.generation = generation
            self.index = index
            self.rows = rows

    def __init__(
        self, store: Store | DeferredStore, now: Callable[[], datetime], zone: tzinfo, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.now = now
        self.zone = zone
        self.query_spec = ListQuery()
        self.total = 0
        self.loaded = False  # the first count has arrived
        self._generation = 0
        self._pages: dict[int, _Page] = {}
        self._pending: set[tuple[int, int]] = set()
        self._announced: int | None = -1
        self._moved = False
        self._wanted: int | None = None
        # Moves by the person, and how many there had been when the last count began: a
        # move made while it was read must not be undone by the position it found.
        self._moves = 0
        self._moves_at = 0
        self._asked = 0  # counts asked for; only the answer to the last one is used
        self._counted = 0  # the generation whose count is shown

    # Loading.

    def reload(self, *, query: ListQuery | None = None, select: int | None = None) -> None:
        """Read the list again (after an edit or a rules tick), keeping the selection."""
        if query is not None:
            self.query_spec = query
        if select is not None:
            self._moved = True  # an explicit choice sticks through later reloads
            self._wanted = select  # and through reloads that overtake this one
        self._generation += 1
        self._announced = -1  # the row under the cursor is announced afresh: its details changed
        # The cursor follows the application under it (a rules pass re-sorts the list; the
        # row a person is reading must not change under them), or the one asked for.
        keep = self._wanted or self.selected_id
        self._recount(keep)
        if self.total:
            self._announce()  # from the rows shown, which keys move on until the count lands
        if not self.loaded and keep is None:
            # At start-up the first page is read alongside the count, not after it: on a big
            # file the count takes longer than the page, and the rows need not wait for it.
            self._request(0)

    def _recount(self, keep: int | None) -> None:
        self._asked += 1
        self._moves_at = self._moves
        view = (int(self.scroll_offset.y), max(self.size.height, 1)) if self.loaded else None
        self._count(self._asked, self._generation, self.query_spec, keep, view)

    @work(thread=True, exclusive=True, group="list-count", exit_on_error=False)
    def _count(
        self,
        asked: int,
        generation: int,
        query: ListQuery,
        select: int | None,
        view: tuple[int, int] | None,
    ) -> None:
        total = listing.count(self.store, query)
        position = listing.position_of(self.store, query, select) if select else None
        pages = {}
        if view is not None:  # (at start-up the first page is on its way already)
            # The rows the screen will show: around the cursor's new place, or where it is.
            top, height = view
            near = (top, top + height)
            if position is not None:
                near += (position - height, position, position + height)
            for index in sorted({max(i, 0) // PAGE for i in near}):
                if index * PAGE < total:
                    pages[index] = listing.page(self.store, query, index * PAGE, PAGE)
        counted = self.Counted(generation, total, position, select, pages)
        counted.asked = asked
        self.post_message(counted)

    def on_application_list_counted(self, message: Counted) -> None:
        # Not stopped: the screen listens too (to show the welcome on an empty list).
        if message.generation != self._generation or message.asked != self._asked:
            message.stop()  # an older reading (a thread cannot be called back)
            return
        moved = self._moves_at != self._moves
        chosen = self.selected_id
        if moved and chosen is not None and chosen != message.looked_for:
            # The person moved while this was read: the cursor follows the row they moved
            # to (on the rows still shown), so that one is looked for in the new order.
            message.stop()
            self._recount(chosen)
            return
        self.total = message.total
        self.loaded = True
        self._counted = message.generation
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        for index, rows in message.pages.items():
            self._pages[index] = _Page(message.generation, rows)
        # Pages of an older generation stay on screen until their fresh copies arrive.
        self._pending = {p for p in self._pending if p[0] == self._generation}
        top = int(self.scroll_offset.y)
        in_sight = message.position is not None and top <= message.position < top + self.size.height
        if moved and chosen is None:
            self.cursor = min(self.cursor, max(self.total - 1, 0))  # to a row not read yet
        elif message.position is not None and (self._moved or in_sight):
            # Untouched, the cursor is the app's pick (the top row): it follows the row being
            # read while that stays in sight, and else goes back to the top, the most urgent.
            self.cursor = message.position
        elif not self._moved:
            self._wanted = None
            self.cursor = 0
        else:
            self._wanted = None  # the wanted row is hidden by the filter: stay put
            self.cursor = min(self.cursor, max(self.total - 1, 0))
        self._request_visible()
        self.refresh()

    @property
    def generation(self) -> int:
        return self._generation

    def _request(self, index: int) -> None:
        key = (self._generation, index)
        page = self._pages.get(index)
        if page is not None and self._counted != self._generation:
            return  # rows of the new order come with its count: a move meanwhile is on these
        if (page is not None and page.generation == self._generation) or key in self._pending:
            return
        self._pending.add(key)
        self._fetch(self._generation, self.query_spec, index)

    @work(thread=True, group="list-pages", exit_on_error=False)
    def _fetch(self, generation: int, query: ListQuery, index: int) -> None:
        rows = listing.page(self.store, query, index * PAGE, PAGE)
        self.post_message(self.PageLoaded(generation, index, rows))

    def on_application_list_page_loaded(self, message: PageLoaded) -> None:
        # Not stopped: the screen starts the background work once rows are showing.
        self._pending.discard((message.generation, message.index))
        if message.generation != self._generation:
            return
        self._pages[message.index] = _Page(message.generation, message.rows)
        if not self.loaded:  # the count is still on its way: these rows exist, at least
            self.total = max(self.total, message.index * PAGE + len(message.rows))
            self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        if len(self._pages) > 64:  # keep memory flat however far one scrolls
            near = self.cursor // PAGE
            for index in sorted(self._pages, key=lambda i: -abs(i - near))[:16]:
                del self._pages[index]
        self.refresh()
        self._announce()

    def _request_visible(self) -> None:
        top = int(self.scroll_offset.y)
        bottom = top + max(self.size.height, 1)
        for index in {top // PAGE, bottom // PAGE, self.cursor // PAGE}:
            if index * PAGE < max(self.total, 1):
                self._request(index)

    def row_at(self, index: int) -> ListRow | None:
        page = self._pages.get(index // PAGE)
        if page is None or index >= self.total:
            return None
        offset = index % PAGE
        return page.rows[offset] if offset < len(page.rows) else None

    @property
    def selected_id(self) -> int | None:
        row = self.row_at(self.cursor)
        return row.id if row else None

    @property
    def announced_id(self) -> int | None:
        """The application the screen was last told about (what the details should show)."""
        return None if self._announced == -1 else self._announced

    def _announce(self) -> None:
        page = self._pages.get(self.cursor // PAGE)
        counting = self._counted != self._generation  # the rows shown are the ones moved on
        if self.total and (page is None or (page.generation != self._generation and not counting)):
            # Wait for the fresh page: an older one, kept on screen meanwhile, may hold
            # another application at the cursor's new place (its details would flash).
            return
        row = self.row_at(self.cursor) if self.total else None
        if row is None and self.total:
            return  # wait for the page
        chosen = row.id if row else None
        if chosen is not None and chosen == self._wanted:
            self._wanted = None  # arrived: later reloads follow the cursor again
        if chosen != self._announced:
            self._announced = chosen
            self.post_message(self.Highlighted(chosen))

    # Moving.

    def watch_cursor(self, old: int, new: int) -> None:
        if self.total and not 0 <= new < self.total:
            self.cursor = max(0, min(new, self.total - 1))
            return
        self.refresh_line(old - int(self.scroll_offset.y))
        self.refresh_line(new - int(self.scroll_offset.y))
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
        self._request_visible()
        self._announce()

    def action_move(self, step: int) -> None:
        self._moved, self._wanted = True, None
        self._moves += 1
        if self.total:
            self.cursor = max(0, min(self.cursor + step, self.total - 1))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.size.height - 1, 1))

    def action_jump(self, where: int) -> None:
        self._moved, self._wanted = True, None
        self._moves += 1
        if self.total:
            self.cursor = 0 if where == 0 else self.total - 1

    def action_choose(self) -> None:
        chosen = self.selected_id
        if chosen is not None:
            self.post_message(self.Chosen(chosen))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < self.total:
            self._moved = True
            self._moves += 1
            self.cursor = index
            if event.chain >= 2:
                self.action_choose()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._request_visible()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        self._request_visible()

    # Drawing.

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= self.total:
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            self._request(index // PAGE)
            muted = self.get_component_rich_style("application-list--muted")
            return Strip.blank(width, base + muted)
        text = self._row_text(row, width)
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("application-list--cursor"))
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.crop_extend(0, width, base).apply_style(base)

    def _row_text(self, row: ListRow, width: int) -> Text:
        timing = row_timing(row, self.now(), self.zone)
        # The state as of now: a row read just before its deadline passed is already overdue.
        state = timing.state if timing is not None else ""
        accent: Style = (
            self.get_component_rich_style(f"application-list--{state}") if state else Style()
        )
        muted = self.get_component_rich_style("application-list--muted")
        when = timing.words if timing is not None else ""
        closed = row.stage in CLOSED
        if closed:
            # A closed application reads as closed at any width (the stage column is the
            # first to go on a narrow screen): greyed, with its outcome where the next
            # action would be.
            accent = muted
            row = replace(row, rule=row.stage)
            when = "closed"
        columns = _columns(width)
        # Words longer than their column ("115d overdue") take the room from the column
        # before them: the timing is the one thing a row must never lose.
        longer = len(when) + 1 - columns["when"]
        if longer > 0:
            columns["when"] += longer
            columns["next" if columns["next"] else "company"] -= longer
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f" {'–' if closed else MARKERS.get(state, ' ')} ", accent)
        text.append(_fit(visible(row.company), columns["company"]), muted if closed else "")
        if columns["role"]:
            text.append(" " + _fit(visible(row.role), columns["role"] - 1), muted)
        if columns["stage"]:
            text.append(" " + _fit(row.stage, columns["stage"] - 1), muted)
        if columns["next"]:
            text.append(" " + _fit(row.rule or "", columns["next"] - 1), accent)
        text.append(" " + when.rjust(columns["when"] - 1), accent)
        return text


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _columns(width: int) -> dict[str, int]:
    """Column widths for a list `width` cells wide; narrow lists drop role, then stage."""
    when, marker = 12, 3
    room = max(width - when - marker, 10)
    if room >= 70:
        stage, nxt = 14, 18
        rest = room - stage - nxt
        return {
            "company": rest // 2,
            "role": rest - rest // 2,
            "stage": stage,
            "next": nxt,
            "when": when,
        }
    if room >= 44:
        nxt = 17
        rest = room - nxt
        return {
            "company": rest * 5 // 9,
            "role": rest - rest * 5 // 9,
            "stage": 0,
            "next": nxt,
            "when": when,
        }
    if room >= 30:
        nxt = 15
        return {"company": room - nxt, "role": 0, "stage": 0, "next": nxt, "when": when}
    return {"company": room, "role": 0, "stage": 0, "next": 0, "when": when}
