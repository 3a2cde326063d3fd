"""The main screen: the list of applications, the selected one's details, the compose slot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Static

from followup.domain.rules import Action, FollowUpRule, State
from followup.domain.text import counted
from followup.store import csv_io, deferred, listing
from followup.store.results import Summary
from followup.tui import recording
from followup.tui.screens.form import ConfirmScreen
from followup.tui.widgets.application_list import ApplicationList
from followup.tui.widgets.compose import ComposePane
from followup.tui.widgets.counts import CountsBar
from followup.tui.widgets.detail import ApplicationDetail, actions_text, detail_text
from followup.tui.widgets.key_footer import KeyFooter
from followup.tui.writes import Write

if TYPE_CHECKING:
    from followup.tui.app import FollowupApp

WELCOME = (
    "No applications yet.\n\n"
    "Press  a  to add your first application: company and role are enough.\n\n"
    "Or look around a realistic search first: quit (q) and run  followup demo"
)


class MainScreen(Screen):
    # The help screen (`?`), the palette and the README's key table are made from, or checked
    # against, these: the tooltip is the line the help shows.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="add an application (quick-add)"),
        Binding("slash", "filter", "Filter", tooltip="filter by company, role or notes"),
        Binding("t", "agenda", "Agenda", tooltip="agenda: everything to do, grouped"),
        Binding("w", "write", "Write", tooltip="write: a draft for the selected action"),
        Binding("i", "interview", "Interview", tooltip="record an interview"),
        Binding("s", "sent", "Sent", tooltip="log a message you sent (thank-you, follow-up)"),
        Binding("r", "reply", "Reply", tooltip="log a reply you received (a new decision date)"),
        Binding("question_mark", "app.help", "Keys", tooltip="these keys"),
        Binding("q", "app.quit", "Quit", tooltip="quit"),
        Binding("S", "stage", "Stage", show=False, tooltip="change the stage"),
        Binding("n", "notes", "Notes", show=False, tooltip="edit the notes here"),
        Binding(
            "E",
            "notes_in_editor",
            "Notes in $EDITOR",
            show=False,
            tooltip="edit the notes in $EDITOR",
        ),
        Binding("c", "contact", "Contact", show=False, tooltip="link a contact"),
        Binding("f", "reference", "Reference", show=False, tooltip="add a reference"),
        Binding(
            "b", "briefed", "References briefed", show=False, tooltip="mark references briefed"
        ),
        Binding("z", "snooze", "Snooze", show=False, tooltip="snooze the first action shown"),
        Binding("d", "done", "Done", show=False, tooltip="mark the first action shown done"),
        Binding(
            "x",
            "close_no_response",
            "Close as no-response",
            show=False,
            tooltip="close as no-response (asks first)",
        ),
        Binding("delete", "delete", "Delete", show=False, tooltip="delete (asks first)"),
        Binding("o", "toggle_closed", "Show closed", show=False, tooltip="show or hide closed"),
        Binding("e", "export", "Export", show=False, tooltip="export CSV"),
        Binding("I", "import_file", "Import CSV", show=False, tooltip="import CSV (preview first)"),
        Binding(
            "C", "calendar", "Calendar file", show=False, tooltip="calendar file of follow-ups"
        ),
        Binding("v", "stats", "Stats", show=False, tooltip="stats: funnel, replies, pace"),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            show=False,
            tooltip="close this, or any dialog; clear the filter",
        ),
    ]
    # The list has the focus from the start; the hidden filter box never does.
    AUTO_FOCUS = "ApplicationList"

    @property
    def followup(self) -> FollowupApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        app = self.followup
        yield CountsBar(id="counts")
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield Input(placeholder="filter: company, role or notes", id="filter")
                yield ApplicationList(app.store, app.clock.now, app.zone, id="applications")
                yield Static(WELCOME, id="welcome")
            with Vertical(id="side-pane"):
                yield ApplicationDetail(id="detail")
                # The compose pane is mounted when a draft is first shown (`_compose_pane`).
        yield ProgressBar(id="export-progress", show_eta=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.query_one("#welcome").display = False
        self.query_one("#export-progress").display = False
        self.set_focus(self.list)
        self.list.reload()
        if self.followup.summary is not None:
            self.update_counts(self.followup.summary)
        else:
            self._stored_counts()

    @work(thread=True, group="stored-counts", exit_on_error=False)
    def _stored_counts(self) -> None:
        """The header's counts from what the last rules pass stored, until the new one lands."""
        from followup.domain.when import end_of_day

        app = self.followup
        now = app.clock.now()
        tonight = end_of_day(now.astimezone(app.zone).date(), app.zone)
        overdue, today, waiting = listing.stored_counts(app.store, now, tonight)
        stored = Summary(overdue, today, waiting, None)
        self.app.call_from_thread(self._show_stored_counts, stored)

    def _show_stored_counts(self, stored: Summary) -> None:
        if self.followup.summary is None:  # the new pass has not landed yet
            self.update_counts(stored)

    @property
    def list(self) -> ApplicationList:
        return self.query_one(ApplicationList)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
        self._arrange()

    # Writing a draft: the details shrink to whose it is, what to do and why (the draft
    # answers one of those), and the draft takes the rest of the height; the whole details
    # come back with the list's focus. On a small screen the draft also takes the list's
    # place (Esc gives it back) and its passing checks are counted, not listed; on a wide
    # one the list gives the draft some of its width, for lines a letter's length.

    def on_descendant_focus(self) -> None:
        self._arrange()

    def on_descendant_blur(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        focused = self.focused
        writing = focused is not None and any(
            isinstance(node, ComposePane) for node in focused.ancestors_with_self
        )
        small = self.size.width < 100 or self.size.height < 32
        self.set_class(writing, "-writing")
        self.set_class(writing, "-brief")
        for detail in self.query(ApplicationDetail):
            detail.brief = writing
        for pane in self.query(ComposePane):
            pane.compact = writing and small

    # Keeping the panes current.

    def on_application_list_counted(self, message: ApplicationList.Counted) -> None:
        if message.total == 0:
            self.followup.first_rows_shown()
        if message.generation != self.list.generation:
            return
        empty = message.total == 0 and not self.list.query_spec.text
        self.query_one("#welcome").display = empty and not self.list.query_spec.include_closed
        self.list.display = not (empty and not self.list.query_spec.include_closed)
        if message.total == 0:
            self.query_one(ApplicationDetail).show(Text(""))

    def on_application_list_page_loaded(self, message: ApplicationList.PageLoaded) -> None:
        self.call_after_refresh(self.followup.first_rows_shown)

    def on_application_list_highlighted(self, message: ApplicationList.Highlighted) -> None:
        self.show_detail(message.application_id)

    def on_application_list_chosen(self, message: ApplicationList.Chosen) -> None:
        self.set_focus(self.query_one(ApplicationDetail))

    def show_detail(self, application_id: int | None) -> None:
        if application_id is None:
            self.query_one(ApplicationDetail).show(Text(""))
            return
        self._load_detail(application_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _load_detail(self, application_id: int) -> None:
        from followup.store import records

        app = self.followup
        try:
            record = records.application_detail(app.store, application_id)
        except records.UnknownApplication:
            return
        found = app.actions_for(application_id)
        content = detail_text(record, found, app.zone, app.clock.now())
        # Shown now, from plain SQL: the draft below needs the store's SQLAlchemy side, which
        # is still being imported for the first seconds after start-up (two or three under
        # load), and the details of the row a person moves to must not wait for it.
        brief = actions_text(record, found, app.zone, app.clock.now())
        waits = not deferred.is_open(app.store)
        self.app.call_from_thread(
            self._show_details_only, application_id, record, (content, brief), waits=waits
        )
        if waits:
            # Not here: this thread would wait out the import, and a few keys' worth of such
            # threads take every thread the workers have. `store_opened` asks again.
            return
        from followup.store import drafts

        prepared = None
        if drafts.template_for(found) or drafts.load_draft(app.store, application_id):
            prepared = self._prepare(application_id)
        # Beside the draft, the action it answers comes first.
        answered = prepared.rule if prepared is not None else ""
        first = sorted(found, key=lambda action: action.rule.value != answered)
        brief = actions_text(record, first, app.zone, app.clock.now())
        self.app.call_from_thread(
            self._show_detail, application_id, record, (content, brief), prepared
        )

    def _prepare(self, application_id: int, template: str | None = None):
        return self.followup.prepare_draft(application_id, template)

    def _show_details_only(
        self,
        application_id: int,
        record: dict[str, Any],
        content: tuple[Text, Text],
        *,
        waits: bool = False,
    ) -> None:
        if self.list.announced_id == application_id:
            self.current = record
            self.query_one(ApplicationDetail).show(*content, application_id=application_id)
        if waits:
            # Set here, on the UI thread, where `store_opened` runs: it is never missed.
            self._draft_waits = True
            if deferred.is_open(self.followup.store):
                self.store_opened()

    # A row's draft was not looked at: the store was not open yet.
    _draft_waits = False

    def store_opened(self) -> None:
        """The store's SQLAlchemy side is open: the draft of the row shown, if it has one."""
        if self._draft_waits:
            self._draft_waits = False
            self.show_detail(self.list.announced_id)

    def _show_detail(
        self, application_id: int, record: dict[str, Any], content: tuple[Text, Text], prepared
    ) -> None:
        if self.list.announced_id == application_id:
            self._show_details_only(application_id, record, content)
            if prepared is not None or self.query(ComposePane):
                self.call_later(self._with_compose, lambda pane: pane.show(prepared))

    def action_write(self) -> None:
        """Open the compose pane for the selected application, with a template if none."""
        chosen = self._selected()
        if chosen is not None:
            self.holding_keys = True
            self._open_compose(chosen)

    # While `w` is opening the draft, the next keys wait (see `followup.tui.keys`): they are
    # meant for the draft, not for the list's bindings.
    holding_keys = False

    # Its own group: a detail read started by a rules tick must not cancel it (the draft
    # would never open, and the keys held for it would wait).
    @work(thread=True, exclusive=True, group="compose", exit_on_error=False)
    def _open_compose(self, application_id: int) -> None:
        prepared = None
        try:
            prepared = self._prepare(application_id)
        finally:
            self.app.call_from_thread(self._focus_compose, prepared)

    def _focus_compose(self, prepared) -> None:
        def focus(pane: ComposePane) -> None:
            self.holding_keys = False
            pane.show(prepared)
            if prepared is not None:
                self.set_focus(pane.query_one("#draft"))

        self.call_later(self._with_compose, focus)

    async def _with_compose(self, then: Callable[[ComposePane], object]) -> None:
        """Do `then` with the compose pane, mounting it the first time it is needed: its
        channel chooser and editor cost more to build than the rest of the screen together,
        and the first rows need neither. (Callbacks run one at a time, so it is mounted once.)"""
        if self._ending():
            # The app is ending (a signal, its terminal gone, a quit) and takes this screen
            # away: a pane mounted now would fail to mount; what was typed is already kept.
            return
        found = self.query(ComposePane)
        if found:
            pane = found.first()
        else:
            pane = ComposePane(id="compose")
            await self.query_one("#side-pane", Vertical).mount(pane)
        try:
            then(pane)
        except NoMatches:
            # The app is ending (a signal, its terminal gone) and takes the pane's widgets
            # away under it: nothing to show any more, and no traceback for the person.
            if not self._ending():
                raise

    def _ending(self) -> bool:
        """The app is on its way out: asked to exit, or already shutting down (Textual's own
        shutdown, as after an error or at the end of a test, sets no exit)."""
        return bool(getattr(self.app, "_exit", False)) or not self.app.is_running

    def on_compose_pane_sent(self, message: ComposePane.Sent) -> None:
        self._after_edit(True, select=message.application_id, said=message.said)

    current: dict[str, Any] | None = None

    def refresh_all(self, *, select: int | None = None) -> None:
        """After an edit or a rules tick: the list, the counts and the details."""
        if not self.query(ApplicationList):
            return  # a tick can come before the screen is built; it shows the list itself
        # The list announces the row under the cursor again once fresh rows arrive,
        # and that loads the details: loading them here could show a row about to move.
        self.list.reload(select=select)

    def update_counts(self, summary: Summary) -> None:
        for bar in self.query(CountsBar):  # none yet while the screen is being built
            bar.show(summary, self.followup.clock.now(), self.followup.zone)

    def show_waiting(self, waiting: bool) -> None:
        """A write waits for a busy database: the header says so until it lands."""
        for bar in self.query(CountsBar):
            bar.show_waiting(waiting)

    # Filtering.

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        self.set_focus(box)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        spec = self.list.query_spec
        self.list.reload(query=listing.ListQuery(event.value, spec.include_closed))

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.set_focus(self.list)

    @on(Input.Blurred, "#filter")
    def _filter_left(self, event: Input.Blurred) -> None:
        # A filter that holds text stays in sight (the list is narrowed by it); an empty
        # one goes away with the focus.
        if not event.value:
            event.input.display = False

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display or box.value:
            box.value = ""
            box.display = False
            self.set_focus(self.list)

    def on_screen_resume(self) -> None:
        # After any dialog the keys go to the list, not to a box the dialog hid; a draft
        # being written keeps them.
        focused = self.focused
        if focused is None or not any(isinstance(node, ComposePane) for node in focused.ancestors):
            self.set_focus(self.list)

    def action_toggle_closed(self) -> None:
        spec = self.list.query_spec
        self.list.reload(query=listing.ListQuery(spec.text, not spec.include_closed))
        shown = "shown" if not spec.include_closed else "hidden"
        self.notify(f"Closed applications {shown}", timeout=2)

    # Recording what happened.

    def _selected(self) -> int | None:
        chosen = self.list.selected_id
        if chosen is None:
            self.notify("Select an application first (or press a to add one).", severity="warning")
        return chosen

    def _write(
        self,
        what: str,
        write: Callable[[], Any],
        *,
        select: int | None = None,
        said: str | Callable[[Any], str] = "",
        keep: str = "",
    ) -> None:
        """Make a write for the person through the app's queue (see `writes`), then show it."""

        def done(result: Any) -> None:
            self._after_edit(True, select=select, said=said(result) if callable(said) else said)

        self.followup.writes.submit(Write(what, write, keep=keep, done=done))

    def _company(self, application_id: int) -> str:
        row = self.list.row_at(self.list.cursor)
        return row.company if row is not None and row.id == application_id else "this application"

    def _after_edit(self, result: Any, *, select: int | None = None, said: str = "") -> None:
        if result is None:
            return
        if said:
            self.notify(said, timeout=4, markup=False)
        self.followup.refresh_rules()
        self.refresh_all(select=select)

    def action_add(self) -> None:
        def added(new_id: int | None) -> None:
            self._after_edit(new_id, select=new_id, said="Added.")

        self.app.push_screen(recording.quick_add(self.followup), added)

    def action_interview(self) -> None:
        if (chosen := self._selected()) is not None:
            self.app.push_screen(
                recording.interview(self.followup, chosen),
                lambda r: self._after_edit(r, select=chosen, said="Interview recorded."),
            )

    def action_sent(self, kind: str | None = None) -> None:
        if (chosen := self._selected()) is not None:
            if kind is None:  # the kind of the message the first action shown asks for
                shown = self.followup.known_actions(chosen)
                found = recording.SENT_KIND_FOR_RULE.get(shown[0].rule.value) if shown else None
                kind = found.value if found is not None else None
            screen = recording.message(self.followup, chosen, received=False, kind=kind)
            self.app.push_screen(
                screen, lambda r: self._after_edit(r, select=chosen, said=recording.logged_words(r))
            )

    def action_reply(self) -> None:
        if (chosen := self._selected()) is not None:
            screen = recording.message(self.followup, chosen, received=True)
            self.app.push_screen(
                screen, lambda r: self._after_edit(r, select=chosen, said=recording.logged_words(r))
            )

    # Edits start from what is stored when they start, not from the row shown, so a save
    # never silently replaces what another app or the shell saved meanwhile.

    def action_stage(self) -> None:
        if (chosen := self._selected()) is not None:
            self._read_stored(chosen, "stage", self._stage_form)

    def _stage_form(self, application_id: int, stored: str) -> None:
        self.app.push_screen(
            recording.stage(self.followup, application_id, stored),
            lambda r: self._after_edit(r, select=application_id, said=f"Now {r}."),
        )

    def action_notes(self) -> None:
        if (chosen := self._selected()) is not None:
            self._read_stored(chosen, "notes", self._notes_form)

    def _notes_form(self, application_id: int, stored: str) -> None:
        now = self.followup.clock.now()
        shown = self.current if (self.current or {}).get("id") == application_id else {}
        begun = [i for i in shown.get("interviews", []) if i["starts_at"] <= now]
        self.app.push_screen(
            recording.notes(self.followup, application_id, stored, begun[-1] if begun else None),
            lambda said: self._after_edit(said, select=application_id, said=said or ""),
        )

    def action_notes_in_editor(self) -> None:
        if (chosen := self._selected()) is not None:
            self._read_stored(chosen, "notes", self._notes_in_editor)

    def _read_stored(
        self, application_id: int, field: str, then: Callable[[int, Any], object]
    ) -> None:
        """Open a form on what is stored now; the keys typed meanwhile wait for the form."""
        self.holding_keys = True
        self._read_stored_then(application_id, field, then)

    def _open_form(self, then: Callable[[int, Any], object], application_id: int, stored) -> None:
        self.holding_keys = False
        then(application_id, stored)

    @work(thread=True, exclusive=True, group="edit-read", exit_on_error=False)
    def _read_stored_then(
        self, application_id: int, field: str, then: Callable[[int, Any], object]
    ) -> None:
        from followup.store import repository

        try:
            stored = repository.current_value(self.followup.store, application_id, field)
        except Exception as error:
            from followup.store.header import describe

            said = describe(error)

            def tell() -> None:
                self.holding_keys = False
                self.notify(said, severity="error", markup=False)

            self.app.call_from_thread(tell)
            return
        self.app.call_from_thread(self._open_form, then, application_id, stored)

    def _notes_in_editor(self, application_id: int, stored: str) -> None:
        from followup.tui.editor import edit

        for pane in self.followup.compose_panes:
            pane.flush()  # a draft being typed is queued for saving before the editor runs
        edited = edit(self.app, stored, kept="Your notes are unchanged.")
        if edited.text is None:
            self.notify(edited.problem, severity="error", timeout=12, markup=False)
        elif edited.text != stored:
            self._save_notes(application_id, edited.text, stored)

    def _save_notes(self, application_id: int, text: str, expected: str) -> None:
        store, now = self.followup.store, self.followup.clock.now()

        def write() -> bool:
            from followup.store import repository

            return repository.set_notes(store, application_id, text, now=now, expected=expected)

        self._write(
            f"the notes for {self._company(application_id)}",
            write,
            select=application_id,
            said=lambda merged: recording.NOTES_MERGED if merged else "Notes saved.",
            keep=text,
        )

    def action_contact(self) -> None:
        if (chosen := self._selected()) is not None:
            self.app.push_screen(
                recording.contact(self.followup, chosen),
                lambda r: self._after_edit(r, select=chosen, said="Contact linked."),
            )

    def action_reference(self) -> None:
        if (chosen := self._selected()) is not None:
            self.app.push_screen(
                recording.reference(self.followup, chosen),
                lambda r: self._after_edit(r, select=chosen, said="Reference added."),
            )

    def action_briefed(self) -> None:
        if (chosen := self._selected()) is not None:
            self._brief(chosen)

    def _brief(self, application_id: int) -> None:
        store = self.followup.store
        today: date = self.followup.clock.now().astimezone(self.followup.zone).date()

        def write() -> int:
            from followup.store import repository

            return repository.mark_references_briefed(store, application_id, today)

        self._write(
            f"references briefed for {self._company(application_id)}",
            write,
            select=application_id,
            said=lambda count: (
                f"{count} {'reference' if count == 1 else 'references'} marked briefed today."
                if count
                else "No references yet: press f to add one."
            ),
        )

    # Actions on the rules' suggestions.

    def _first_action(self, rules: tuple[FollowUpRule, ...] | None = None) -> Action | None:
        chosen = self.list.selected_id
        if chosen is None:
            return None
        for action in self.followup.known_actions(chosen):
            if action.state is not State.UPCOMING and (rules is None or action.rule in rules):
                return action
        return None

    def action_snooze(self) -> None:
        action = self._first_action()
        if action is None:
            self.notify("Nothing to snooze here.", severity="warning")
            return
        screen = recording.snooze(self.followup, action.application_id, action.rule.value)
        self.app.push_screen(
            screen,
            lambda r: self._after_edit(
                r, select=action.application_id, said=f"{action.rule.value} snoozed."
            ),
        )

    def action_done(self) -> None:
        action = self._first_action()
        if action is None:
            self.notify("Nothing to mark done here.", severity="warning")
            return
        self._dismiss(action)

    def _dismiss(self, action: Action) -> None:
        store = self.followup.store

        def write() -> None:
            from followup.store import repository

            repository.snooze(
                store, action.application_id, action.rule.value, until=None, cycle=action.cycle
            )

        self._write(
            f"{action.rule.value} marked done",
            write,
            select=action.application_id,
            said=f"{action.rule.value}: done for now.",
        )

    def _confirm_then(self, question: str, yes: str, act: Callable[[int], object]) -> None:
        """Ask about the selected application ({company} in the question), then act on yes."""
        chosen = self._selected()
        if chosen is None:
            return
        company = self._company(chosen)

        def answered(yes_said: bool | None) -> None:
            if yes_said:
                act(chosen)

        self.app.push_screen(ConfirmScreen(question.format(company=company), yes), answered)

    def action_close_no_response(self) -> None:
        self._confirm_then(
            "Close {company} as no-response? It leaves the list of open applications "
            "(press o to see closed ones).",
            "Close",
            self._close,
        )

    def _close(self, application_id: int) -> None:
        store, now = self.followup.store, self.followup.clock.now()

        def write() -> None:
            from followup.domain.model import Stage
            from followup.store import repository

            repository.set_stage(store, application_id, Stage.NO_RESPONSE, now=now)

        self._write(
            f"{self._company(application_id)} closed as no-response",
            write,
            said="Closed as no-response.",
        )

    def action_delete(self) -> None:
        self._confirm_then(
            "Delete {company} with its interviews and messages? This cannot be undone.",
            "Delete",
            self._delete,
        )

    def _delete(self, application_id: int) -> None:
        store = self.followup.store

        def write() -> None:
            from followup.store import repository

            repository.delete_application(store, application_id)

        self._write(f"{self._company(application_id)} deleted", write, said="Deleted.")

    # Other views.

    def action_agenda(self) -> None:
        from followup.tui.screens.agenda import AgendaScreen

        def jump(application_id: int | None) -> None:
            if application_id is not None:
                self.refresh_all(select=application_id)

        self.app.push_screen(AgendaScreen(), jump)

    def action_stats(self) -> None:
        from followup.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_calendar(self) -> None:
        default = str(Path.home() / "followup.ics")

        def chosen(path: str | None) -> None:
            if path:
                self._write_calendar(Path(path).expanduser())

        self.app.push_screen(
            recording.file_prompt(
                self.followup, "Write the follow-ups to a calendar file", default, "Write"
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write_calendar(self, path: Path) -> None:
        from followup.store import calendar

        app = self.followup
        try:
            count = calendar.write(
                app.store,
                app.settings,
                path,
                now=app.clock.now(),
                zone=app.zone,
                horizon_days=app.settings.horizon_days,
            )
        except csv_io.ExportError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(
            self.notify,
            f"Wrote {counted(count, 'follow-ups')} to {path}; import it into your calendar "
            "(again whenever you like: events update, never duplicate).",
            title="Calendar",
            markup=False,
        )

    def action_import_file(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self._preview_import(Path(path).expanduser())

        self.app.push_screen(
            recording.file_prompt(
                self.followup,
                "Import a CSV file (our export, Huntr, Teal, LinkedIn...)",
                str(Path.home()),
                "Preview",
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _preview_import(self, path: Path) -> None:
        from followup.store import csv_import

        app = self.followup
        try:
            summary = csv_import.import_file(
                app.store,
                path,
                now=app.clock.now(),
                zone=app.zone,
                dry_run=True,
                date_order=app.settings.date_order or None,
            )
        except csv_import.CsvImportError as error:
            self.app.call_from_thread(
                self.notify,
                str(error),
                title="Cannot import",
                severity="error",
                markup=False,
                timeout=12,
            )
            return
        question = "\n".join([*summary.lines(), "", "Import it?"])

        def answered(yes: bool | None) -> None:
            if yes:
                self._import(path)

        # Asked when the preview is ready, maybe seconds after the key: keys typed meanwhile
        # (a "y" among them) must not answer it.
        self.app.call_from_thread(
            self.app.push_screen, ConfirmScreen(question, "Import", unprompted=True), answered
        )

    def _progress_bar(self):
        """From a worker: show the progress bar; returns it and a callback that moves it."""
        bar = self.query_one("#export-progress", ProgressBar)
        self.app.call_from_thread(setattr, bar, "display", True)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        return bar, progress

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import(self, path: Path) -> None:
        from followup.store import csv_import

        app = self.followup
        bar, progress = self._progress_bar()

        try:
            summary = csv_import.import_file(
                app.store,
                path,
                now=app.clock.now(),
                zone=app.zone,
                progress=progress,
                date_order=app.settings.date_order or None,
            )
        except csv_import.CsvImportError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
        else:
            self.app.call_from_thread(self._after_edit, True, said="\n".join(summary.lines()[:4]))
        finally:
            self.app.call_from_thread(setattr, bar, "display", False)

    def action_export(self) -> None:
        today = self.followup.clock.now().astimezone(self.followup.zone).date()
        default = str(Path.home() / f"followup-applications-{today:%Y-%m-%d}.csv")

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                path, table = result
                self._export(Path(path).expanduser(), table)

        self.app.push_screen(recording.export(self.followup, default), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, path: Path, table: str) -> None:
        bar, progress = self._progress_bar()

        try:
            count = csv_io.export_to_path(
                self.followup.store, table, path, zone=self.followup.zone, progress=progress
            )
        except csv_io.ExportError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
        else:
            self.app.call_from_thread(
                self.notify,
                f"Wrote {counted(count, table)} to {path}",
                title="Exported",
                markup=False,
            )
        finally:
            self.app.call_from_thread(setattr, bar, "display", False)
