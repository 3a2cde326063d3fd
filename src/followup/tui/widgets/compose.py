"""The compose pane: a draft for the selected action, the checker under it, and the ways to
send it. The draft is saved as it is typed, so a restart loses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Select, Static, TextArea

from followup.domain.model import Channel
from followup.domain.templates import TEMPLATES, shown_name
from followup.domain.text import visible
from followup.tui.screens.form import ConfirmScreen
from followup.tui.writes import Write

if TYPE_CHECKING:
    from followup.store.drafts import Prepared
    from followup.tui.app import FollowupApp

KEYS = "^s sent · ^g copy · ^o mail · ^r $EDITOR · ^t template · esc list"


class ComposePane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Mark as sent", tooltip="log it as sent"),
        Binding("ctrl+g", "copy", "Copy the body", tooltip="copy the body"),
        Binding("ctrl+y", "copy_all", "Copy with subject", show=False, tooltip="copy with subject"),
        Binding("ctrl+o", "mail", "Open in mail", tooltip="open in your mail program"),
        Binding("ctrl+r", "edit_outside", "Edit in $EDITOR", tooltip="edit it in $EDITOR"),
        Binding(
            "ctrl+t", "choose_template", "Other template", tooltip="start from another template"
        ),
        Binding("ctrl+n", "ask_name", "Your name, to sign with", show=False, tooltip="your name"),
        Binding("escape", "leave", "Back", tooltip="back to the list"),
    ]

    class Sent(Message):
        def __init__(self, application_id: int, said: str) -> None:
            super().__init__()
            self.application_id = application_id
            self.said = said

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.prepared: Prepared | None = None
        self._save_timer: Timer | None = None
        self._loading = False
        self._unsaved: str | None = None  # typed since the last save
        # The text as shown or last queued for saving: the editor reports loading a draft as a
        # change, and looking at an application must save nothing.
        self._stored: str | None = None

    @property
    def followup(self) -> FollowupApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="compose-head"):
            yield Static("", id="compose-title")
            yield Select(
                [(c.value, c.value) for c in Channel],
                value="email",
                allow_blank=False,
                compact=True,
                id="compose-channel",
            )
        yield DraftArea("", id="draft", soft_wrap=True, compact=True)
        yield Static("", id="compose-checks")
        yield Static(Text(KEYS, style="dim"), id="compose-keys")

    # Showing a draft.

    @property
    def application_id(self) -> int | None:
        return self.prepared.application_id if self.prepared else None

    def show(self, prepared: Prepared | None) -> None:
        """Show `prepared`, unless the same application's draft is already being edited."""
        if prepared is None:
            if self.prepared is not None and self.has_focus_within:
                # Resolved elsewhere while being written (a shell logged the message, say):
                # the draft stays open, with the focus, and says so; Esc goes back. Closed
                # under the person, it would send the next letters to the list as commands.
                self._title(self.prepared, " · nothing is asked for now")
                return
            self.prepared = None
            if self.has_focus_within:
                self.screen.query_one("#applications").focus()  # not left in a hidden box
            self.add_class("-empty")
            return
        current = self.prepared
        shown = self.query_one("#draft", TextArea).text
        # A fill nobody has touched is filled again from what is stored now (what they said,
        # saved in the interview form a moment ago); only the person's own text is kept.
        untouched = current is not None and not current.saved and shown == current.fresh
        refilled = untouched and prepared.text != shown
        if (
            current is not None
            and prepared.application_id == current.application_id
            and (prepared.template == current.template or self._dirty_focus())
            and not refilled
        ):
            # The same draft, perhaps being typed: keep the text, refresh what it is checked
            # against (a reply may have ended the wait).
            prepared.text = self.query_one("#draft", TextArea).text
            self.prepared = prepared
            self._check()
            return
        self.flush()
        self.prepared = prepared
        self.remove_class("-empty")
        self._title(prepared)
        self._loading = True
        self.query_one("#compose-channel", Select).value = prepared.channel
        self._stored = prepared.text
        area = self.query_one("#draft", TextArea)
        area.load_text(prepared.text)
        area.fresh = True  # read from its top; the first key typed goes to its first gap
        self._loading = False
        self._check()

    def _title(self, prepared: Prepared, note: str = "") -> None:
        who = f" to {visible(prepared.recipient)}" if prepared.recipient else " (no contact yet)"
        self.query_one("#compose-title", Static).update(
            Text.assemble(("Draft ", "bold"), (shown_name(prepared.template), "bold"), who, note)
        )

    _compact = False

    @property
    def compact(self) -> bool:
        """Set by the screen on a small screen: the checks that pass are counted, not listed,
        so the draft keeps the room."""
        return self._compact

    @compact.setter
    def compact(self, value: bool) -> None:
        if value != self._compact:
            self._compact = value
            self.set_class(value, "-compact")  # one line a check, cut if need be (app.tcss)
            self._check()

    def _dirty_focus(self) -> bool:
        return self.query_one("#draft", TextArea).has_focus

    def _check(self) -> None:
        from followup.store import drafts

        if self.prepared is None:
            return
        text = self.query_one("#draft", TextArea).text
        channel = str(self.query_one("#compose-channel", Select).value)
        checked = drafts.check_text(self.prepared, text, channel)
        lines = Text()
        for problem in self.prepared.problems:
            lines.append(f"! {problem}\n", "bold red")
        passed = [finding for finding in checked.findings if finding.ok]
        # Until a name is set the draft is signed [your name]: where that is said, so is how
        # to set it (no dialog pops up to ask; see `action_ask_name`).
        unsigned = "[your name]" in text and not self.followup.settings.your_name
        for finding in checked.findings:
            if finding.ok and not self.compact:
                lines.append("✓ ", "green")
                lines.append(finding.text + "\n", "dim")
            elif not finding.ok:
                lines.append("! ", "bold yellow")
                lines.append(finding.text)
                if unsigned and "[your name]" in finding.text:
                    lines.append(" (Ctrl+N: your name)", "bold")
                    unsigned = False
                lines.append("\n")
        if unsigned:
            lines.append("! ", "bold yellow")
            lines.append("signed [your name] (Ctrl+N: your name)\n")
        if self.compact and passed:
            lines.append("✓ ", "green")
            count = "1 check passes" if len(passed) == 1 else f"{len(passed)} checks pass"
            lines.append(f"{count} (a larger screen lists them)\n", "dim")
        lines.rstrip()  # no blank line before the keys
        checks = self.query_one("#compose-checks", Static)
        if checks.content != lines:  # a rules tick usually finds the same: no relayout
            checks.update(lines)

    # Saving as typed.

    @on(TextArea.Changed, "#draft")
    def _typed(self) -> None:
        if self._loading or self.prepared is None:
            return
        self._check()
        text = self.query_one("#draft", TextArea).text
        if text == self._stored:  # as shown or as saved (typed, then undone)
            self._unsaved = None
            if self._save_timer is not None:
                self._save_timer.stop()
                self._save_timer = None
            return
        self._unsaved = text
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self.flush)

    @on(Select.Changed, "#compose-channel")
    def _channel(self) -> None:
        self._check()

    def flush(self) -> None:
        """Queue the draft's save now if it changed since the last one (see `writes`: a busy
        database keeps it waiting, never drops it)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._unsaved is not None and self.prepared is not None:
            text, self._unsaved = self._unsaved, None
            self._stored = text
            self._save(self.prepared, text)

    def _save(self, prepared: Prepared, text: str) -> None:
        store, application_id, template = (
            self.followup.store,
            prepared.application_id,
            prepared.template,
        )
        edited = self.followup.clock.now()  # `--now`'s clock, as everywhere else

        def write() -> None:
            from followup.store import drafts

            drafts.save(store, prepared, text, now=edited)

        company = prepared.record.get("company", "")
        self.followup.writes.submit(
            Write(
                f"the {template} draft for {company}",
                write,
                # The newest text for the same action replaces one still waiting.
                key=("draft", application_id, prepared.rule, prepared.cycle),
                keep=text,
            )
        )

    @property
    def has_unsaved(self) -> bool:
        return self._unsaved is not None

    def save_now(self) -> None:
        """On the way out (quit, a signal): queue what is unsaved; the app waits for it."""
        self.flush()

    def on_mount(self) -> None:
        # The app saves what is still unsaved on its way out, whatever screen is showing.
        self.followup.compose_panes.append(self)

    # Sending.

    def action_send(self) -> None:
        prepared = self.prepared
        if prepared is None:
            return
        from followup.domain.draft_check import PLACEHOLDER

        holes = list(dict.fromkeys(PLACEHOLDER.findall(self.query_one("#draft", TextArea).text)))
        if holes:
            question = (
                f"The draft still holds {', '.join(holes)}. A message sent like that reads as a "
                "form letter. Log it as sent anyway?"
                + (
                    " (Ctrl+N sets the name your drafts are signed with.)"
                    if "[your name]" in holes and not self.followup.settings.your_name
                    else ""
                )
            )
            self.app.push_screen(
                ConfirmScreen(question, "Log it"),
                lambda yes: self._send_unless_waiting(prepared) if yes else None,
            )
            return
        self._send_unless_waiting(prepared)

    def _send_unless_waiting(self, prepared: Prepared) -> None:
        kind = TEMPLATES[prepared.template][1]
        if prepared.waiting_since and kind is not None and kind.value == "follow-up":
            question = (
                f"You followed up {prepared.waiting_since} and have had no reply. Marking this "
                "as sent makes it a second message without a reply. Log it anyway?"
            )
            self.app.push_screen(
                ConfirmScreen(question, "Log it"), lambda yes: self._send() if yes else None
            )
            return
        self._send()

    def _send(self) -> None:
        assert self.prepared is not None
        text = self.query_one("#draft", TextArea).text
        channel = str(self.query_one("#compose-channel", Select).value)
        self._mark_sent(self.prepared, text, channel)

    def _mark_sent(self, prepared: Prepared, text: str, channel: str) -> None:
        app = self.followup
        store, now, zone = app.store, app.clock.now(), app.zone

        def write() -> str:
            from followup.store import drafts

            return drafts.mark_sent(store, prepared, text, channel=channel, now=now, zone=zone)

        company = prepared.record.get("company", "")
        app.writes.submit(
            Write(
                f"the {prepared.template} message to {company}, logged as sent",
                write,
                keep=text,
                done=lambda said: self._after_send(prepared.application_id, said),
            )
        )

    def _after_send(self, application_id: int, said: str) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._unsaved = None
        self.prepared = None
        self.post_message(self.Sent(application_id, said))

    def action_copy(self) -> None:
        self._copy(with_subject=False)

    def action_copy_all(self) -> None:
        self._copy(with_subject=True)

    def _copy(self, *, with_subject: bool) -> None:
        from followup.tui.clipboard import copy

        text = self.query_one("#draft", TextArea).text
        if not with_subject and text.lower().startswith("subject:"):
            text = text.partition("\n")[2].lstrip("\n")
        what = "The draft with its subject line" if with_subject else "The body of the draft"
        said = copy(self.app, text)
        self.notify(f"{what}: {said}", timeout=6, markup=False)

    def action_mail(self) -> None:
        from followup.store import drafts
        from followup.tui.clipboard import opener

        if self.prepared is None:
            return
        link = drafts.mailto(self.prepared, self.query_one("#draft", TextArea).text)
        program = opener()
        if program is None:
            self.notify(
                "No program to open links was found (xdg-open, open or a browser), so nothing "
                f"was opened. The link: {link}",
                severity="warning",
                timeout=15,
                markup=False,
            )
            return
        self.app.open_url(link)
        note = f"Opened a mailto: link with {program}."
        if not self.prepared.email:
            note += " There is no email address for this contact: add one with c."
        self.notify(
            note, severity="warning" if not self.prepared.email else "information", markup=False
        )

    def action_edit_outside(self) -> None:
        from followup.tui.editor import edit

        if self.prepared is None:
            return
        area = self.query_one("#draft", TextArea)
        self.flush()  # what was typed is queued for saving before the editor takes the screen
        edited = edit(self.app, area.text, kept="The draft is as it was.")
        if edited.text is None:
            self.notify(edited.problem, severity="error", timeout=12, markup=False)
        elif edited.text != area.text:
            area.load_text(edited.text)
            self._typed()

    def action_choose_template(self) -> None:
        if self.prepared is None:
            return
        from followup.tui.screens.template_choice import TemplateScreen

        self.app.push_screen(TemplateScreen(self.prepared.template), self._use_template)

    def _use_template(self, name: str | None) -> None:
        if name is not None and self.prepared is not None:
            self._rerender(self.prepared.application_id, name)

    @work(thread=True, exclusive=True, group="draft-load", exit_on_error=False)
    def _rerender(self, application_id: int, name: str) -> None:
        prepared = self.followup.prepare_draft(application_id, name, use_saved=False)
        if prepared is not None:
            self.app.call_from_thread(self._replace, prepared)

    def _replace(self, prepared: Prepared) -> None:
        self.prepared = None  # show it even though it is the same application
        self.show(prepared)
        self._stored = None  # a new template's text replaces the saved draft
        self._typed()

    # The person's name, to sign with. Never asked in a dialog that pops up on its own: the
    # keys typed at once after `w` went into it, and became the signature of a sent message.
    # Until it is set, the draft holds a visible [your name], its checks say Ctrl+N sets it,
    # and logging the message as sent asks first.

    def action_ask_name(self) -> None:
        app = self.followup
        from followup.tui.screens.form import Field, FormScreen

        screen = FormScreen(
            "Your name, to sign your messages",
            [
                Field(
                    "name",
                    "Your name",
                    required=True,
                    placeholder="e.g. Ada Lovelace",
                    value=app.settings.your_name or "",  # correcting a name starts from it
                )
            ],
            lambda values: values["name"].strip(),
            now=app.clock.now,
            zone=app.zone,
            note="Kept in your settings file as your_name. Esc to skip for now.",
            submit_label="Use it",
        )
        app.push_screen(screen, self._use_name)

    def _use_name(self, name: str | None) -> None:
        import dataclasses

        from followup.config import save_preference

        app = self.followup
        if not name:
            return
        before = app.settings.your_name
        app.settings = dataclasses.replace(app.settings, your_name=name)
        area = self.query_one("#draft", TextArea)
        spots = _signature(area.text, before, name)
        # In place, last first: what is typed and where the cursor is stay as they are.
        for start, end in reversed(spots):
            area.replace(name, start, end)
        if spots:
            self._stored = None
            self._typed()
        if app.config_path is None:
            return
        try:
            save_preference(app.config_path, "your_name", name)
        except Exception as error:  # a read-only settings folder: the name holds for now
            self.notify(
                f"Your name is used until you quit, but could not be saved: {error}",
                severity="warning",
                markup=False,
            )
        else:
            self.notify(f"Signing your messages as {name}.", markup=False)

    def action_leave(self) -> None:
        self.flush()
        self.screen.query_one("#applications").focus()


class DraftArea(TextArea):
    """The draft's text. It is shown from its top with the cursor there; a character typed
    while the cursor is still before the subject line goes to the letter's first gap instead,
    however far down (keys typed at once after `w` used to land above "Subject:", then at the
    start of the body when the gap was below what the area showed). Tab goes from one [gap]
    to the next (Shift+Tab back), round again past the last, never out of the draft: the
    list's one-letter keys (`d` marks done) must not take what was being typed."""

    fresh = False  # kept for the pane: a new draft was just loaded

    def _at_top(self) -> bool:
        return self.selection.start == self.selection.end == (
            0,
            0,
        ) and self.text.lower().startswith("subject:")

    def _move_to_gap(self) -> None:
        self.fresh = False
        if self._at_top():
            start, end = _first_gap(self.text)
            self.move_cursor(start)
            self.move_cursor(end, select=True)  # typing replaces a placeholder

    def _next_gap(self, backwards: bool) -> None:
        lines = self.text.split("\n")
        here = self.selection.end if not backwards else self.selection.start
        gaps = [
            (row, column)
            for row, line in enumerate(lines)
            for column, char in enumerate(line)
            if char == "[" and "]" in line[column:]
        ]
        if not gaps:
            self.notify("Nothing left to fill in: no [gap] in this draft.", timeout=3, markup=False)
            return
        ahead = [g for g in gaps if (g < here if backwards else g >= here)]
        # Past the last gap, Tab starts again from the first (Shift+Tab from the last).
        row, column = (ahead[-1] if ahead else gaps[-1]) if backwards else (ahead or gaps)[0]
        close = lines[row].index("]", column)
        if len(gaps) == 1 and self.selected_text == lines[row][column : close + 1]:
            self.notify("This is the draft's only [gap] to fill in.", timeout=3, markup=False)
        self.move_cursor((row, column))
        self.move_cursor((row, close + 1), select=True)

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            self._next_gap(backwards=event.key == "shift+tab")
            return
        if (event.is_printable or event.key == "enter") and self._at_top():
            self._move_to_gap()
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        if self._at_top():
            self._move_to_gap()
        await super()._on_paste(event)


