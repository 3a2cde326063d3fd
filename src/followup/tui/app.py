"""The full-screen app: it receives its store, settings and clock, and keeps the rules live.

The rules run in a thread worker at the next change moment (or every 30 seconds at most) and
after every edit; results come back in one message and are applied in one batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, tzinfo
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from followup.config import Settings, save_preference
from followup.domain.clock import Clock
from followup.domain.rules import Action, Evaluation, RulesEngine, State
from followup.store import actions
from followup.store.db import Store
from followup.store.listing import UrgencyKeeper

log = logging.getLogger("followup")


class RulesEvaluated(Message):
    def __init__(self, evaluation: Evaluation, at: datetime) -> None:
        super().__init__()
        self.evaluation = evaluation
        self.at = at


class FollowupApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "followup"

    def __init__(
        self,
        store: Store,
        settings: Settings,
        clock: Clock,
        zone: tzinfo,
        *,
        tick_seconds: float = 30.0,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.clock = clock
        self.zone = zone
        self.tick_seconds = tick_seconds
        self.config_path = config_path
        self.evaluation: Evaluation | None = None
        self._by_application: dict[int | None, list[Action]] = {}
        self._engine = RulesEngine(settings.policy, zone)
        self._keeper = UrgencyKeeper(store)
        self._timer: Timer | None = None
        self.ticks = 0

    def get_default_screen(self) -> Screen:
        from followup.tui.screens.main import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.refresh_rules()

    # The rules, off the UI thread.

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False)
    def refresh_rules(self) -> None:
        now = self.clock.now()
        evaluation = actions.evaluate(
            self.store, self.settings.policy, now, self.zone, engine=self._engine
        )
        self._keeper.sync(evaluation)
        self.post_message(RulesEvaluated(evaluation, now))

    def on_rules_evaluated(self, message: RulesEvaluated) -> None:
        previous = self.evaluation
        self.evaluation = message.evaluation
        grouped: dict[int | None, list[Action]] = {}
        for action in message.evaluation.actions:
            grouped.setdefault(action.application_id, []).append(action)
        self._by_application = grouped
        self.ticks += 1
        self._announce_new(previous, message.evaluation)
        main = self._main()
        if main is not None:
            main.update_counts(message.evaluation.actions)
            main.refresh_all()
        self._schedule(message.evaluation, message.at)

    def actions_for(self, application_id: int) -> list[Action]:
        return list(self._by_application.get(application_id, []))

    def _announce_new(self, previous: Evaluation | None, current: Evaluation) -> None:
        if previous is None:
            return
        pressing = (State.DUE, State.OVERDUE)
        before = {(a.application_id, a.rule, a.cycle, a.state) for a in previous.actions}
        for action in current.actions:
            key = (action.application_id, action.rule, action.cycle, action.state)
            if action.state in pressing and key not in before:
                who = action.company if action.application_id is not None else "Your search"
                self.notify(
                    f"{who}: {action.message}",
                    title="Overdue" if action.state is State.OVERDUE else "Due now",
                    severity="warning" if action.state is State.OVERDUE else "information",
                    timeout=8,
                )

    def _schedule(self, evaluation: Evaluation | None, at: datetime | None) -> None:
        delay = self.tick_seconds
        if evaluation is not None and evaluation.next_change is not None and at is not None:
            delay = min(delay, max((evaluation.next_change - at).total_seconds(), 0.2))
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

    def _remember_theme(self, theme) -> None:
        if self.config_path is None:
            return
        try:
            save_preference(self.config_path, "theme", theme.name)
        except Exception as error:  # a read-only config folder must not stop the app
            self.notify(f"Could not save the theme: {error}", severity="warning")
