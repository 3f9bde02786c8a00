"""The dialogs of the participant and evaluator consoles.

Each offers only what the role may do, built from the role's `view`: a
participant writes only over its own channels, picks only its own catalogue
actions and hands over only evidence it holds, and nobody types an agency
or evaluator name (the console fills in its own). The server checks again;
the forms make the forbidden thing impossible to express in the first place.
Each returns the fields of one command, which the console sends.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Select

from simex.localized import duration
from simex.reasons import in_language
from simex.scenario.text import tr
from simex.tui.forms import Form, convert_param, labelled, optional
from simex.tui.i18n import classification_words, medium_words, rating_words, weekday_words
from simex.tui.inbox import Digest



class SendsItself:
    """What a form mixes in to send its command itself (`sends` = (command kind,
    what to say when done), set by the console): it stays open until the
    server has the command, so a refusal (disconnected, too fast, not
    allowed) is shown under the fields and the draft is kept to send again.
    On success it closes with the fields sent."""

    sends: tuple[str, str] | None = None

    def action_save(self) -> None:
        if self.sends is None:
            super().action_save()
            return
        try:
            value = self.collect()
        except ValueError as exc:
            self.error(in_language(exc, self.t.lang))
            return
        self.error("…")
        self.run_worker(self._send(value), group="send", exclusive=True, exit_on_error=False)

    async def _send(self, value: dict) -> None:
        from simex.net.client import Refused

        kind, done = self.sends
        try:
            await self.session.send(kind, **value)      # a RemoteSession
        except Refused as exc:
            self.error(in_language(exc, self.t.lang))
            return
        except Exception as exc:   # noqa: BLE001 - a network hiccup: the draft stays
            self.error(f"{kind}: {exc or type(exc).__name__}")
            return
        self.app.notify(done)
        self.app.dirty = True
        self.dismiss(value)


class RemoteForm(SendsItself, Form):
    """A Form over a RemoteSession's view instead of a local session.
    Ctrl+S sends from any field: a long form's button may be scrolled away at 80x24."""

    # Field styling (Select labels, compact containers) comes from Form.
    BINDINGS = [*Form.BINDINGS, Binding("ctrl+s", "save", "Send")]

    def __init__(self, remote, t, title: str, digest: Digest | None = None):
        super().__init__(remote, t, title)
        self.remote, self.digest = remote, digest or Digest()

    def verb(self) -> str:
        return self.t.gettext("Send")

    @property
    def view(self) -> dict:
        return self.remote.view

    @property
    def me(self) -> str:
        return self.remote.role.get("agency", "")


def route_label(channel: dict, t) -> str:
    """Short enough for an 80-column Select: who, how, when, how long."""
    delay = duration(round(channel["typical_delay_s"]), t.lang) if channel.get("typical_delay_s") else "0s"
    if channel.get("days"):          # office hours
        days = weekday_words(t)
        when = f"{channel['hours']} " + ",".join(days.get(d, d) for d in channel["days"])
    else:
        when = t.pgettext("channel availability", "24/7")
    medium = medium_words(t).get(channel["medium"], channel["medium"])
    return f"{channel['to']} · {medium} · {when} · ~{delay}"


class MessageForm(RemoteForm):
    def fields(self) -> ComposeResult:
        t = self.t
        routes = [(route_label(ch, t), f"{ch['to']}|{ch['id']}") for ch in self.view.get("channels", [])]
        yield labelled(Select(routes, id="route", prompt=t.pgettext("recipient", "to")), t.pgettext("column", "channel"))
        yield labelled(Input(id="subject"), t.gettext("Subject"))
        yield labelled(Input(id="body"), t.gettext("Text"))
        yield labelled(Select([(w, x) for x, w in classification_words(t).items()], value="unclassified",
                              id="classification", allow_blank=False), t.gettext("Classification"))
        # Doctrine matches a notification to its incident by a shared fact
        # (vehicle=...), so the most recent reference is chosen for the writer.
        refs = self.digest.references()[:40]
        # Shown as "vehicle RPM-00039"; the value keeps the key=value the command carries.
        yield labelled(Select([(r.replace("=", " ", 1), r) for r in refs], id="concerning", prompt=t.gettext("none"),
                              value=refs[0] if refs else Select.NULL), t.gettext("Concerning"))

    def collect(self):
        recipient, channel = self.value("#route").split("|", 1)
        ref = self.value("#concerning", required=False)
        facts = dict([ref.split("=", 1)]) if ref else {}
        return {"sender": self.me, "recipient": recipient, "channel": channel, "subject": self.value("#subject"),
                "body": self.value("#body", required=False), "classification": self.value("#classification"),
                "facts": facts}


