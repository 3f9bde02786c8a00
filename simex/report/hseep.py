"""The parts of the HSEEP AAR/IP that are not scores: the cover page, the
exercise overview, the areas for improvement with their reference and root
cause, the conclusion and the acronyms. What the scenario says is used; what
only the facilitator knows (where and when the exercise was held, its
scope...) comes from the annotations (simex.report.notes). A field
nobody filled in is shown as "not recorded", never left out, so a reader sees
what is missing and the facilitator sees what to fill in."""
from __future__ import annotations

from functools import lru_cache
import re

from simex.durations import format_clock
from simex.engine.commands import OVERVIEW_ENTRIES
from simex.languages import translator
from simex.localized import duration, moment
from simex.report.notes import Annotations
from simex.report.blocks import Block, Bullets, Heading, PageBreak, Para, Table
from simex.scenario.model import Scenario
from simex.scenario.text import tr
from simex.scoring.evaluation import Evaluation

@lru_cache(maxsize=None)
def text(lang: str) -> dict[str, str]:
    """The fixed wording in `lang`, from the catalogs (simex.languages)."""
    _ = translator(lang).gettext
    return {
        # Translators: the cover page of the report
        "cover": _("Cover"),
        # Translators: cover-page field: the document's title
        "report": _("Document"),
        "marking": _("Handling marking"),
        "not_marked": _("none chosen"),
        "dates": _("Date(s) of conduct"),
        "venue": _("Venue"),
        "scope": _("Scope"),
        "mission_areas": _("Mission area(s)"),
        "threat_hazard": _("Threat / hazard"),
        "sponsor": _("Sponsor"),
        "points_of_contact": _("Points of contact"),
        "scenario_time": _("Scenario time"),
        "from_to": _("STARTEX {start}, for {duration}"),
        "not_recorded": _("not recorded"),
        "entered_by": _("Fields marked † were entered by {who} (journaled)."),
        "how_to_fill": _("Fields shown as \"not recorded\" are filled in by the facilitator: simex report JOURNAL --annotations-template notes.yaml, edit, then --annotations notes.yaml."),
        "area": _("Area for improvement"),
        "reference": _("Reference: "),
        "root_cause": _("Root cause: "),
        "no_reference": _("none given in the scenario"),
        "no_root_cause": _("not recorded (evaluators enter it: simex report JOURNAL --annotations-template notes.yaml)"),
        "conclusion": _("Conclusion"),
        "no_conclusion": _("Not recorded. The lead evaluator writes the conclusion (simex report JOURNAL --annotations-template notes.yaml, then --annotations notes.yaml)."),
        "no_feedback": _("No participant feedback was given to this report (simex report JOURNAL --feedback FORM --responses ANSWERS adds it)."),
        "acronyms": _("Appendix D: Acronyms and short names"),
        "short": _("Acronym / short name"),
        "meaning": _("Meaning"),
        "agency_of": _("agency ({jurisdiction})"),
        "jurisdiction": _("jurisdiction (State or organisation)"),
    }

# Terms a report on these exercises uses, spelt out when they occur in it.
# The terms are the acronyms as printed (not translated); their meanings are.
def glossary(lang: str) -> dict[str, str]:
    _ = translator(lang).gettext
    return {
        "AAR": _("After-Action Report"),
        "IP": _("Improvement Plan"),
        "HSEEP": _("Homeland Security Exercise and Evaluation Program (US exercise doctrine)"),
        "STARTEX": _("start of the exercise"),
        "ENDEX": _("end of the exercise"),
        "MSEL": _("Master Scenario Events List"),
        "EEG": _("Exercise Evaluation Guide"),
        "POC": _("point of contact"),
        "TTX": _("tabletop exercise"),
        "SimCell": _("simulation cell (plays the organisations not present)"),
        "IAEA": _("International Atomic Energy Agency"),
        "ITDB": _("IAEA Incident and Trafficking Database"),
        "ICSANT": _("International Convention for the Suppression of Acts of Nuclear Terrorism"),
        "CPPNM": _("Convention on the Physical Protection of Nuclear Material"),
        "NSS": _("IAEA Nuclear Security Series"),
        "WHO": _("World Health Organization"),
        "IHR": _("International Health Regulations (2005)"),
        "EPR": _("IAEA Emergency Preparedness and Response series"),
        "RDD": _("radiological dispersal device"),
        "RPM": _("radiation portal monitor"),
        "mSv": _("millisievert (unit of dose)"),
        "NCB": _("Interpol National Central Bureau"),
        "EC3": _("Europol's European Cybercrime Centre"),
        "ICSE": _("Interpol International Child Sexual Exploitation database"),
        "INHOPE": _("International Association of Internet Hotlines"),
        "EU": _("European Union"),
        "INTL": _("international (no single State)"),
    }


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")



def areas(ev: Evaluation) -> list[tuple[str, str, str]]:
    """(id, text, doctrine reference) of every area for improvement, numbered
    per objective as HSEEP numbers them ("OBJ1.2": the second of OBJ1)."""
    return [(f"{o.id}.{n}", area, o.references[n - 1] if n <= len(o.references) else "")
            for o in ev.objectives for n, area in enumerate(o.improvements, start=1)]


def scenario_defaults(scenario: Scenario) -> dict[str, str]:
    """The overview fields the scenario file itself fills in."""
    x = scenario.exercise
    return {"sponsor": x.sponsor or "", "points_of_contact": x.point_of_contact or ""}


