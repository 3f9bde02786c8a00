"""Printable packets for the day, as print-ready HTML (A4, @page rules):

- `msel`: the MSEL for controllers, every inject in time order with its
  player text, expected actions, objectives and controller notes;
- `eeg`: a blank Exercise Evaluation Guide per objective for evaluators
  (HSEEP: core capability, capability target, critical tasks, observation
  lines, P/S/M/U boxes for each task and the objective);
- `handout`: one page per participant agency: its name and role, the
  channels it can use, how to join and, given the server's codes, its join
  code. Participant material only: no inject, no controller note, no
  expectation, nothing of the simulated world.

Controller and evaluator packets carry a marking on every printed page.
"""
from __future__ import annotations

from simex.durations import format_clock, format_duration
from simex.languages import translator
from simex.report.blocks import Block, Bullets, Heading, Marking, PageBreak, Para, Table
from simex.report.html import render
from simex.scenario.model import Scenario
from simex.scenario.text import tr

KINDS = ("msel", "eeg", "handout")
_LANDSCAPE = "@page{size:A4 landscape;margin:12mm}\n"
_PACKET_CSS = ("table.boxes td{height:2.2em}table.boxes td:nth-child(n+3){width:2.2em;text-align:center}"
               "table.lines td{height:2em}.slip{border:2px dashed #888;padding:.6em 1em;font-size:1.1em}"
               "code{font-size:1.05em}\n")


def _when(inject, t) -> str:
    if inject.at is not None:
        return format_clock(inject.at)
    trigger = inject.trigger
    what = (trigger.event or trigger.state or (trigger.missed and t.gettext("{id} missed").format(id=trigger.missed))
            or (trigger.action and t.gettext("action {id}").format(id=trigger.action))
            or (trigger.inject and t.gettext("inject {id}").format(id=trigger.inject)) or "")
    delay = f" +{format_duration(trigger.delay)}" if trigger.delay else ""
    return t.gettext("on {what}").format(what=what) + delay


def _hours(availability, t) -> str:
    if isinstance(availability, str):
        return availability
    return t.gettext("staffed {hours} ({days})").format(hours=availability.hours, days=", ".join(availability.days))


def _order(scenario: Scenario) -> list:
    """Timed injects by time, then triggered ones in file order."""
    timed = sorted((i for i in scenario.injects if i.at is not None), key=lambda i: i.at)
    return timed + [i for i in scenario.injects if i.at is None]


def msel(scenario: Scenario, lang: str) -> list[Block]:
    t = translator(lang)
    out: list[Block] = [Marking(t.gettext("Controllers and evaluators only: do not show to players")),
                        Heading(1, t.gettext("MSEL: {title}").format(title=tr(scenario.exercise.title, lang))),
                        Para(t.gettext("STARTEX {startex}; {n} injects.").format(
                            startex=scenario.exercise.startex.isoformat(timespec="minutes"),
                            n=len(scenario.injects)))]
    rows = []
    for i in _order(scenario):
        expected = "; ".join(tr(a, lang) for a in i.expected_actions)
        rows.append([f"**{i.id}**", _when(i, t), f"{i.from_} → {', '.join(i.to)}", f"{i.via}, {i.type}",
                     f"**{tr(i.synopsis, lang)}** — {tr(i.text, lang)}", expected, ", ".join(i.objectives),
                     i.notes or ""])
    out.append(Table([t.gettext("No."), t.gettext("Time"), t.gettext("From → to"), t.gettext("Channel, type"),
                      t.gettext("Synopsis and player text"), t.gettext("Expected action"), t.gettext("Objective"),
                      t.gettext("Controller notes")], rows, cls="msel"))
    out.append(Para(t.gettext("Times are scenario time since STARTEX; a triggered inject is delivered when its "
                              "trigger fires (see the facilitator console)."), cls="note"))
    return out


