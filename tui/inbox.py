"""What a participant's console makes of the events the server sent it:
the inbox, the facts the agency has seen, and its open tasks.

Plain Python, no widgets, so it is tested without a screen. It is fed the
client's events incrementally (`feed`) because the console redraws ten
times a second and a long exercise has thousands of events; the read state
lives here too, client-side only (the server has no notion of "read").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from simex import events as ev
from simex.durations import format_clock
from simex.localized import duration
from simex.references import is_reference
from simex.scenario.text import tr

# Fact values longer than this, or with spaces, are descriptions (a manifest),
# not references another agency can match on.
_MAX_REFERENCE = 40


@dataclass
class Item:
    """One inbox entry: an inject or a message delivered to this agency."""
    key: str                 # "inject:I01" / "message:M3": stable across reconnects
    index: int               # position in RemoteSession.events
    t: float
    kind: str                # inject | message
    sender: str
    subject: str
    marking: str             # classification of a message, delivery medium of an inject
    inject: str = ""
    acknowledged: bool = False


@dataclass
class Task:
    key: str
    text: str                 # a clock's title, or the subject of an inject to acknowledge
    due: float | None = None  # scenario time; None for "when you can" (acknowledge an inject)
    expired: bool = False
    inject: str = ""          # the inject to acknowledge, for an acknowledgement task


def inject_text(event: ev.InjectDelivered, lang: str) -> tuple[str, str]:
    """Synopsis and text in the reader's language, falling back to what was sent."""
    local = (event.translations or {}).get(lang) or {}
    return local.get("synopsis") or event.synopsis, local.get("text") or event.text


def _references(values: dict) -> list[tuple[str, str]]:
    out = []
    for key, value in (values or {}).items():
        if not isinstance(value, str) or not is_reference(key, value):
            continue          # numbers, flags and readings (gamma_sigma, channel) identify nothing
        if value and " " not in value and len(value) <= _MAX_REFERENCE:
            out.append((key, value))
    return out


@dataclass
class Digest:
    agency: str = ""              # "" for evaluators and observers: no inbox
    lang: str = "en"
    items: dict[str, Item] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)
    facts: dict[tuple[str, str], float] = field(default_factory=dict)   # (key, value) -> last seen order
    clocks: dict[str, Task] = field(default_factory=dict)
    titles: dict[str, dict] = field(default_factory=dict)   # clock process id -> its title, as the server tells it
    fed: int = 0
    version: int = 0              # bumps on every change the inbox or tasks would show
    _order: int = 0

    def feed(self, events: list) -> bool:
        """Take RemoteSession.events (a list of (seq, event)); only new ones are read."""
        fresh = events[self.fed:]
        for offset, (_, event) in enumerate(fresh, start=self.fed):
            self._take(offset, event)
        self.fed = len(events)
        if fresh:
            self.version += 1
        return bool(fresh)

    def _seen(self, values: dict) -> None:
        for ref in _references(values):
            self._order += 1
            self.facts[ref] = self._order

    def _take(self, index: int, event: ev.Event) -> None:
        me = self.agency
        match event:
            case ev.InjectDelivered() if me in event.to:
                synopsis, _ = inject_text(event, self.lang)
                self.items[f"inject:{event.inject}"] = Item(f"inject:{event.inject}", index, event.t, "inject",
                                                            event.sender, synopsis, event.via, inject=event.inject)
                self._seen(event.facts)
            case ev.InjectAcknowledged() if event.agency == me:
                item = self.items.get(f"inject:{event.inject}")
                if item:
                    item.acknowledged = True
            case ev.MessageDelivered() if event.recipient == me:
                self.items[f"message:{event.message}"] = Item(f"message:{event.message}", index, event.t, "message",
                                                              event.sender, event.subject, event.classification)
                self._seen(event.facts)
            case ev.MessageSent() | ev.MessageDelivered():
                self._seen(event.facts)
            case ev.ActionTaken():
                self._seen(event.params)
            case ev.WorldEvent():
                self._seen(event.facts)
                if event.observer == me and me:
                    self._clock(event)

    def _clock(self, event: ev.WorldEvent) -> None:
        """Legal clocks the agency owns. Only a clock's own events carry
        deadline_s/remaining_s, which tells them from a service's `started`."""
        name, facts = event.name, event.facts
        if name == "started" and "deadline_s" in facts:
            title = tr(self.titles.get(event.process), self.lang) or event.process
            self.clocks[event.process] = Task(f"clock:{event.process}", title, event.t + facts["deadline_s"])
        elif name == "warning" and "remaining_s" in facts and event.process in self.clocks:
            self.clocks[event.process].due = event.t + facts["remaining_s"]
        elif name == "expired" and event.process in self.clocks:
            self.clocks[event.process].expired = True
        elif name == "stopped":
            self.clocks.pop(event.process, None)

    # --- what the screens ask -----------------------------------------------------------

    def inbox(self) -> list[Item]:
        """Newest first; injects before messages delivered at the same second."""
        return sorted(self.items.values(), key=lambda i: (i.t, i.index), reverse=True)

    def unread(self) -> int:
        return sum(1 for key in self.items if key not in self.read)

    def mark_read(self, key: str) -> None:
        if key not in self.read:
            self.read.add(key)
            self.version += 1

    def references(self) -> list[str]:
        """key=value facts seen, most recent first: what a message can be 'concerning'."""
        return [f"{k}={v}" for (k, v), _ in sorted(self.facts.items(), key=lambda kv: -kv[1])]

    def values_for(self, name: str) -> list[str]:
        """Seen values of a fact called `name`, most recent first (action parameter suggestions)."""
        return [v for (k, v), _ in sorted(self.facts.items(), key=lambda kv: -kv[1]) if k == name]

    def tasks(self) -> list[Task]:
        """Legal clocks by deadline, then injects waiting for an acknowledgement."""
        clocks = sorted(self.clocks.values(), key=lambda task: task.due or 0)
        pending = [Task(item.key, item.subject, inject=item.inject)
                   for item in sorted(self.items.values(), key=lambda i: i.t)
                   if item.kind == "inject" and not item.acknowledged]
        return clocks + pending


def task_line(task: Task, now: float, t) -> str:
    """One line of the tasks pane; `t` is the console's Translator."""
    if task.inject:
        return "  " + t.gettext("acknowledge inject {inject}: {subject}").format(inject=task.inject,
                                                                                subject=task.text)
    if task.due is None:
        return f"  {task.text}"
    left = task.due - now
    if task.expired or left < 0:
        return "  " + t.gettext("EXPIRED {time}  {task}").format(time=format_clock(task.due), task=task.text)
    return "  " + t.gettext("due {time} (in {left})  {task}").format(
        time=format_clock(task.due), left=duration(round(left), t.lang), task=task.text)


def agency_name(view: dict, agency: str, lang: str) -> str:
    found = next((a for a in view.get("agencies", []) if a["id"] == agency), None)
    return tr(found["name"], lang) if found else agency
