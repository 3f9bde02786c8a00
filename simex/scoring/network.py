"""Communication network: the expected graph against the observed one.

- expected: the scenario's channels (who *can* talk) and, among them, the
  links doctrine *requires* (an opened notification expectation who -> notify);
- observed: the messages actually sent (sender -> recipient, with counts).

Missing links are required links no message used; unexpected links are
observed links doctrine did not require (informal routes: not wrong in
themselves, worth a look). Betweenness centrality on the observed graph shows
the agencies information had to pass through; the time to reach each agency
follows time-respecting paths from the first agency that detected the
incident; the holding time is how long an agency kept the information before
passing it on. networkx is imported inside the functions.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from simex.durations import format_clock
from simex.events import (
    ActionTaken, Event, EvidenceTransferred, ExpectationOpened, InjectDelivered, MessageDelivered, MessageSent, WorldEvent,
)
from simex.languages import translator
from simex.localized import duration
from simex.narrate import Narrator
from simex.scenario.model import Scenario
from simex.scoring.expectations import trigger_phrase


@dataclass(frozen=True)
class Link:
    sender: str
    recipient: str
    channel: bool        # a channel connects them
    required: bool       # doctrine required a notification this run
    messages: int        # messages sent
    first_t: float | None


@dataclass(frozen=True)
class Reach:
    agency: str
    t: float | None           # when the information first reached it (None: never)
    after: float | None       # seconds after detection
    path: tuple[str, ...]     # agencies it passed through
    messages: tuple[str, ...]  # the messages (or the inject, world event, action) it learned through


@dataclass(frozen=True)
class Network:
    agencies: tuple[str, ...]
    links: tuple[Link, ...]
    missing: tuple[Link, ...]
    unexpected: tuple[Link, ...]
    betweenness: tuple[tuple[str, float], ...]    # highest first
    source: str
    source_t: float | None
    source_why: str
    reach: tuple[Reach, ...]
    holding: tuple[tuple[str, float], ...]         # agency, seconds held before passing on
    bottlenecks: tuple[str, ...]                   # in words


def detection(scenario: Scenario, events: list[Event], score=None, lang: str = "en") -> tuple[str, float | None, str]:
    """The first agency that detected the incident: the observer of the first
    world event whose ground truth is the threat; else the agency that saw the
    earliest event that opened a doctrine expectation (a world event it
    observed, an inject it received, a message it got, its own action); else
    the first inject's addressee."""
    agencies = {a.id for a in scenario.agencies}
    n = Narrator(scenario, lang, mark_simulated=False)
    _ = n.t.gettext
    for e in events:
        if isinstance(e, WorldEvent) and e.observer in agencies and e.truth.get("cause") == "threat":
            return e.observer, e.t, _("{event} at {at} (ground truth: threat)").format(event=trigger_phrase(e, n),
                                                                                      at=format_clock(e.t))
    triggers = sorted(r.trigger_event for r in (score.results if score else ()) if r.trigger_event >= 0)
    for i in triggers:
        e = events[i]
        at = format_clock(e.t)
        if isinstance(e, WorldEvent) and e.observer in agencies:
            return e.observer, e.t, _("{event} at {at}").format(event=trigger_phrase(e, n), at=at)
        if isinstance(e, InjectDelivered) and any(a in agencies for a in e.to):
            return next(a for a in e.to if a in agencies), e.t, _("inject {inject} at {at}").format(inject=e.inject, at=at)
        if isinstance(e, MessageDelivered) and e.recipient in agencies:
            return e.recipient, e.t, _("message {message} at {at}").format(message=e.message, at=at)
        if isinstance(e, ActionTaken) and e.agency in agencies:
            return e.agency, e.t, _("{event} at {at}").format(event=n.describe(e), at=at)
    for e in events:
        if isinstance(e, InjectDelivered) and any(a in agencies for a in e.to):
            first = next(a for a in e.to if a in agencies)
            return first, e.t, _("inject {inject} at {at}").format(inject=e.inject, at=format_clock(e.t))
    return (scenario.agencies[0].id, None, _("no detection recorded"))


def graphs(scenario: Scenario, events: list[Event]):
    """(expected, observed) networkx DiGraphs; edge attributes `required`, `messages`."""
    import networkx as nx

    expected = nx.DiGraph()
    expected.add_nodes_from(a.id for a in scenario.agencies)
    for c in scenario.channels:
        a, b = c.between
        expected.add_edge(a, b, channel=c.id, required=False)
        if not c.one_way:
            expected.add_edge(b, a, channel=c.id, required=False)
    notify = {e.id: e for e in scenario.doctrine if e.notify}
    for o in events:
        if isinstance(o, ExpectationOpened) and o.expectation in notify:
            x = notify[o.expectation]
            if expected.has_edge(x.who, x.notify):
                expected[x.who][x.notify]["required"] = True
            else:
                expected.add_edge(x.who, x.notify, channel="", required=True)
    observed = nx.DiGraph()
    observed.add_nodes_from(a.id for a in scenario.agencies)
    for m in events:
        if isinstance(m, MessageSent):
            if observed.has_edge(m.sender, m.recipient):
                observed[m.sender][m.recipient]["messages"] += 1
            else:
                observed.add_edge(m.sender, m.recipient, messages=1, first_t=m.t)
    return expected, observed