def _field(key: str, notes: Annotations, defaults: dict[str, str], t: dict) -> str:
    if key in notes.overview:
        return f"{notes.overview[key] or t['not_recorded']} †"
    return defaults.get(key) or t["not_recorded"]


def cover(scenario: Scenario, ev: Evaluation, notes: Annotations, marking: str, s: dict) -> list[Block]:
    t, defaults = text(ev.lang), scenario_defaults(scenario)
    rows = [[s["name"], ev.title], [t["dates"], _field("dates", notes, defaults, t)],
            [t["marking"], marking or t["not_marked"]], [t["sponsor"], _field("sponsor", notes, defaults, t)],
            [t["report"], s["aar"]]]
    return [Heading(1, f"{s['aar']}: {ev.title}"), Table(["", ""], rows, cls="kv"),
            Para(s["draft"], cls="draft"), PageBreak()]


def overview(scenario: Scenario, ev: Evaluation, notes: Annotations, s: dict) -> list[Block]:
    x, lang, t = scenario.exercise, ev.lang, text(ev.lang)
    defaults = scenario_defaults(scenario)
    free = {key: _field(key, notes, defaults, t) for key in OVERVIEW_ENTRIES}
    caps = sorted({tr(o.capability, lang) for o in scenario.objectives if o.capability})
    run = f"{s['seed']} {ev.seed}, {s['bots']}: {ev.bots or '—'}; {ev.events} {s['events']}"
    if ev.ended:
        run += f"; {s['ended']} {format_clock(ev.end_t or 0)}"
    rows = [[s["name"], tr(x.title, lang)], [t["dates"], free["dates"]], [t["venue"], free["venue"]],
            [s["type"], x.type],
            [t["scenario_time"], t["from_to"].format(start=moment(x.startex, lang),
                                                     duration=duration(x.duration, lang))],
            [t["scope"], free["scope"]], [t["mission_areas"], free["mission_areas"]],
            [s["capabilities"], "; ".join(caps) or t["not_recorded"]],
            [s["objectives"], "; ".join(f"{o.id} {tr(o.title, lang)}" for o in scenario.objectives)],
            [t["threat_hazard"], free["threat_hazard"]], [s["scenario"], tr(x.summary, lang) or t["not_recorded"]],
            [t["sponsor"], free["sponsor"]],
            [s["organisations"], "; ".join(p.name for p in ev.participants) or t["not_recorded"]],
            [t["points_of_contact"], free["points_of_contact"]], [s["run"], run]]
    out: list[Block] = [Heading(2, s["overview"]), Table(["", ""], rows, cls="kv")]
    if notes.overview:
        out.append(Para(t["entered_by"].format(who=", ".join(notes.authors)), cls="note"))
    if any(t["not_recorded"] in row[1] for row in rows):
        out.append(Para(t["how_to_fill"], cls="note"))
    if not ev.ended:
        out.append(Para(s["not_ended"], cls="warning"))
    return out


def improvement_blocks(objective_id: str, ev: Evaluation, notes: Annotations, s: dict) -> list[Block]:
    """One objective's areas for improvement, each with its reference and root cause."""
    t = text(ev.lang)
    mine = [a for a in areas(ev) if a[0].rpartition(".")[0] == objective_id]
    if not mine:
        return [Bullets([s["none"]])]
    out: list[Block] = []
    for key, area, reference in mine:
        out += [Para(f"**{t['area']} {key}.** {area}"),
                Bullets([t["reference"] + (reference or t["no_reference"]),
                         t["root_cause"] + (notes.root_causes.get(key) or t["no_root_cause"])])]
    return out


def conclusion(notes: Annotations, lang: str) -> list[Block]:
    t = text(lang)
    if not notes.conclusion:
        return [Heading(2, t["conclusion"]), Para(t["no_conclusion"], cls="note")]
    return [Heading(2, t["conclusion"]), *(Para(p.strip()) for p in notes.conclusion.split("\n\n") if p.strip())]


def no_feedback(lang: str) -> list[Block]:
    return [Para(text(lang)["no_feedback"], cls="note")]


def _words(blocks: list[Block]) -> set[str]:
    found: set[str] = set()
    for b in blocks:
        parts = [getattr(b, name, "") for name in ("text", "caption")]
        parts += getattr(b, "items", []) + getattr(b, "headers", [])
        parts += [cell for row in getattr(b, "rows", []) for cell in row]
        for part in parts:
            found.update(_WORD.findall(str(part)))
    return found


def acronyms(scenario: Scenario, blocks: list[Block], lang: str) -> list[Block]:
    """Appendix D: every agency's short name (its id, as the report names it),
    every jurisdiction id, and each glossary term the report uses."""
    t = text(lang)
    used = _words(blocks)
    places = {j.id: tr(j.name, lang) for j in scenario.jurisdictions}
    rows = {a.id: f"{tr(a.name, lang)}: "
                  + t["agency_of"].format(jurisdiction=places.get(a.jurisdiction, a.jurisdiction))
            for a in scenario.agencies}
    for j in scenario.jurisdictions:
        rows.setdefault(j.id, f"{places[j.id]}: {t['jurisdiction']}" if places[j.id] != j.id else t["jurisdiction"])
    for term, meaning in glossary(lang).items():
        if term in used:
            rows.setdefault(term, meaning)
    return [Heading(2, t["acronyms"]),
            Table([t["short"], t["meaning"]], [[k, rows[k]] for k in sorted(rows, key=str.casefold)])]
