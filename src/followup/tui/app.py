"""The full-screen app: it receives its store, settings and clock, and keeps the rules live.

The rules run in a thread worker at the next change moment (or every 30 seconds at most) and
after every edit; results come back in one message and are applied in one batch.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import threading
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import constants, events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from followup.config import Settings, save_preference
from followup.domain.clock import Clock
from followup.domain.rules import Action
from followup.tui.keys import KeyGate
from followup.tui.way_out import WayOut, kept_once
from followup.tui.writes import WriteFailed, WriteLanded, Writes, WritesWaiting

if TYPE_CHECKING:  # the store's SQLAlchemy side is imported off the UI thread, when needed
    from followup.store.db import Store
    from followup.store.deferred import DeferredStore
    from followup.store.drafts import Prepared
    from followup.store.evaluation import Evaluator
    from followup.store.process import EvaluationProcess
    from followup.store.results import AgendaItem, Notice, Summary

log = logging.getLogger("followup")
# How often the data file is looked at (a stat): a replaced or new file is seen this soon.
WATCH_SECONDS = 1.0
# On the way out, how long the writes still waiting get to land: a write that waits for
# another program's lock would hold a quit for the whole busy timeout (10 s), and what has
# not landed by then is kept in a file (see `way_out`), never dropped.
LAST_TRY_SECONDS = 1.0
# Up to this size (about 3,000 applications) the file's check runs before the first frame, a
# few milliseconds: a damaged file is said at once, never after rows read from it were shown
# as if whole. A bigger file is checked once the first ticks have had the processor.
EARLY_CHECK_BYTES = 4 * 1024 * 1024
ONLY_READ = "the data file is damaged and only read (`followup doctor`)"


class RulesEvaluated(Message):
    def __init__(self, summary: Summary, at: datetime) -> None:
        super().__init__()
        self.summary = summary
        self.at = at


class FollowupApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "followup"
    # Where `q` and `?` are typed as text (a draft), these still quit and help; the footer
    # shows them there (elsewhere it shows q and ? for the same actions).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="quit, also while writing"),
        Binding("f1", "help", "Keys", tooltip="these keys, also while writing"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        store: Store | DeferredStore,
        settings: Settings,
        clock: Clock,
        zone: tzinfo,
        *,
        tick_seconds: float = 30.0,
        config_path: Path | None = None,
        separate_process: bool = True,
    ) -> None:
        super().__init__()
        # Start-up makes a few hundred thousand objects that live as long as the app; the
        # cyclic collector would walk them again and again. It waits until the first rows are
        # on screen, when they are moved out of its reach (see `first_rows_shown`).
        gc.disable()
        self.store = store
        self.settings = settings
        self.clock = clock
        self.zone = zone
        self.tick_seconds = tick_seconds
        self.config_path = config_path
        self.summary: Summary | None = None
        # The actions of applications whose details were shown, for snooze and done.
        self._by_application: dict[int, list[Action]] = {}
        self._evaluator: Evaluator | None = None  # made by the first rules pass
        # A separate process keeps a pass over 100,000 applications off this interpreter's
        # lock, so keys stay instant; a database not yet created is evaluated in a thread.
        self._process: EvaluationProcess | None = None
        if separate_process and store.exists:
            from followup.store.process import EvaluationProcess

            self._process = EvaluationProcess(store.path, settings.policy, zone)
        self._rules_lock = threading.Lock()
        self._told_replaced = False
        self._only_read: str | None = None  # why the file is only read (damaged, kept)
        if self._damaged_before_start():
            self._only_read = ONLY_READ  # said from the first frame (see CountsBar)
        self._ending = False  # a signal was taken: the app is on its way out
        self._timer: Timer | None = None
        self.ticks = 0
        self.compose_panes: list = []
        self.writes = Writes(self)
        self.way_out = WayOut(self)
        # A person's own message templates live beside the settings file.
        self.templates_folder = config_path.parent / "templates" if config_path else None
        self._keys = KeyGate(self, lambda event: App.on_event(self, event))

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes are routed one at a time, each once the one before has settled
        # (see `followup.tui.keys`): none is lost or sent to a dialog not yet shown.
        if self._keys.holds(event):
            await self._keys.arrived(event)
        else:
            await super().on_event(event)

    def _on_key(self, event: events.Key) -> None:
        # Textual calls App._on_key (which runs the key's binding) after this one: the gate
        # hears of the key once that is done.
        self.call_next(self._keys.came_back, event)

    def get_default_screen(self) -> Screen:
        from followup.tui.screens.main import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for warning in self.settings.warnings:  # keys ignored in the settings file
            self.notify(warning, severity="warning", markup=False, timeout=10)
        from followup.store.header import written_mark
        from followup.tui.ending import ENDING

        if ENDING.code is not None:  # the signal came while the screen was starting
            self.end_on_signal(ENDING.code)
        self._tell_what_was_kept()
        self._appeared: tuple[int, int] | None = None
        # From the start, so a write made before the first look is seen too (`_notice_writes`).
        self._written = written_mark(self.store.path)
        self._facts_seen: tuple[object, ...] | None = None
        self.set_interval(WATCH_SECONDS, self._watch_the_file, name="file-watch")
        self._started = False
        self._checking = False
        if self._only_read is not None:  # damaged, found before the screen was built
            self._read_only(rules=False)
            self._checking = True
            self._check_the_file()
        # Nothing heavy runs before the first rows are on screen (see `first_rows_shown`),
        # but the rules start within a second whatever happens.
        self.set_timer(1.0, self.first_rows_shown)

    def _tell_what_was_kept(self) -> None:
        """What an earlier run could not save is in a file: said at every start until the
        person has dealt with it (deleted the file)."""
        from followup.tui.kept_aside import left_from_before

        found = left_from_before(self.store.path)
        if not found:
            return
        more = f" ({len(found)} such files; this is the newest)" if len(found) > 1 else ""
        self.notify(
            f"What you typed last time could not be saved; it is kept in {found[-1]}{more}. "
            "Enter it again, then delete the file.",
            title="Not saved last time",
            severity="warning",
            timeout=30,
            markup=False,
        )

    def first_rows_shown(self) -> None:
        """Start the background work once the screen has something to show."""
        if self._started:
            return
        self._started = True
        # The store's SQLAlchemy side is imported in a thread now; while it is, the UI thread
        # takes the interpreter back sooner when a key comes (the default is 5 ms, and a key
        # needs it several times), and the collector stays off (a collection in that thread
        # would hold the interpreter for as long as it walks the objects of start-up).
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0005)
        self._open_the_store()
        self.refresh_rules()
        if not self._checking:
            # The full check reads the whole file: let the first ticks have the processor.
            self.set_timer(3.0, self._check_the_file)

    def _damaged_before_start(self) -> bool:
        """A small file is checked before the screen is built (see EARLY_CHECK_BYTES): if it
        is damaged, the header says so from the first frame, nothing is written to it, and
        the restore is offered as soon as what each side holds is counted."""
        if not self.store.exists:
            return False
        from followup.store import health

        try:
            if self.store.path.stat().st_size > EARLY_CHECK_BYTES:
                return False
        except OSError:
            return False  # gone already: the watch on the file says so
        # The usual check, later, makes today's backup of a sound file.
        return health.diagnose(self.store.path, open_here=True).state == "damaged"

    def trouble(self, problem: str | None = None) -> str:
        """What the header says in place of the counts ("" nothing): the file replaced
        (`problem`), damaged and only read, or made read-only."""
        if problem is not None:
            gone = "moved or deleted" if "moved or deleted" in problem else "replaced"
            return f"data file {gone}: nothing is saved"
        if self._only_read is not None:
            return "damaged file, only read: nothing is saved"
        if self.store.exists and not os.access(self.store.path, os.W_OK):
            # Made read-only by its owner: said before a form is filled in for nothing.
            return "read-only file: nothing is saved"
        return ""

    @work(thread=True, group="open-store", exit_on_error=False)
    def _open_the_store(self) -> None:
        """Open the store's SQLAlchemy side now, off the UI thread, before a key needs it."""
        from followup.store.deferred import DeferredStore

        try:
            if isinstance(self.store, DeferredStore):
                self.store.real  # noqa: B018  (opening it is the point)
        finally:
            with suppress(RuntimeError):  # the app already closed
                self.call_from_thread(self._settled_in)

    def _settled_in(self) -> None:
        """Start-up's objects (modules, styles, widgets, the store) live as long as the app:
        moved out of the collector's reach, a full collection no longer walks them, and no
        key waits ~80 ms for one."""
        sys.setswitchinterval(self._switch_interval)
        gc.freeze()
        gc.enable()
        main = self._main()
        if main is not None:
            main.store_opened()

    # Keeping the data safe.

    def get_driver_class(self):
        if os.name != "posix" or constants.DRIVER:
            return super().get_driver_class()
        from followup.tui.terminal import TerminalDriver

        return TerminalDriver

    def end_on_signal(self, code: int, waited: int = 0) -> None:
        """SIGTERM and SIGHUP (or the terminal gone) end the app cleanly: drafts saved,
        terminal given back; see `followup.tui.ending`."""
        if self._ending:
            return
        if waited < 10 and not self._settled():
            # Not a Textual timer: called from a signal's callback, outside the app's context,
            # one would never fire. The next look goes through the app's queue, in its context.
            asyncio.get_running_loop().call_later(
                0.05, self.call_later, self.end_on_signal, code, waited + 1
            )
            return
        self._ending = True
        # The last resort ends the process GRACE_SECONDS after the signal, whatever is still
        # running: what is typed goes to a file first (no database needed), and the database
        # gets only what is left of that time.
        self.way_out.leave(self.way_out.gather(), wait=0.5)
        self.exit(return_code=code)

    def _handle_exception(self, error: Exception) -> None:
        from textual.css.query import NoMatches
        from textual.widget import MountError

        if self._exit and isinstance(error, (NoMatches, MountError)):
            # A widget still mounting (a dialog opened as a signal came, a key handled after
            # it) looks for children the exit has already taken away. What was typed was kept
            # before the exit began: nothing to tell the person, and no traceback.
            log.debug("while the app closed: %r", error)
            return
        super()._handle_exception(error)

    def _settled(self) -> bool:
        """Nothing is half-way: no screen in the middle of its mount (it would look for
        widgets the exit has already taken away), and no key typed before the signal still
        on its way to the draft it belongs in."""
        if not all(screen.is_mounted for screen in self.screen_stack):
            return False
        if self._keys.waiting:  # keys held until the screen they are for is ready
            return False
        pumps = [self, self.screen, self.focused]
        # Textual has no public "queue empty"; a key is on its way while it is queued here.
        if any(pump is not None and pump._message_queue.qsize() for pump in pumps):
            return False
        from followup.tui.terminal import unread_input

        return unread_input() == 0

    @work(thread=True, group="file-check", exit_on_error=False)
    def _check_the_file(self) -> None:
        """A quick check of the data file, then today's backup, off the UI thread."""
        if not self.store.exists:
            return
        from followup.store import backups, health

        path = self.store.path
        state = health.diagnose(path, open_here=True)
        if state.state == "missing" or self.store.replaced() is not None:
            # Deleted or replaced (its journal too) since the app opened it: the watch on the
            # file says so, and what is at the path is not the file the app has open.
            return
        if state.state == "unusable":
            self.call_from_thread(
                self.notify,
                f"{path}: {state.detail}",
                title="The data file is out of reach",
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        if state.fails:
            from followup.store.salvage import readable_counts

            good = backups.newest_good(path)
            sides = None
            if good is not None:
                sides = (
                    readable_counts(path),  # what a restore replaces: what can be read
                    health.last_written(path),
                    good,
                    health.counts(good.path),
                )
            self.call_from_thread(self._offer_restore, state.detail, sides)
            return
        try:
            backups.rotate(path, keep=self.settings.backups_keep)
        except backups.BackupError as error:  # said once; the app goes on without one
            self.call_from_thread(
                self.notify,
                f"{error}. Your data is untouched; followup doctor says more.",
                title="No backup today",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def _watch_the_file(self) -> None:
        """One stat a second, no database opened: a data file that appears, or is replaced,
        moved or deleted under the app, is noticed now rather than at the next rules pass."""
        if self._ending:
            return
        from followup.store.header import identity
        from followup.tui.screens.form import ConfirmScreen

        store = self.store
        if not store.exists:
            # Made by another program since the app started: the rules pass reads it (the
            # store follows the file), and the list shows what it holds.
            found = identity(store.path)
            if found is not None and found != self._appeared:
                self._appeared = found
                self.refresh_rules()
            return
        problem = store.replaced()
        self._show_trouble(problem)
        if problem is not None:
            self._file_replaced(problem)
            return
        if self._told_replaced and not isinstance(self.screen, ConfirmScreen):
            self._told_replaced = False  # the file came back: a new change is told again
        self._notice_writes()

    def _notice_writes(self) -> None:
        """Another program (a shell command, a second app) wrote to the file: the list shows
        it within a second or two, not at the next tick. The stat here is cheap; whether the
        write touched what the list shows is read in a thread."""
        from followup.store.header import written_mark

        mark = written_mark(self.store.path)
        if mark != self._written:
            self._written = mark
            if self._started:  # before that, the first pass is on its way anyway
                self._look_for_other_writes()

    @work(thread=True, exclusive=True, group="other-writes", exit_on_error=False)
    def _look_for_other_writes(self) -> None:
        from followup.store.header import facts_mark

        found = facts_mark(self.store.path)
        # Drafts saved as they are typed change the file but nothing the rules or the list
        # show: no pass for those. The app's own edits start their pass themselves, which
        # reads the mark first, so they are not passed over twice.
        if found is not None and found != self._facts_seen and not self._ending:
            self.call_from_thread(self.refresh_rules)

    def _show_trouble(self, problem: str | None) -> None:
        """The header says, for as long as it is so, that nothing is being saved."""
        from followup.tui.widgets.counts import CountsBar

        trouble = self.trouble(problem)
        main = self._main()
        for bar in main.query(CountsBar) if main is not None else []:
            bar.show_trouble(trouble)

    def _offer_restore(self, verdict: str, sides) -> None:
        from followup.store.health import in_words
        from followup.tui.screens.form import ConfirmScreen

        verdict = in_words(verdict)
        if sides is None:
            self._read_only()
            self.notify(
                f"The data file is damaged ({verdict}) and there is no good backup. Copy it "
                "somewhere safe before anything else. followup shows what it can read of "
                "it and writes nothing to it.",
                title="Damaged data file",
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        from followup.store.health import comparison

        now_holds, written, good, backup_holds = sides
        written_said = f", last written {self._local(written)}" if written else ""
        question = (
            f"The data file {self.store.path} is damaged ({verdict}){written_said}.\n"
            f"The newest good backup was made {self._local(good.made)}.\n\n"
            + "\n".join(comparison(now_holds, backup_holds))
            + "\n\nRestore that backup? The damaged file is kept beside it under a clear "
            "name, and followup closes; start it again."
        )
        self.push_screen(
            ConfirmScreen(question, "Restore", unprompted=True),
            lambda yes: self._restore(yes, good),
        )

    def _local(self, moment: datetime) -> str:
        return f"{moment.astimezone(self.zone):%a %d %b %Y %H:%M}"

    def _restore(self, yes: bool | None, good) -> None:
        if not yes:
            self._read_only()
            self.notify(
                "Kept as it is: followup shows what it can read of the file and writes "
                "nothing to it. `followup export DIR/` copies out what can be read; "
                "`followup doctor --restore` brings back the backup later.",
                title="Damaged data file, only read",
                severity="warning",
                timeout=20,
                markup=False,
            )
            return
        from followup.store import backups
        from followup.store.header import StoreError

        self.store.close()
        if self._process is not None:
            self._process.close()
            self._process = None
        try:
            aside = backups.restore(self.store.path, good)
        except StoreError as error:
            self.exit(return_code=1, message=f"Nothing was restored: {error}")
            return
        self.exit(
            return_code=0,
            message=f"Restored the backup made {self._local(good.made)}; the damaged file "
            f"is kept as {aside}. Start followup again.",
        )

    def _file_replaced(self, problem: str) -> None:
        """The data file was replaced, moved or deleted under the app: say so, write nothing,
        and offer to open the file now at the path."""
        from followup.tui.screens.form import ConfirmScreen

        if self._told_replaced:
            return
        self._told_replaced = True
        if not self.store.path.exists():
            self._file_deleted(problem)
            return
        question = (
            f"{problem}. Nothing more is written to the old file, and nothing you do now "
            "is saved until followup opens the file that is at that path now.\n\n"
            "Open it now?"
        )
        self.push_screen(ConfirmScreen(question, "Open it", unprompted=True), self._reopen_answered)

    def _read_only(self, *, rules: bool = True) -> None:
        """A damaged file kept: read as far as it can be, never written (a write would stand
        between the person and the backup that restores the rest)."""
        self._only_read = ONLY_READ
        self.store.refuse_writes(self._only_read)
        with self._rules_lock:
            if self._process is not None:
                # The separate process has its own connection, which would write the list
                # order: the rules run here now, through the store that refuses writes.
                self._process.close()
                self._process = None
            self._evaluator = None
        self._show_trouble(None)
        if rules:
            self.refresh_rules()

    def _file_deleted(self, problem: str) -> None:
        """Deleted, or moved away: never called damaged; followup still reads the old file
        through the connections it has open, and offers to write it back to the path."""
        from followup.tui.screens.form import ConfirmScreen

        question = (
            f"{problem}: there is no data file at that path now. Nothing you do is saved "
            "until there is one again.\n\nfollowup still holds everything that file held, "
            "as you last saw it. Write it to that path now, as a new data file?"
        )
        self.push_screen(
            ConfirmScreen(question, "Write it", unprompted=True), self._rescue_answered
        )

    def _rescue_answered(self, yes: bool | None) -> None:
        if yes:
            self._rescue()
        else:
            self._reopen_answered(False)

    @work(thread=True, group="reopen", exit_on_error=False)
    def _rescue(self) -> None:
        from followup.store.header import StoreError
        from followup.store.process import EvaluationProcess
        from followup.store.rescue import rescue

        with self._rules_lock:
            separate = self._process is not None
            if self._process is not None:
                self._process.close()  # its connections too hold the deleted file's journal
                self._process = None
            try:
                count = rescue(self.store)
            except StoreError as error:
                self.call_from_thread(
                    self.notify,
                    f"{error}. Nothing will be saved until followup is started again; what "
                    "you type in a form or draft is kept in a file beside the data file.",
                    title="Not written",
                    severity="error",
                    timeout=30,
                    markup=False,
                )
                return
            self.store.reopen()
            if separate:
                self._process = EvaluationProcess(self.store.path, self.settings.policy, self.zone)
            self._evaluator = None
            self._told_replaced = False
        many = "1 application" if count == 1 else f"{count} applications"
        self.call_from_thread(
            self.notify, f"Wrote {many} to {self.store.path}; saving again.", timeout=8
        )
        self.call_from_thread(self.refresh_rules)

    def _reopen_answered(self, yes: bool | None) -> None:
        if yes:
            self._reopen()
        else:
            self.notify(
                "Nothing will be saved until followup is started again.",
                title="Data file replaced",
                severity="warning",
                timeout=10,
            )

    @work(thread=True, group="reopen", exit_on_error=False)
    def _reopen(self) -> None:
        from followup.store.process import EvaluationProcess

        with self._rules_lock:
            self.store.reopen()
            if self._process is not None:
                self._process.close()
                self._process = EvaluationProcess(self.store.path, self.settings.policy, self.zone)
            self._evaluator = None
            self._told_replaced = False
            self._only_read = None
        self.call_from_thread(self.notify, f"Opened {self.store.path} again.", timeout=4)
        self.call_from_thread(self.refresh_rules)

    # The rules, off the UI thread.

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False)
    def refresh_rules(self) -> None:
        now = self.clock.now()
        problem = self.store.replaced()
        if problem is not None:
            # The rules would read the old file and write its list order there.
            self.call_from_thread(self._file_replaced, problem)
            return
        self._prepare_rules()
        if self.store.exists:  # what this pass will have seen (see `_notice_writes`)
            from followup.store.header import facts_mark

            self._facts_seen = facts_mark(self.store.path)
        process = self._process
        if process is not None:
            try:
                summary = process.summarize(now).result()
            except BrokenProcessPool:
                if not self.is_running or self._ending:
                    return  # the app is closing and stopped the process
                # The rules process died under the app (killed from outside): a new one, and
                # this pass again; a second death in a row is told as any failure is.
                summary = self._new_rules_process(process).summarize(now).result()
        else:
            assert self._evaluator is not None
            summary = self._evaluator.summarize(now)
        self.post_message(RulesEvaluated(summary, now))

    def _new_rules_process(self, dead: EvaluationProcess) -> EvaluationProcess:
        from followup.store.process import EvaluationProcess

        with self._rules_lock:
            if self._process is dead:
                dead.close()
                self._process = EvaluationProcess(self.store.path, self.settings.policy, self.zone)
                self._evaluator = None
            return self._process or dead

    def _prepare_rules(self) -> None:
        """The in-thread evaluator (no separate process), made on first use, in a worker."""
        with self._rules_lock:
            if self._process is not None or self._evaluator is not None:
                return
            from followup.store.evaluation import Evaluator

            self._evaluator = Evaluator(self.store, self.settings.policy, self.zone)

    def on_rules_evaluated(self, message: RulesEvaluated) -> None:
        self.summary = message.summary
        self.ticks += 1
        self._announce(message.summary.notices)
        main = self._main()
        if main is not None:
            main.update_counts(message.summary)
            main.refresh_all()
        self._schedule(message.summary.next_change, message.at)

    def _announce(self, notices: list[Notice]) -> None:
        """One notification for what became due, however many things did."""
        problems = [notice.message for notice in notices if notice.problem]
        if problems:  # an application the rules could not evaluate: told once, so kept longer
            self.notify(
                "\n".join(problems[:3]),
                title="Not evaluated",
                severity="error",
                timeout=30,
                markup=False,
            )
        notices = [notice for notice in notices if not notice.problem]
        if not notices:
            return
        overdue = any(notice.overdue for notice in notices)
        lines = [f"{notice.company}: {notice.message}" for notice in notices[:3]]
        if len(notices) > 3:
            lines.append(f"and {len(notices) - 3} more (t: agenda)")
        self.notify(
            "\n".join(lines),
            title="Now overdue" if overdue else "Due now",
            severity="warning" if overdue else "information",
            timeout=10,
            markup=False,
        )

    def actions_for(self, application_id: int) -> list[Action]:
        """What the rules say about one application (cheap: one application's facts)."""
        from followup.store import actions

        try:
            found = actions.for_application(
                self.store, application_id, self.settings.policy, self.clock.now(), self.zone
            )
        except actions.RulesFailed:  # the background pass tells the person once, by name
            found = []
        self._by_application[application_id] = found
        return found

    def prepare_draft(
        self, application_id: int, template: str | None = None, *, use_saved: bool = True
    ) -> Prepared | None:
        """A draft for an application, from a worker thread; a broken template is told to
        the person, and gives None."""
        from followup.domain.templates import TemplateError
        from followup.store import drafts

        try:
            return drafts.prepare(
                self.store,
                application_id,
                self.settings,
                self.clock.now(),
                self.zone,
                template=template,
                templates_folder=self.templates_folder,
                use_saved=use_saved,
            )
        except TemplateError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return None
        except drafts.NothingToSend as error:
            self.call_from_thread(self.notify, str(error), markup=False)
            return None

    def known_actions(self, application_id: int) -> list[Action]:
        """The actions last shown for an application, without asking the store again."""
        return list(self._by_application.get(application_id, []))

    def agenda_items(self) -> list[AgendaItem]:
        """Every action worth a look now; called from a worker thread."""
        now = self.clock.now()
        self._prepare_rules()
        if self._process is not None:
            return self._process.agenda(now).result()
        assert self._evaluator is not None
        return self._evaluator.agenda(now)

    def _schedule(self, next_change: datetime | None, at: datetime | None) -> None:
        delay = self.tick_seconds
        if next_change is not None and at is not None:
            delay = min(delay, max((next_change - at).total_seconds(), 0.2))
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(delay, self.refresh_rules, name="rules")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        from followup.store.header import describe

        error = event.worker.error
        from followup.store.busy import is_busy

        if is_busy(error):
            # Another program holds the database. The rules only keep derived data: the next
            # tick does it again. (What the person does waits in `writes`, never here.)
            if event.worker.group == "rules":
                self._schedule(None, None)
                return
            self.notify(
                "The database is busy: another program is writing to it. Try again in a moment.",
                severity="warning",
                markup=False,
            )
            return
        log.error("background work failed", exc_info=error)
        if self._only_read is not None and event.worker.group == "rules":
            # The damage the header already tells of, met again: no alarm each tick.
            self._rules_unread(describe(error))
            self._schedule(None, None)
            return
        self.notify(
            describe(error),
            title="Something went wrong",
            severity="error",
            timeout=10,
            markup=False,
        )
        if event.worker.group == "rules":
            self._rules_unread(describe(error))
            self._schedule(None, None)  # the next tick still runs

    def _rules_unread(self, why: str) -> None:
        """The header says the rules could not be read, never "reading the rules…" for good."""
        from rich.text import Text

        from followup.tui.widgets.counts import CountsBar

        main = self._main()
        for bar in main.query(CountsBar) if main is not None else []:
            bar.update(Text.assemble(("followup", "bold"), f"  the rules could not be read: {why}"))

    def _main(self):
        from followup.tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    # Conventions: help, palette, themes.

    def action_help(self) -> None:
        from followup.tui.screens.help import HelpScreen
        from followup.tui.screens.main import MainScreen
        from followup.tui.widgets.compose import ComposePane

        self.push_screen(HelpScreen(MainScreen.BINDINGS, ComposePane.BINDINGS, self.BINDINGS))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self._main()
        if main is None:
            return
        for binding in main.BINDINGS:
            description = getattr(binding, "description", "")
            action = getattr(binding, "action", "")
            if not description or action.startswith("app."):
                continue
            key = getattr(binding, "key", "").split(",")[0]
            yield SystemCommand(
                description,
                f"key: {key}",
                lambda action=action: self.run_action(action, main),
            )
        yield SystemCommand("Keys", "every key in one screen (?)", self.action_help)

    def on_unmount(self) -> None:
        # Any other way out (an error, a restore): the same last try and the same file.
        self.way_out.leave(self.way_out.gather(), wait=LAST_TRY_SECONDS)
        if self._process is not None:
            self._process.close()

    @property
    def farewell(self) -> str | None:
        """The one line to print once the screen is closed, if something could not be saved."""
        return self.way_out.farewell

    async def action_quit(self) -> None:
        if self.writes.pending or any(pane.has_unsaved for pane in self.compose_panes):
            self.notify("Saving what you did before closing…", timeout=30)
        forms = self.way_out.gather()
        await asyncio.to_thread(self.way_out.leave, forms, LAST_TRY_SECONDS)
        self.exit(return_code=1 if self.way_out.kept_anything else 0)

    def push_screen(self, screen, *args, **kwargs):
        from followup.tui.screens.form import FormScreen

        if isinstance(screen, FormScreen) and screen.writes and not screen.about:
            # A form is opened for the application selected (quick-add names its own).
            main = self._main()
            row = main.list.row_at(main.list.cursor) if main is not None else None
            if row is not None and not any(spec.name == "company" for spec in screen.fields):
                screen.about = f" for {row.company} ({row.role})"
        return super().push_screen(screen, *args, **kwargs)

    # Writes made for the person (see `writes`): results come back here, on the UI thread.

    def on_write_landed(self, message: WriteLanded) -> None:
        if message.write.done is not None:
            message.write.done(message.result)

    def on_write_failed(self, message: WriteFailed) -> None:
        write, error = message.write, message.error
        if write.failed is not None and write.failed(error):
            return
        log.error("a write failed", exc_info=error)
        said = f"Not saved: {write.what}: {error}"
        if write.keep:
            from followup.tui.kept_aside import KeptFile

            try:
                where = KeptFile(self.store.path, self.clock.now().astimezone(self.zone)).write(
                    [kept_once(write)]
                )
            except OSError as problem:
                where = problem
            said += f"\nWhat you typed is kept in {where}"
        self.notify(said, title="Not saved", severity="error", timeout=30, markup=False)

    def on_writes_waiting(self, message: WritesWaiting) -> None:
        for screen in self.screen_stack:  # the header, and a dialog whose save waits
            if show := getattr(screen, "show_waiting", None):
                show(message.waiting)
        if message.waiting:
            self.notify(
                "Another program is writing to the database. What you did is kept and is "
                "saved as soon as the database is free.",
                title="Not saved yet",
                severity="warning",
                timeout=8,
            )
        else:
            self.notify("Saved: the database is free again.", timeout=4)

    def _remember_theme(self, theme) -> None:
        if self.config_path is None:
            return
        try:
            save_preference(self.config_path, "theme", theme.name)
        except Exception as error:  # a read-only config folder must not stop the app
            self.notify(f"Could not save the theme: {error}", severity="warning", markup=False)