def _incident_values(scenario: Scenario, events: list[Event], t0: float | None) -> set[str]:
    """Values that identify the incident (e.g. the vehicle): the doctrine key
    facts of the detection event."""
    keys = {e.key for e in scenario.doctrine if e.key}
    for e in events:
        if e.t == t0 and isinstance(e, WorldEvent):
            values = {str(v) for k, v in e.facts.items() if k in keys}
            if values:
                return values
    return set()


def _reach(scenario: Scenario, events: list[Event], source: str, t0: float | None,
           agencies: list[str]) -> list[Reach]:
    """When each agency first had the incident: by a message from an agency
    that already had it, or by anything it saw or did that names the incident
    (an inject, a world event it observed or performed, its own action), or
    an evidence item handed over by an agency that had it."""
    if t0 is None:
        return [Reach(a, None, None, (), ()) for a in agencies]
    values = _incident_values(scenario, events, t0)
    performer = {p.id: p.performed_by for p in scenario.world if getattr(p, "performed_by", None)}
    sent = {e.message: e.t for e in events if isinstance(e, MessageSent)}
    reached: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {source: (t0, (source,), ())}

    def names_incident(facts: dict) -> bool:
        return bool(values) and any(str(v) in values for v in facts.values())

    def learn(agency: str, t: float, how: str) -> None:
        if agency in agencies and agency not in reached:
            reached[agency] = (t, (source, agency), (how,))

    for e in events:
        if e.t < t0:
            continue
        if isinstance(e, MessageDelivered):
            if e.sender in reached and sent.get(e.message, e.t) >= reached[e.sender][0] \
                    and e.recipient not in reached:
                _, path, msgs = reached[e.sender]
                reached[e.recipient] = (e.t, path + (e.recipient,), msgs + (e.message,))
            elif names_incident(e.facts):
                learn(e.recipient, e.t, e.message)
        elif isinstance(e, WorldEvent) and names_incident(e.facts):
            learn(e.observer, e.t, f"{e.process}.{e.name}")
            learn(performer.get(e.process, ""), e.t, f"{e.process}.{e.name}")
        elif isinstance(e, InjectDelivered) and (names_incident(e.facts) or not values):
            # Without identifying values (no doctrine keys) every inject after
            # the detection is about the incident.
            for a in e.to:
                learn(a, e.t, e.inject)
        elif isinstance(e, EvidenceTransferred) and e.sender in reached and e.recipient not in reached:
            _, path, msgs = reached[e.sender]
            reached[e.recipient] = (e.t, path + (e.recipient,), msgs + (f"evidence {e.item}",))
        elif isinstance(e, ActionTaken) and names_incident(e.params):
            learn(e.agency, e.t, f"{e.action}")
    out = []
    for a in agencies:
        if a in reached:
            t, path, msgs = reached[a]
            out.append(Reach(a, t, t - t0, path, msgs))
        else:
            out.append(Reach(a, None, None, (), ()))
    return out


def _holding(events: list[Event], reach: list[Reach]) -> list[tuple[str, float]]:
    when = {r.agency: r.t for r in reach if r.t is not None}
    out = []
    for agency, t in when.items():
        onward = [m.t for m in events if isinstance(m, MessageSent) and m.sender == agency and m.t >= t]
        if onward:
            out.append((agency, onward[0] - t))
    return sorted(out, key=lambda x: (-x[1], x[0]))


@lru_cache(maxsize=None)
def _text(lang: str) -> dict[str, str]:
    """The fixed wording in `lang`, from the catalogs (simex.languages)."""
    _ = translator(lang).gettext
    return {
        "relay": _("{a} relayed most information (betweenness {v:.2f})"),
        "held": _("{a} held the information {d} before passing it on"),
        "never": _("never reached from {source}: {who}"),
    }


def network(scenario: Scenario, events: list[Event], score=None, lang: str = "en") -> Network:
    import networkx as nx

    expected, observed = graphs(scenario, events)
    agencies = [a.id for a in scenario.agencies]
    pairs = sorted(set(expected.edges) | set(observed.edges))
    links = []
    for s, r in pairs:
        e = expected.get_edge_data(s, r) or {}
        o = observed.get_edge_data(s, r) or {}
        links.append(Link(s, r, bool(e.get("channel")), bool(e.get("required")), o.get("messages", 0),
                          o.get("first_t")))
    missing = tuple(link for link in links if link.required and not link.messages)
    unexpected = tuple(link for link in links if link.messages and not link.required)
    between = nx.betweenness_centrality(observed, normalized=True)
    ranked = tuple(sorted(((a, round(v, 3)) for a, v in between.items()), key=lambda x: (-x[1], x[0])))
    source, t0, why = detection(scenario, events, score, lang)
    reach = _reach(scenario, events, source, t0, agencies)
    holding = _holding(events, reach)
    bottlenecks = []
    text = _text(lang)
    if ranked and ranked[0][1] > 0:
        a, v = ranked[0]
        bottlenecks.append(text["relay"].format(a=a, v=v))
    if holding and holding[0][1] > 0:
        a, held = holding[0]
        bottlenecks.append(text["held"].format(a=a, d=duration(held, lang)))
    unreached = [r.agency for r in reach if r.t is None and r.agency != source]
    if unreached and t0 is not None:
        bottlenecks.append(text["never"].format(source=source, who=", ".join(unreached)))
    return Network(tuple(agencies), tuple(links), missing, unexpected, ranked, source, t0, why,
                   tuple(reach), tuple(holding), tuple(bottlenecks))
