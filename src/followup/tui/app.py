"""The full-screen app: it receives its store, settings and clock, and keeps the rules live.

The rules run in a thread worker at the next change moment (or every 30 seconds at most) and
after every edit; results come back in one message and are applied in one batch.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
import threading
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from followup.config import Settings, save_preference
from followup.domain.clock import Clock
from followup.domain.rules import Action
from followup.tui.keys import KeyGate

if TYPE_CHECKING:  # the store's SQLAlchemy side is imported off the UI thread, when needed
    from followup.store.db import Store
    from followup.store.deferred import DeferredStore
    from followup.store.drafts import Prepared
    from followup.store.evaluation import Evaluator
    from followup.store.process import EvaluationProcess
    from followup.store.results import AgendaItem, Notice, Summary

log = logging.getLogger("followup")


class RulesEvaluated(Message):
    def __init__(self, summary: Summary, at: datetime) -> None:
        super().__init__()
        self.summary = summary
        self.at = at


class FollowupApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "followup"

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
        self._timer: Timer | None = None
        self.ticks = 0
        self.compose_panes: list = []
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
        self._on_signals()
        self._started = False
        # Nothing heavy runs before the first rows are on screen (see `first_rows_shown`),
        # but the rules start within a second whatever happens.
        self.set_timer(1.0, self.first_rows_shown)

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
        # The full check reads the whole file: let the first ticks have the processor.
        self.set_timer(3.0, self._check_the_file)

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

    # Keeping the data safe.

    def _on_signals(self) -> None:
        """SIGTERM and SIGHUP end the app cleanly: drafts saved, terminal given back."""
        loop = asyncio.get_running_loop()
        for signum, code in ((signal.SIGTERM, 143), (signal.SIGHUP, 129)):
            with suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._end_on_signal, code)

    def _end_on_signal(self, code: int) -> None:
        self.save_drafts()
        self.exit(return_code=code)

    @work(thread=True, group="file-check", exit_on_error=False)
    def _check_the_file(self) -> None:
        """A quick check of the data file, then today's backup, off the UI thread."""
        if not self.store.exists:
            return
        from followup.store import backups

        verdict = backups.quick_check(self.store.path)
        if verdict != "ok":
            self.call_from_thread(self._offer_restore, verdict)
            return
        backups.rotate(self.store.path, keep=self.settings.backups_keep)

    def _offer_restore(self, verdict: str) -> None:
        from followup.store import backups
        from followup.tui.screens.form import ConfirmScreen

        found = backups.backups(self.store.path)
        if not found:
            self.notify(
                f"The data file is damaged ({verdict}) and there is no backup yet. Copy it "
                "somewhere safe before anything else.",
                title="Damaged data file",
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        question = (
            f"The data file {self.store.path} is damaged ({verdict}).\n\nRestore the newest "
            f"good backup (of {found[0].made:%Y-%m-%d %H:%M} UTC)? The damaged file is kept "
            "beside it under a clear name, and followup closes; start it again."
        )
        self.push_screen(ConfirmScreen(question, "Restore"), self._restore)

    def _restore(self, yes: bool | None) -> None:
        if not yes:
            return
        from followup.store import backups

        self.store.close()
        if self._process is not None:
            self._process.close()
            self._process = None
        aside, used = backups.restore(self.store.path)
        self.exit(
            return_code=0,
            message=f"Restored the backup of {used.made:%Y-%m-%d %H:%M} UTC; the damaged file "
            f"is kept as {aside}. Start followup again.",
        )

    # The rules, off the UI thread.

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False)
    def refresh_rules(self) -> None:
        now = self.clock.now()
        self._prepare_rules()
        if self._process is not None:
            try:
                summary = self._process.summarize(now).result()
            except BrokenProcessPool:
                if not self.is_running:
                    return  # the app is closing and stopped the process
                raise
        else:
            assert self._evaluator is not None
            summary = self._evaluator.summarize(now)
        self.post_message(RulesEvaluated(summary, now))

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

        found = actions.for_application(
            self.store, application_id, self.settings.policy, self.clock.now(), self.zone
        )
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
        error = event.worker.error
        log.error("background work failed", exc_info=error)
        self.notify(
            f"{type(error).__name__}: {error}",
            title="Something went wrong",
            severity="error",
            timeout=10,
            markup=False,
        )
        if event.worker.group == "rules":
            self._schedule(None, None)  # the next tick still runs

    def _main(self):
        from followup.tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    # Conventions: help, palette, themes.

    def action_help(self) -> None:
        from followup.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

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
        self.save_drafts()
        if self._process is not None:
            self._process.close()

    def save_drafts(self) -> None:
        """Write any draft still waiting for its save (on quit, or on a signal)."""
        for pane in self.compose_panes:
            pane.save_now()

    async def action_quit(self) -> None:
        self.save_drafts()
        self.exit()

    def _remember_theme(self, theme) -> None:
        if self.config_path is None:
            return
        try:
            save_preference(self.config_path, "theme", theme.name)
        except Exception as error:  # a read-only config folder must not stop the app
            self.notify(f"Could not save the theme: {error}", severity="warning", markup=False)
