"""One modal form for every "record what happened" dialog, quick-add included.

Dates are typed in plain English and the date understood is shown under the field as you
type. Saving runs off the UI thread, in the app's queue of writes; a bad value keeps the
dialog open with everything typed and a message under the field, and writes nothing. A save
that waits for a busy database says so, and still lands if the dialog is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.worker import get_current_worker

from followup.domain.model import InputError
from followup.domain.when import MayBe, parse_when, show_moment
from followup.tui.writes import Write

Kind = Literal["text", "when", "day", "select", "area", "number"]


class FieldError(InputError):
    """Bad input in one field of a form."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass
class Field:
    name: str
    label: str
    kind: Kind = "text"
    required: bool = False
    value: str = ""
    placeholder: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    prefer: Literal["future", "past"] = "future"
    # Run off the UI thread as the value changes: a warning shown under the field ("" none).
    advise: Callable[[str], str] | None = None
    # The side of now a date may lie on, and what needs a time of day (see `parse_when`).
    may_be: MayBe = "either"
    needs_time: str = ""


Save = Callable[[dict[str, Any]], Any]


class FormScreen(ModalScreen[Any]):
    """A titled form; `save` runs in a thread with the parsed values and returns the result."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
        # Enter typed before the app put the terminal in raw mode arrives as a line feed.
        Binding("ctrl+j", "submit", "Save", show=False),
    ]
    # The first field takes the focus in `on_mount`, before any key can reach the form;
    # Textual's own choice (the first focusable widget, the scrolling box) would come first.
    AUTO_FOCUS = ""

    def __init__(
        self,
        title: str,
        fields: list[Field],
        save: Save,
        *,
        now: Callable[[], datetime],
        zone: tzinfo,
        note: str = "",
        submit_label: str = "Save",
        writes: bool = True,
    ) -> None:
        """`writes`: `save` writes to the database (it goes through the app's queue of
        writes); False for a form that only asks (a file name, a template)."""
        super().__init__()
        self.writes = writes
        self._pending: Write | None = None
        self._saving = False  # from the key press until it landed or failed
        # The values the waiting write saves when it runs: a save pressed again while the
        # database is busy replaces them, so the latest text is the one that lands.
        self._latest: dict[str, Any] | None = None
        self.form_title = title
        self.fields = fields
        self.save = save
        self.now = now
        self.zone = zone
        self.note = note
        self.submit_label = submit_label

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(self.form_title, id="form-title")
            if self.note:
                yield Static(Text(self.note), id="form-note")
            # Scrolled to the field focused; never a Tab stop itself, which would mark
            # nothing a person can see (Shift+Tab from the first field goes to Cancel).
            with VerticalScroll(id="form-fields", can_focus=False):
                for spec in self.fields:
                    label = spec.label + (" *" if spec.required else "")
                    with Horizontal(classes="form-row"):
                        yield Label(label, classes="form-label")
                        yield self._widget(spec)
                    hint = Static("", id=f"hint-{spec.name}", classes="form-hint")
                    hint.display = False
                    yield hint
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(self.submit_label, variant="primary", id="form-save", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)

    def _widget(self, spec: Field):
        if spec.kind == "select":
            return Select(
                spec.choices,
                value=spec.value or spec.choices[0][1],
                allow_blank=False,
                id=f"field-{spec.name}",
                compact=True,
            )
        if spec.kind == "area":
            return TextArea(spec.value, id=f"field-{spec.name}", soft_wrap=True, compact=True)
        return Input(
            spec.value,
            placeholder=spec.placeholder,
            id=f"field-{spec.name}",
            type="integer" if spec.kind == "number" else "text",
            compact=True,
        )

    def on_mount(self) -> None:
        self.set_focus(self.query_one(f"#field-{self.fields[0].name}"))
        self._fit()
        for spec in self.fields:
            if spec.kind in ("when", "day") and spec.value:
                self._resolve(spec.name, spec.value)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The fields scroll; the title, the note, the error line and the buttons always show
        (down to 80x24): the fields get what the screen has left after them."""
        height = self.size.height or self.app.size.height
        self.set_class(height < 34, "-short")  # no blank line between fields
        note = (len(self.note) // 60 + 2) if self.note else 0
        # border 2, title 2, note, error line with its space 2, buttons with their space 3
        self.query_one("#form-fields").styles.max_height = max(height - 1 - 9 - note, 3)

    # Live hints for dates.

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        spec = self._spec(name)
        if spec is not None and spec.kind in ("when", "day"):
            self._resolve(name, event.value)
        elif spec is not None and spec.advise is not None:
            self._advise(spec, event.value)
        elif spec is not None:
            self._hint(name, "")

    def _advise(self, spec: Field, text: str) -> None:
        def advise() -> None:
            assert spec.advise is not None
            try:
                said = spec.advise(text)
            except Exception:  # advice only: a busy or odd database must not stop typing
                said = ""
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._hint, spec.name, Text(said, style="yellow"))

        self.run_worker(
            advise, thread=True, exclusive=True, group=f"hint-{spec.name}", exit_on_error=False
        )

    def _resolve(self, name: str, text: str) -> None:
        self.run_worker(
            lambda: self._parse_in_thread(name, text),
            thread=True,
            exclusive=True,
            group=f"hint-{name}",
            exit_on_error=False,
        )

    def _parse_in_thread(self, name: str, text: str) -> None:
        spec = self._spec(name)
        if spec is None:
            return
        if not text.strip():
            message = Text("")
        else:
            try:
                moment = self._read_date(spec, text, self.now())
            except InputError as error:
                message = Text(str(error), style="red")
            else:
                shown = show_moment(moment, self.zone)
                if spec.kind == "day":
                    shown = shown.rsplit(" ", 1)[0]
                message = Text("→ " + shown, style="green")
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._hint, name, message)

    def _read_date(self, spec: Field, text: str, now: datetime) -> datetime:
        # The same reading and the same refusals as the command line (a year 2110, a lost
        # time), with the date order from the settings when the app has them.
        settings = getattr(self.app, "settings", None)
        order = getattr(settings, "date_order", "") or None
        return parse_when(
            text,
            now,
            prefer=spec.prefer,
            order=order,
            what=spec.label,
            as_day=spec.kind == "day",
            may_be=spec.may_be,
            needs_time=spec.needs_time,
        )

    def _hint(self, name: str, message: Text | str) -> None:
        for hint in self.query(f"#hint-{name}"):
            hint.update(message)
            hint.display = bool(str(message))

    def _spec(self, name: str) -> Field | None:
        return next((spec for spec in self.fields if spec.name == name), None)

    # Saving.

    def values(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                found[spec.name] = str(widget.value)
            elif isinstance(widget, TextArea):
                found[spec.name] = widget.text
            else:
                assert isinstance(widget, Input)
                found[spec.name] = widget.value
        return found

    # Which application the form is about (" for Northwind (Engineer)"), set by the app when
    # it opens the form: said if what was typed has to be kept outside the database.
    about = ""

    # While a save is on its way the next keys wait (see `followup.tui.keys`): they belong
    # to the screen under the form once it closes, or to the field an error points at.
    holding_keys = False

    def on_key(self, event: events.Key) -> None:
        # Enter in a field submits through a message still on its way up: hold the next
        # keys from now (the key itself is not stopped).
        if event.key in ("enter", "ctrl+j") and isinstance(self.focused, Input):
            self.holding_keys = True

    def action_submit(self) -> None:
        if self._saving and self._pending is None:
            # Saving twice could add the same thing twice once the database is free.
            self.notify(
                "Already being saved (as it was when you pressed save): wait for it.",
                severity="warning",
            )
            return
        self.query_one("#form-error", Static).update("")
        self._saving = True
        self.holding_keys = True
        self._save(self.values())

    def action_cancel(self) -> None:
        if self._pending is not None:
            self.notify(
                f"{self.form_title}: not saved yet. It is saved as soon as the database is free.",
                severity="warning",
                markup=False,
            )
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-save")
    def _submitted(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#form-cancel")
    def _cancelled(self) -> None:
        self.action_cancel()

    @work(thread=True, exclusive=True, group="form-save", exit_on_error=False)
    def _save(self, raw: dict[str, str]) -> None:
        # The advice is looked up again for what is saved: typed faster than its lookup
        # (a burst, a paste), it had not shown yet. It is said once the save lands.
        self._advice = self._advice_for(raw)
        try:
            parsed = self._parse(raw)
            if not self.writes:
                result = self.save(parsed)
        except Exception as error:
            self.app.call_from_thread(self._failed, error)
            return
        if not self.writes:
            self.app.call_from_thread(self.dismiss, result)
            return
        typed = [f"{spec.label}: {raw[spec.name]}" for spec in self.fields if raw[spec.name]]
        self._latest = parsed
        if (pending := self._pending) is not None:
            # Saved again while the first save waits: that write takes these values, and
            # the file kept on the way out holds them.
            pending.keep = "\n".join(typed)
            self.app.call_from_thread(self._waiting_with_the_latest)
            return
        self._pending = Write(
            f"{self.form_title}{self.about}",
            self._write_latest,
            keep="\n".join(typed),
            done=self._landed,
            failed=self._failed,
        )
        writes = self.app.writes  # type: ignore[attr-defined]
        writes.submit(self._pending)
        if writes.waiting:  # queued behind a write already waiting: say so now
            self.app.call_from_thread(self.show_waiting, True)

    _advice: ClassVar[list[tuple[str, str]]] = []

    def _advice_for(self, raw: dict[str, str]) -> list[tuple[str, str]]:
        """(value, advice) for each advised field, read now (from the save's thread), and
        shown under its field at once."""
        found = []
        for spec in self.fields:
            if spec.advise is None:
                continue
            try:
                said = spec.advise(raw[spec.name])
            except Exception:  # advice only: it never stops a save
                said = ""
            self.app.call_from_thread(self._hint, spec.name, Text(said, style="yellow"))
            if said:
                found.append((raw[spec.name].strip(), said))
        return found

    @property
    def _open(self) -> bool:
        return self in self.app.screen_stack

    def _write_latest(self) -> tuple[dict[str, Any] | None, Any]:
        """In the writer thread: the values of the last save pressed, and what saving gave."""
        used = self._latest
        return used, self.save(used)

    def _waiting_with_the_latest(self) -> None:
        self._saving = False
        self.holding_keys = False
        if self._pending is not None and self._open:
            self.query_one("#form-error", Static).update(
                Text(
                    "Not saved yet: waiting for the database (another program is writing). "
                    "What the form holds now is saved as soon as it is free; Esc leaves it "
                    "to save then.",
                    style="bold yellow",
                )
            )

    def _landed(self, landed: tuple[dict[str, Any] | None, Any]) -> None:
        used, result = landed
        self._pending, self._saving = None, False
        for value, said in self._advice:
            self.app.notify(said, title=value, severity="warning", timeout=10, markup=False)
        if used != self._latest and self._open:
            # Saved again in the moment the first save was landing: the later values are
            # still only in the form.
            self._show_error(
                None,
                "Saved as it was when you first pressed save; your changes since are not "
                "saved yet: save again to keep them.",
            )
            return
        if self._open:
            self.dismiss(result)
            return
        # Left while it waited for the database: say it landed, and show it.
        self.notify(f"Saved: {self.form_title}.", markup=False)
        if refresh := getattr(self.app, "refresh_rules", None):
            refresh()

    def _failed(self, error: Exception) -> bool:
        """Show why it was not saved; False when the dialog is gone (the app says it then)."""
        if self._pending is not None and isinstance(error, FieldError):
            # A bad value in a second save: the first is still waiting to land.
            self._saving = False
        else:
            self._pending, self._saving = None, False
        if not self._open:
            return False
        if isinstance(error, FieldError):
            self._show_error(error.name, str(error))
        elif isinstance(error, InputError):
            self._show_error(None, str(error))
        else:  # a store failure: keep the dialog, say what happened
            from followup.store.header import describe

            self._show_error(None, f"Not saved: {describe(error)}")
        return True

    def show_waiting(self, waiting: bool) -> None:
        """The app's writes wait for a busy database (or no longer do)."""
        if waiting:
            # The save waits for the database: the keys are the person's again (Esc leaves
            # the form, and the write lands later).
            self.holding_keys = False
        if waiting and self._pending is not None and self._open:
            self.query_one("#form-error", Static).update(
                Text(
                    "Not saved yet: waiting for the database (another program is writing). "
                    "It is saved as soon as it is free; Esc leaves it to save then.",
                    style="bold yellow",
                )
            )

    def _parse(self, raw: dict[str, str]) -> dict[str, Any]:
        now = self.now()
        parsed: dict[str, Any] = {}
        for spec in self.fields:
            text = raw[spec.name]
            if spec.required and not text.strip():
                raise FieldError(spec.name, f"{spec.label} is needed")
            if spec.kind in ("when", "day"):
                if not text.strip():
                    parsed[spec.name] = None
                    continue
                try:
                    moment = self._read_date(spec, text, now)
                except InputError as error:
                    raise FieldError(spec.name, str(error)) from None
                parsed[spec.name] = moment.date() if spec.kind == "day" else moment
            elif spec.kind == "number":
                try:
                    parsed[spec.name] = int(text) if text.strip() else None
                except ValueError:
                    raise FieldError(spec.name, f"{spec.label} must be a number") from None
            else:
                parsed[spec.name] = text
        return parsed

    def _show_error(self, name: str | None, message: str) -> None:
        self.holding_keys = False
        if name is not None:
            self._hint(name, Text(message, style="bold red"))
            for widget in self.query(f"#field-{name}"):
                widget.focus()
            message = "Nothing was saved: see the field marked in red."
        self.query_one("#form-error", Static).update(Text(message, style="bold red"))


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that cannot be undone.

    `unprompted`: the question comes up on its own (the file was replaced, a restore is
    offered), not because of a key, so the keys arriving are most likely typed for something
    else: a note's "n" or Enter must not answer it. Such a question takes no letters, Enter
    or Esc: its buttons stay disabled for a moment after it appears, then are chosen with
    Tab (or the mouse) and Enter. Its harmless button comes first, on the left: the first
    Tab (or Shift+Tab) lands on it, and every Tab lands on a button, marked as focused.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
        # The question scrolls without taking the focus (see `compose`).
        Binding("up", "scroll_question('up')", show=False),
        Binding("down", "scroll_question('down')", show=False),
        Binding("pageup", "scroll_question('page_up')", show=False),
        Binding("pagedown", "scroll_question('page_down')", show=False),
    ]
    AUTO_FOCUS = "#confirm-no"  # never Yes, not even for a moment
    # Seconds an unprompted question ignores every key: long enough for a typist to see it.
    QUIET = 1.5

    def __init__(self, question: str, yes: str = "Yes", *, unprompted: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.unprompted = unprompted

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            # A long question (an import's preview) scrolls; the buttons stay in sight. It
            # never takes the focus: a Tab that lands on it marks nothing a person can see,
            # and one who counts Tabs to reach a button presses the other one.
            with VerticalScroll(id="confirm-scroll", can_focus=False):
                yield Static(Text(self.question), id="confirm-question")
                if self.unprompted:
                    yield Static(
                        Text("Tab to a button, then Enter.", style="italic"),
                        id="confirm-how",
                    )
            with Horizontal(id="form-buttons"):
                keys = ("", "") if self.unprompted else (" (y)", " (n)")
                yes = Button(self.yes + keys[0], variant="error", id="confirm-yes", compact=True)
                no = Button("No" + keys[1], id="confirm-no", compact=True)
                # Unprompted, nothing is focused when the buttons wake; the first Tab, or
                # Shift+Tab, goes to the first button in the focus chain: the harmless one.
                yield from (no, yes) if self.unprompted else (yes, no)

    def on_mount(self) -> None:
        if self.unprompted:
            # Nothing focused: Enter, typed for a note, presses no button.
            self.set_focus(None)
            buttons = list(self.query(Button))
            for button in buttons:
                button.disabled = True
            self.set_timer(self.QUIET, lambda: self._wake(buttons))
        else:
            self.set_focus(self.query_one("#confirm-no", Button))
        # Lines laid out as a table (an import's preview) get the room to stay one line each.
        self.set_class(any(len(line) > 54 for line in self.question.splitlines()), "-wide")
        self._fit()

    def _wake(self, buttons: list[Button]) -> None:
        for button in buttons:
            button.disabled = False

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        height = self.size.height or self.app.size.height
        # border 2, padding 2, the buttons with their space 3
        self.query_one("#confirm-scroll").styles.max_height = max(height - 7, 3)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        if not self.unprompted:
            self.dismiss(answer)

    def action_scroll_question(self, how: str) -> None:
        getattr(self.query_one("#confirm-scroll", VerticalScroll), f"scroll_{how}")()