class ActionForm(RemoteForm):
    def _actions(self) -> list[dict]:
        return self.view.get("agency", {}).get("actions", [])

    def fields(self) -> ComposeResult:
        actions = [(f"{a['id']} — {tr(a['title'], self.t.lang)}", a["id"]) for a in self._actions()]
        what = self.t.pgettext("what an agency does", "action")
        yield labelled(Select(actions, id="action", prompt=what), what)
        yield Vertical(id="params")

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "action":
            await self.rebuild_params()

    def _action(self) -> dict | None:
        chosen = self.query_one("#action", Select).value
        return next((a for a in self._actions() if a["id"] == chosen), None)

    async def rebuild_params(self) -> None:
        # Awaited removal: a quick second choice must not meet the old ids.
        box = self.query_one("#params", Vertical)
        await box.remove_children()
        action = self._action()
        if action is None:
            return
        for p in action.get("params", []):
            title = tr(p.get("title"), self.t.lang) or p["name"]
            if p.get("type") == "choice":
                await box.mount(labelled(Select([(c, c) for c in p["choices"]], id=f"param-{p['name']}"), title))
                continue
            seen = self.digest.values_for(p["name"])
            field = Input(seen[0] if seen else "", id=f"param-{p['name']}",
                          suggester=SuggestFromList(seen, case_sensitive=False) if seen else None,
                          placeholder=", ".join(seen[:3]))
            await box.mount(labelled(field, optional(self.t, title, p.get("required", True))))

    def collect(self):
        action = self._action()
        if action is None:
            self.value("#action")          # raises "Required: action"
        params = {}
        for p in action.get("params", []):
            raw = self.value(f"#param-{p['name']}", required=p.get("required", True))
            if raw:
                try:
                    params[p["name"]] = convert_param(raw, p.get("type", "string"))
                except ValueError:
                    raise ValueError(self.t.gettext("{field}: not a number").format(
                        field=tr(p.get("title"), self.t.lang) or p["name"]))
        return {"agency": self.me, "action": action["id"], "params": params}


class DecisionForm(RemoteForm):
    def fields(self) -> ComposeResult:
        yield labelled(Input(id="decision"), self.t.pgettext("what an agency does", "decision"))
        yield labelled(Input(id="rationale"), self.t.gettext("Rationale"))

    def collect(self):
        return {"agency": self.me, "decision": self.value("#decision"),
                "rationale": self.value("#rationale", required=False)}


class TransferForm(RemoteForm):
    def fields(self) -> ComposeResult:
        t, lang = self.t, self.t.lang
        held = [(f"{item['id']} — {tr(item.get('description'), lang)}", item["id"])
                for item in self.view.get("evidence", [])]
        others = [(f"{a['id']} — {tr(a['name'], lang)}", a["id"]) for a in self.view.get("agencies", [])
                  if a["id"] != self.me]
        yield labelled(Select(held, id="item", prompt=t.gettext("Item")), t.gettext("Item"))
        yield labelled(Select(others, id="recipient", prompt=t.pgettext("recipient", "to")), t.pgettext("recipient", "to"))
        yield Checkbox(t.gettext("sealed"), True, id="sealed")
        yield Checkbox(t.gettext("signed"), True, id="signed")
        yield labelled(Input(id="seal"), t.gettext("Seal number"))
        yield labelled(Input(id="note"), t.gettext("Note"))

    def collect(self):
        return {"item": self.value("#item"), "sender": self.me, "recipient": self.value("#recipient"),
                "sealed": self.query_one("#sealed", Checkbox).value, "signed": self.query_one("#signed", Checkbox).value,
                "seal_number": self.value("#seal", required=False), "note": self.value("#note", required=False)}


def _objectives(view: dict, lang: str) -> list[tuple[str, str]]:
    return [(f"{o['id']} — {tr(o['title'], lang)}", o["id"]) for o in view.get("objectives", [])]


class EvaluatorObservationForm(RemoteForm):
    def fields(self) -> ComposeResult:
        yield labelled(Select(_objectives(self.view, self.t.lang), id="objective", prompt=self.t.gettext("none")),
                       self.t.gettext("Objective"))
        yield labelled(Input(id="text"), self.t.gettext("Observation"))

    def collect(self):
        return {"evaluator": self.remote.role.get("name", ""), "objective": self.value("#objective", required=False),
                "text": self.value("#text")}


class RatingForm(RemoteForm):
    def fields(self) -> ComposeResult:
        t, lang = self.t, self.t.lang
        targets = []
        for o in self.view.get("scenario", {}).get("objectives", []):
            targets.append((f"{o['id']} — {tr(o['title'], lang)}", o["id"]))
            targets += [(f"  {ct['id']} — {tr(ct['title'], lang)}", ct["id"]) for ct in o.get("critical_tasks", [])]
        yield labelled(Select(targets, id="target", prompt=t.gettext("Objective")), t.gettext("Objective"))
        yield labelled(Select([(f"{k} — {v}", k) for k, v in rating_words(t).items()], id="rating",
                              prompt=t.gettext("Rating")), t.gettext("Rating"))
        yield labelled(Input(id="reason"), t.gettext("Reason"))

    def collect(self):
        return {"evaluator": self.remote.role.get("name", ""), "target": self.value("#target"),
                "rating": self.value("#rating"), "reason": self.value("#reason", required=False)}
