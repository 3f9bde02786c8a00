"""What a client is told about the scenario when it joins: the parts its
role may know. A participant learns its own agency's catalogue, its
channels and the evidence it holds, never the MSEL, controller notes or
doctrine; the evaluator gets everything."""
from __future__ import annotations

from typing import Any

from simex.evidence import is_found
from simex.net.roles import EVALUATOR, PARTICIPANT, Role
from simex.scenario.model import OfficeHours, Scenario


def _availability(channel) -> str:
    a = channel.availability
    if isinstance(a, OfficeHours):
        return f"{a.hours} {','.join(a.days)}"
    return "24/7"


def _hours(channel) -> dict[str, Any]:
    """Office hours as data, for a console to word in its reader's language
    (`availability` is the English summary)."""
    a = channel.availability
    return {"hours": a.hours, "days": list(a.days)} if isinstance(a, OfficeHours) else {}


def role_view(scenario: Scenario, role: Role, custody: dict[str, str], now: float = 0.0,
              found: dict[str, float] | None = None) -> dict[str, Any]:
    """The role's view at scenario time `now` (evidence appears once it is
    found: `found` maps items to when, simex.evidence; by default their `found` times)."""
    if found is None:
        found = {item.id: item.found for item in scenario.evidence if item.found_on is None}
    ex = scenario.exercise
    view: dict[str, Any] = {
        "exercise": {"id": ex.id, "title": ex.title, "summary": ex.summary, "startex": ex.startex.isoformat(),
                     "duration": ex.duration, "languages": list(ex.languages)},
        "jurisdictions": [{"id": j.id, "name": j.name, "timezone": j.timezone} for j in scenario.jurisdictions],
        "agencies": [{"id": a.id, "name": a.name, "kind": a.kind, "jurisdiction": a.jurisdiction}
                     for a in scenario.agencies],
        "objectives": [{"id": o.id, "title": o.title} for o in scenario.objectives],
    }
    if role.kind == PARTICIPANT:
        me = scenario.agency(role.agency)
        view["agency"] = me.model_dump(mode="json", by_alias=True)
        view["channels"] = [
            {"id": ch.id, "to": b if a == me.id else a, "medium": ch.medium, "availability": _availability(ch),
             "typical_delay_s": round(ch.delay.mean, 1), **_hours(ch)}
            for ch in scenario.channels for a, b in [ch.between]
            if me.id == a or (me.id == b and not ch.one_way)]
        # Legal clocks it owns, by title: its tasks pane names them as the scenario does.
        view["clocks"] = {p.id: p.title for p in scenario.world if p.type == "legal_clock" and p.owner == me.id}
        view["evidence"] = [item.model_dump(mode="json", by_alias=True) for item in scenario.evidence
                            if custody.get(item.id) == me.id and is_found(item.id, found, now)]
    elif role.kind == EVALUATOR:
        view["scenario"] = scenario.model_dump(mode="json", by_alias=True)
    return view