def eeg(scenario: Scenario, lang: str) -> list[Block]:
    t = translator(lang)
    title = tr(scenario.exercise.title, lang)
    ratings = [
        ("P", t.gettext("Performed without challenges")),
        ("S", t.gettext("Performed with some challenges: the objective was met, with room to improve")),
        ("M", t.gettext("Performed with major challenges: met, but with harm to other activities, added risk "
                        "or departure from plans")),
        ("U", t.gettext("Unable to be performed")),
    ]
    out: list[Block] = [Marking(t.gettext("Evaluators only: do not show to players"))]
    for n, objective in enumerate(scenario.objectives):
        if n:
            out.append(PageBreak())
        out.append(Heading(1, t.gettext("Exercise Evaluation Guide: {objective}").format(
            objective=f"{objective.id} {tr(objective.title, lang)}")))
        out.append(Table(["", ""], [
            [t.gettext("Exercise"), title],
            [t.gettext("Date"), scenario.exercise.startex.date().isoformat()],
            [t.gettext("Core capability"), tr(objective.capability, lang) or "—"],
            [t.gettext("Capability target"), tr(objective.target, lang) or "—"],
            [t.gettext("Organization / location evaluated"), ""],
            [t.gettext("Evaluator"), ""]], cls="kv"))
        tasks = [[task.id, tr(task.title, lang), "", "", "", ""] for task in objective.critical_tasks]
        tasks.append([objective.id, t.gettext("Objective as a whole (capability rating)"), "", "", "", ""])
        out.append(Table([t.gettext("Task"), t.gettext("Critical task"), "P", "S", "M", "U"], tasks,
                         t.gettext("Target ratings: tick one box per row"), cls="boxes"))
        looks = [f"{e.id}: {tr(e.title, lang)} ({t.gettext('within {time}').format(time=format_duration(e.within))})"
                 for e in scenario.doctrine if e.objective == objective.id]
        cues = [f"{i.id} ({_when(i, t)}): {tr(i.synopsis, lang)}" for i in _order(scenario)
                if objective.id in i.objectives]
        if looks:
            out += [Heading(3, t.gettext("What to look for")), Bullets(looks)]
        if cues:
            out += [Heading(3, t.gettext("Injects that exercise this objective")), Bullets(cues)]
        out.append(Table([t.gettext("Time"), t.gettext("Observation (who did what, when; strengths; areas for "
                                                       "improvement)")], [["", ""] for _ in range(10)],
                         t.gettext("Observation notes"), cls="lines"))
        out.append(Table(["", ""], [[f"**{k}**", v] for k, v in ratings], t.gettext("Rating scale (HSEEP)"),
                         cls="kv"))
    return out


def handout(scenario: Scenario, lang: str, codes: dict[str, str], address: str) -> list[Block]:
    """`codes`: participant agency id -> join code (may be empty: a line to write it on)."""
    t = translator(lang)
    title = tr(scenario.exercise.title, lang)
    jurisdictions = {j.id: tr(j.name, lang) for j in scenario.jurisdictions}
    names = {a.id: tr(a.name, lang) for a in scenario.agencies}
    out: list[Block] = []
    players = [a for a in scenario.agencies if a.played_by == "person"]
    for n, agency in enumerate(players):
        if n:
            out.append(PageBreak())
        out.append(Heading(1, title))
        out.append(Heading(2, t.gettext("Your role: {agency}").format(agency=names[agency.id])))
        facts = [[t.gettext("Agency"), f"{names[agency.id]} ({agency.id})"],
                 [t.gettext("Jurisdiction"), jurisdictions.get(agency.jurisdiction, agency.jurisdiction)],
                 [t.gettext("Exercise starts (STARTEX)"), scenario.exercise.startex.isoformat(timespec="minutes")]]
        if agency.description:
            facts.append([t.gettext("Role"), tr(agency.description, lang)])
        out.append(Table(["", ""], facts, cls="kv"))
        channels = []
        for c in scenario.channels:
            if agency.id not in c.between or (c.one_way and c.between[0] != agency.id):
                continue
            other = next((x for x in c.between if x != agency.id), agency.id)
            what = f" — {tr(c.description, lang)}" if c.description else ""
            channels.append(t.gettext("{other}: {medium}, {availability}").format(
                other=names.get(other, other), medium=c.medium.replace("_", " "),
                availability=_hours(c.availability, t)) + what)
        if channels:
            out += [Heading(3, t.gettext("How you can reach the other agencies")), Bullets(channels)]
        code = codes.get(agency.id, "")
        out.append(Heading(3, t.gettext("How to join")))
        command = f"simex join {address} --code {code or '____-____-____'}" + (f" --lang {lang}" if lang != "en" else "")
        out.append(Para(command, cls="slip"))
        out.append(Para(t.gettext("Keep your code to yourself: it is the key to your agency's console. "
                                  "If you lose it, ask the facilitator for a new one."), cls="note"))
    if not players:
        out.append(Para(t.gettext("No agency in this scenario is played by a person.")))
    return out


def build(kind: str, scenario: Scenario, lang: str = "en", codes: dict[str, str] | None = None,
          address: str = "") -> str:
    """The packet as one print-ready HTML file."""
    t = translator(lang)
    address = address or t.gettext("<the server laptop's address>")
    blocks = {"msel": lambda: msel(scenario, lang), "eeg": lambda: eeg(scenario, lang),
              "handout": lambda: handout(scenario, lang, codes or {}, address)}[kind]()
    names = {"msel": t.gettext("MSEL"), "eeg": t.gettext("Exercise Evaluation Guides"),
             "handout": t.gettext("Participant handout")}
    css = _PACKET_CSS + (_LANDSCAPE if kind == "msel" else "")
    return render(blocks, f"{names[kind]}: {tr(scenario.exercise.title, lang)}", lang, css=css)
