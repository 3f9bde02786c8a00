"""Modal forms for what the facilitator enters: an ad-hoc inject, what an
agency in the room decided (hot-seat play), an evaluator's observation, a
new time. Each form returns plain values to the app, which turns them into
engine commands; refused commands come back as an error under the form."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from simex.durations import parse_duration
from simex.reasons import in_language
from simex.references import references
from simex.scenario.text import tr
from simex.tui.direction import mirrored, reverse_rows
from simex.tui.i18n import classification_words, medium_words, message_kind_words, relabel_bindings


class Form(ModalScreen):
    """A dialog: fields, an error line, Cancel and the form's verb (`verb()`:
    Save, or Send for a form that sends). Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]
    AUTO_FOCUS = "#fields Select, #fields Input"   # the first field, not the scroll container
    DEFAULT_CSS = """
    Form { align: center middle; }
    Form > Vertical { width: 90%; max-width: 100; height: auto; max-height: 95%;
                      border: round $accent; background: $surface; padding: 0 1; }
    Form .title { text-style: bold; }
    Form .error { color: $error; height: auto; }
    Form Horizontal.buttons { height: auto; align-horizontal: right; }
    Form VerticalScroll { height: auto; max-height: 18; }
    /* A Select draws no border of its own, so its field name (border title)
       would not show: give it one. Containers filled per choice stay compact. */
    Form Select { border: tall $surface-lighten-1; height: auto; }
    Form Select:focus-within { border: tall $accent; }
    Form SelectCurrent, Form Select:focus > SelectCurrent { border: none; height: 1; padding: 0 1; }
    Form Input, Form Select { border-title-color: $text-muted; }
    Form #detail, Form #params { height: auto; }
    """

    def __init__(self, session, t, title: str):
        super().__init__()
        self.session, self.t, self.heading = session, t, title
        relabel_bindings(self, {"cancel": t.gettext("Cancel"), "save": self.verb()})

    def verb(self) -> str:
        """What the main button does."""
        return self.t.gettext("Save")

    def compose(self) -> ComposeResult:
        with Vertical():
            # The modal has no footer of its own, and at 80x24 the buttons may be scrolled away.
            keys = self.t.gettext("Ctrl+S {verb} · Esc {cancel}").format(verb=self.verb().lower(),
                                                                        cancel=self.t.gettext("Cancel").lower())
            title = [self.heading, "   ", (keys, "dim")]     # a right-to-left form reads it from the right
            yield Label(Text.assemble(*(title[::-1] if mirrored(self) else title)), classes="title")
            with VerticalScroll(id="fields"):
                yield from self.fields()
            yield Static("", classes="error", id="error")
            with Horizontal(classes="buttons"):
                yield Button(self.t.gettext("Cancel"), id="cancel")
                yield Button(self.verb(), id="save", variant="primary")

    def fields(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def on_mount(self) -> None:
        if mirrored(self):
            reverse_rows(self)

    def error(self, text: str) -> None:
        self.query_one("#error", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.action_save()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            value = self.collect()
        except ValueError as exc:
            self.error(in_language(exc, self.t.lang))
            return
        self.dismiss(value)

    def collect(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def value(self, selector: str, required: bool = True) -> str:
        widget = self.query_one(selector)
        value = widget.value
        if value is Select.NULL or value is None:
            value = ""
        value = str(value).strip()
        if required and not value:
            widget.focus()
            raise ValueError(self.t.gettext("Required: {field}").format(field=widget.border_title or selector.lstrip("#")))
        return value


def _agencies(session, lang):
    return [(f"{a.id} — {tr(a.name, lang)}", a.id) for a in session.scenario.agencies]


def labelled(widget, title: str):
    widget.border_title = title
    return widget


class InjectForm(Form):
    def fields(self) -> ComposeResult:
        t = self.t
        yield labelled(Select(_agencies(self.session, t.lang), id="to", prompt=t.pgettext("recipient", "to")),
                       t.gettext("Recipients"))
        yield labelled(Input(id="synopsis", placeholder=t.pgettext("column", "synopsis")), t.pgettext("column", "synopsis"))
        yield labelled(Input(id="text", placeholder=t.gettext("Text")), t.gettext("Text"))
        media = medium_words(t)
        yield labelled(Select([(media[m], m) for m in ("phone", "email", "in_person", "radio", "handout", "tv",
                                                        "social_media")], value="phone", id="via",
                              allow_blank=False), t.gettext("Delivery"))

    def collect(self):
        return {"to": (self.value("#to"),), "synopsis": self.value("#synopsis"),
                "text": self.value("#text", required=False), "via": self.value("#via")}


class ObservationForm(Form):
    def __init__(self, session, t, title, evaluator: str = "", inject: str = ""):
        super().__init__(session, t, title)
        self.evaluator, self.inject = evaluator or t.gettext("lead evaluator"), inject

    def fields(self) -> ComposeResult:
        objectives = []
        for o in self.session.scenario.objectives:
            objectives.append((f"{o.id} — {tr(o.title, self.t.lang)}", o.id))
            objectives += [(f"   {t.id} — {tr(t.title, self.t.lang)}", t.id) for t in o.critical_tasks]
        yield labelled(Input(self.evaluator, id="evaluator"), self.t.gettext("Evaluator"))
        yield labelled(Select(objectives, id="objective", prompt=self.t.gettext("none")), self.t.gettext("Objective"))
        yield labelled(Input(id="text"), self.t.gettext("Observation"))

    def collect(self):
        chosen = self.value("#objective", required=False)
        is_task = any(chosen == t.id for o in self.session.scenario.objectives for t in o.critical_tasks)
        return {"evaluator": self.value("#evaluator"), "objective": "" if is_task else chosen,
                "task": chosen if is_task else "", "text": self.value("#text"), "inject": self.inject}


class TimeForm(Form):
    """A scenario time, optionally with 'keep spacing' (postpone)."""

    def __init__(self, session, t, title, prompt: str, spacing: bool = False, default: str = ""):
        super().__init__(session, t, title)
        self.prompt, self.spacing, self.default = prompt, spacing, default

    def fields(self) -> ComposeResult:
        yield labelled(Input(self.default, id="when"), self.prompt)
        if self.spacing:
            yield Checkbox(self.t.gettext("Keep the spacing of later injects"), True, id="spacing")

    def collect(self):
        when = parse_duration(self.value("#when").removeprefix("T+"))
        spacing = self.query_one("#spacing", Checkbox).value if self.spacing else False
        return {"at": when, "shift_following": spacing}


class ConfirmForm(Form):
    def __init__(self, session, t, title, question: str):
        super().__init__(session, t, title)
        self.question = question

    def fields(self) -> ComposeResult:
        yield Label(self.question)

    def collect(self):
        return True


class ActForm(Form):
    """Hot-seat play: what an agency in the room decided, entered by the facilitator."""

    def fields(self) -> ComposeResult:
        t = self.t
        yield labelled(Select(_agencies(self.session, t.lang), id="agency", prompt=t.pgettext("column", "agency")),
                       t.pgettext("column", "agency"))
        yield labelled(Select([(label, k) for k, label in message_kind_words(t).items()], value="action", id="kind",
                              allow_blank=False), t.gettext("What"))
        yield Vertical(id="detail")

    async def on_select_changed(self, event: Select.Changed) -> None:
        # Removing children is asynchronous: await it, or a quick second change
        # mounts the new fields before the old ones are gone (duplicate ids).
        if event.select.id in ("agency", "kind"):
            await self.rebuild()
        elif event.select.id == "action":
            await self.rebuild_params()

    def _agency(self):
        agency = self.query_one("#agency", Select).value
        return None if agency is Select.NULL else self.session.scenario.agency(agency)

    async def rebuild(self) -> None:
        detail = self.query_one("#detail", Vertical)
        await detail.remove_children()
        agency, kind = self._agency(), self.query_one("#kind", Select).value
        if agency is None:
            return
        t, lang = self.t, self.t.lang
        if kind == "message":
            media = medium_words(t)
            routes = [(t.gettext("{agency} via {channel} ({medium})").format(
                agency=r, channel=c.id, medium=media.get(c.medium, c.medium)), f"{r}|{c.id}")
                      for c in self.session.scenario.channels for r in c.between
                      if r != agency.id and self.session.exercise.messaging.connects(c, agency.id, r)]
            seen = references(self.session.events, agency.id)
            about = [(f"{k} {v}", f"{k}={v}") for k, v in seen]
            await detail.mount(labelled(Select(routes, id="route", prompt=t.pgettext("recipient", "to")),
                                        t.pgettext("column", "channel")),
                               labelled(Select(about, id="about", prompt=t.gettext("none"),
                                               value=about[0][1] if about else Select.NULL), t.gettext("Concerning")),
                               labelled(Input(id="subject"), t.gettext("Subject")),
                               labelled(Input(id="body"), t.gettext("Text")),
                               labelled(Select([(w, x) for x, w in classification_words(t).items()],
                                               value="unclassified", id="classification", allow_blank=False),
                                        t.gettext("Classification")))
        elif kind == "action":
            actions = [(f"{a.id} — {tr(a.title, lang)}", a.id) for a in agency.actions]
            await detail.mount(labelled(Select(actions, id="action", prompt=t.pgettext("what an agency does", "action")),
                                        t.pgettext("what an agency does", "action")),
                               Vertical(id="params"))
        elif kind == "decision":
            await detail.mount(labelled(Input(id="decision"), t.pgettext("what an agency does", "decision")),
                               labelled(Input(id="rationale"), t.gettext("Rationale")))
        else:
            held = [(item.id, item.id) for item in self.session.scenario.evidence
                    if self.session.exercise.custody.get(item.id) == agency.id]
            others = [(a, v) for a, v in _agencies(self.session, lang) if v != agency.id]
            await detail.mount(labelled(Select(held, id="item", prompt=t.gettext("Item")), t.gettext("Item")),
                               labelled(Select(others, id="recipient", prompt=t.pgettext("recipient", "to")),
                                        t.pgettext("recipient", "to")),
                               Checkbox(t.gettext("sealed"), True, id="sealed"),
                               Checkbox(t.gettext("signed"), True, id="signed"),
                               labelled(Input(id="seal"), t.gettext("Seal number")))

    async def rebuild_params(self) -> None:
        box = self.query_one("#params", Vertical)
        await box.remove_children()
        action_id = self.query_one("#action", Select).value
        agency = self._agency()
        if action_id is Select.NULL or agency is None:
            return
        action = next(a for a in agency.actions if a.id == action_id)
        for p in action.params:
            title = tr(p.title, self.t.lang) if p.title else p.name
            # A parameter naming a world entity (the vehicle a service inspects) is
            # chosen from those the world knows: a typed id may not exist.
            known = self.session.exercise.entities(agency.id, action_id, p.name)
            if p.type == "choice":
                await box.mount(labelled(Select([(c, c) for c in p.choices], id=f"param-{p.name}"), title))
            elif known is not None:
                await box.mount(labelled(Select([(v, v) for v in known], id=f"param-{p.name}"), title))
            else:
                await box.mount(labelled(Input(id=f"param-{p.name}"), optional(self.t, title, p.required)))

    def collect(self):
        agency = self.value("#agency")
        kind = self.value("#kind")
        if kind == "message":
            recipient, channel = self.value("#route").split("|")
            about = self.value("#about", required=False)
            facts = dict([about.split("=", 1)]) if about else {}
            return {"kind": kind, "sender": agency, "recipient": recipient, "channel": channel,
                    "subject": self.value("#subject"), "body": self.value("#body", required=False),
                    "classification": self.value("#classification"), "facts": facts}
        if kind == "action":
            action_id = self.value("#action")
            action = next(a for a in self.session.scenario.agency(agency).actions if a.id == action_id)
            params = {}
            for p in action.params:
                raw = self.value(f"#param-{p.name}", required=p.required)
                if raw:
                    params[p.name] = convert_param(raw, p.type)
            return {"kind": kind, "agency": agency, "action": action_id, "params": params}
        if kind == "decision":
            return {"kind": kind, "agency": agency, "decision": self.value("#decision"),
                    "rationale": self.value("#rationale", required=False)}
        return {"kind": kind, "item": self.value("#item"), "sender": agency, "recipient": self.value("#recipient"),
                "sealed": self.query_one("#sealed", Checkbox).value, "signed": self.query_one("#signed", Checkbox).value,
                "seal_number": self.value("#seal", required=False)}


def optional(t, title: str, required: bool) -> str:
    """A field's title, marked when it may stay empty."""
    return title if required else t.gettext("{field} (optional)").format(field=title)


def convert_param(raw: str, kind: str):
    if kind == "integer":
        return int(raw)
    if kind == "number":
        return float(raw)
    if kind == "boolean":
        return raw.lower() in ("1", "yes", "true", "oui", "y")
    return raw


class DetailScreen(ModalScreen):
    """Everything recorded about one timeline entry."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close")]
    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    DetailScreen > VerticalScroll { width: 90%; height: auto; max-height: 90%; border: round $accent;
                                    background: $surface; padding: 0 1; }
    """

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.text, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