def _signature(text: str, before: str, name: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where `text` is to be signed `name`: each [your name], or else the last place the
    name it was signed with before appears (the signature)."""
    lines = text.split("\n")
    spots = [
        ((row, column), (row, column + len("[your name]")))
        for row, line in enumerate(lines)
        for column in _found(line, "[your name]")
    ]
    if spots or not before or before == name:
        return spots
    for row in range(len(lines) - 1, -1, -1):
        column = lines[row].rfind(before)
        if column >= 0:
            return [((row, column), (row, column + len(before)))]
    return []


def _found(line: str, word: str) -> list[int]:
    columns, column = [], line.find(word)
    while column >= 0:
        columns.append(column)
        column = line.find(word, column + len(word))
    return columns


def _first_gap(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where typing starts in a new draft: its first [placeholder] below the subject, however
    far down (selected, so typing replaces it; the area scrolls to it; not the signature's
    name, which Ctrl+N fills), else the start of the body below the greeting."""
    lines = text.split("\n")
    for row, line in enumerate(lines):
        column = line.find("[")
        if row and column >= 0 and not line[column:].startswith("[your name]"):
            close = line.find("]", column)
            end = close + 1 if close >= 0 else column
            return (row, column), (row, end)
    for row, line in enumerate(lines):
        above = lines[row - 1] if row else ""
        after_greeting = above.strip() and not above.lower().startswith("subject:")
        if row and not line.strip() and row + 1 < len(lines) and after_greeting:
            return (row + 1, 0), (row + 1, 0)
    end = (len(lines) - 1, len(lines[-1]))
    return end, end
