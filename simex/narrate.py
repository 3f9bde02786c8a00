"""What happened, in sentences a person would write, for timelines in the
terminal, the consoles and reports: "Customs released vehicle RPM-00039",
"portal alarm on lane 3 (RPM-00018)".

Actions and world events read from the scenario's sentence templates
(simex/scenario/sentences.py), or from titles and built-in defaults. Values
carry their units ("0.13 µSv/h", "4 h"). Ids and recorded values stay as
recorded; only the connecting words are translated (and inject synopses,
which carry their own translations).

Ground truth is shown only to controllers, and marked as such: a view that
may be projected to the room passes `controller=False`.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from simex import events as ev
from simex.durations import format_clock, format_duration
from simex.knobs import sentence as knob_sentence
from simex.scenario.sentences import DEFAULTS, placeholders
from simex.scenario.text import tr

# Bookkeeping events a timeline reader does not need line by line.
QUIET = frozenset({"expectation_opened", "expectation_met", "inject_acknowledged"})

_WORDS = {
    "fr": {
        "seed": "graine", "agencies played by": "organismes joués par", "bots": "simulés", "inject": "injection",
        "reached": "transmise à", "by hand": "à la main", "skipped": "annulée", "moved to": "déplacée à",
        "acknowledged inject": "a accusé réception de l'injection", "messaged": "a écrit à",
        "received message": "a reçu le message", "from": "de", "(simulated)": "(simulé)", "decided": "a décidé",
        "because": "parce que", "handed evidence": "a remis le scellé", "to": "à",
        "sealed and signed": "scellé et signé", "sealed, NOT signed": "scellé, NON signé",
        "signed, NOT sealed": "signé, NON scellé", "NOT sealed, NOT signed": "NON scellé, NON signé",
        "observation by": "observation de", "rated": "a évalué", "suggested": "suggéré",
        "ground truth": "réalité du terrain", "expectation": "attente", "opened for": "ouverte pour",
        "due": "échéance", "met": "satisfaite", "LATE": "EN RETARD", "OVERDUE": "DÉPASSÉE",
        "journal row": "ligne du journal", "could not be read": "illisible", "in": "dans",
        "stopped; the exercise goes on": "arrêté ; l'exercice continue", "yes": "oui", "no": "non",
        "and": "et", "wrote in the report": "a écrit dans le rapport", "(cleared)": "(effacé)",
        # fact labels
        "dose rate": "débit de dose", "officer's dose": "dose de l'agent", "RIID class": "classe RIID",
        "gamma": "gamma", "neutron": "neutrons", "manifest": "manifeste", "waited": "attente",
        "nuclide": "nucléide", "activity": "activité", "category": "catégorie", "licence": "licence",
        "recommended": "recommandé", "cause": "cause", "vehicle": "véhicule", "outcome": "résultat",
        "radius": "rayon",
    },
}
# How a message or an inject travels, after the verb ("by radio").
_MEDIUM = {
    "en": {"phone": "by phone", "secure_email": "by secure email", "email": "by email", "liaison": "through liaison",
           "radio": "by radio", "in_person": "in person", "fax": "by fax", "video": "by video call",
           "secure_portal": "through the secure portal", "diplomatic": "through diplomatic channels",
           "handout": "by handout", "tv": "on television", "social_media": "on social media",
           "walk_in": "by a walk-in visit"},
    "fr": {"phone": "par téléphone", "secure_email": "par messagerie sécurisée", "email": "par courriel",
           "liaison": "par l'officier de liaison", "radio": "par radio", "in_person": "en personne",
           "fax": "par télécopie", "video": "par visioconférence", "secure_portal": "par le portail sécurisé",
           "diplomatic": "par la voie diplomatique", "handout": "par document remis",
           "tv": "à la télévision", "social_media": "sur les réseaux sociaux", "walk_in": "par une visite"},
}
_CHOICE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")
# Units carried by a fact's name (dose_rate_uSv_h): the name loses the suffix, the value gains the unit.
_UNITS = (("_uSv_h", "µSv/h"), ("_uSv", "µSv"), ("_mSv", "mSv"), ("_tbq", "TBq"), ("_sigma", "σ"), ("_m", "m"))
_LABELS = {"gamma_sigma": "gamma", "riid_class": "RIID class", "officer_dose_uSv": "officer's dose",
           "above_100uSv_h": "above 100 µSv/h", "contour_100uSv_m": "100 µSv/h contour",
           "waited_s": "waited", "p_alarm": "alarm probability", "category_note": "category note",
           "turn_back_mSv": "turn-back dose", "oil": "exceeds"}
# Facts that add nothing in words to a default sentence (the reading says it, the
# contour line names the site); a template can still name them.
_UNSAID = frozenset({"site", "above_100uSv_h", "neutron", "conveyance"})


class _Action(NamedTuple):
    title: dict | None
    sentence: dict | None


class _Process(NamedTuple):
    type: str
    title: dict | None
    sentences: dict
    key: str | None


def _text(value) -> dict | None:
    """Text as stored ({lang: text}) from a dump or a view; a plain string is English."""
    return {"en": value} if isinstance(value, str) else value


class Narrator:
    """Sentences for one scenario (or none: then ids and defaults) in one language."""

    def __init__(self, scenario=None, lang: str = "en", *, mark_simulated: bool = True):
        self.lang = lang
        self.mark_simulated = mark_simulated   # `simex run` says once that bots play everyone
        self.words = _WORDS.get(lang, {})
        # Plain dicts, so a console that knows the scenario only from what the
        # server told it (`for_view`) reads the same sentences.
        self.actions: dict[tuple[str, str], _Action] = {}
        self.processes: dict[str, _Process] = {}
        self.channels: dict[str, str] = {}
        self.agencies: dict[str, str] = {}
        if scenario is not None:
            self._learn(scenario.model_dump(mode="json", by_alias=True))

    @classmethod
    def for_view(cls, view: dict, lang: str = "en") -> "Narrator":
        """A narrator from a network role view (simex/net/views.py): a participant
        knows its own agency's actions, an evaluator the whole scenario."""
        narrator = cls(None, lang)
        data = dict(view.get("scenario") or {})
        data.setdefault("agencies", [dict(a) for a in view.get("agencies", [])])
        if view.get("agency"):
            data["agencies"] = [view["agency"] if a["id"] == view["agency"]["id"] else a for a in data["agencies"]]
        data.setdefault("channels", view.get("channels", []))
        narrator._learn(data)
        return narrator

    def _learn(self, data: dict) -> None:
        for a in data.get("agencies", []):
            self.agencies[a["id"]] = _spelled(a["id"], tr(_text(a.get("name"))))
            for x in a.get("actions", []):
                self.actions[a["id"], x["id"]] = _Action(_text(x.get("title")), _text(x.get("sentence")))
        for p in data.get("world", []):
            sentences = {k: _text(v) for k, v in (p.get("sentences") or {}).items()}
            self.processes[p["id"]] = _Process(p["type"], _text(p.get("title")), sentences, p.get("key"))
        for c in data.get("channels", []):
            if "medium" in c:
                self.channels[c["id"]] = c["medium"]

    def a(self, agency: str) -> str:
        """An agency as its name spells it ("customs" -> "Customs", "iaea" -> "IAEA")."""
        return self.agencies.get(agency, agency)

    def w(self, text: str) -> str:
        return self.words.get(text, text)

    # --- values -----------------------------------------------------------------------

    def value(self, name: str, value: object) -> str:
        """A recorded value as a person reads it: units from the name, durations in words."""
        if isinstance(value, bool):
            return self.w("yes" if value else "no")
        if isinstance(value, str) and name.endswith(tuple(x for x, _ in _UNITS) + ("_s",)):
            try:                  # a value kept as text ("0.037" in who-knew-what) keeps its unit
                value = float(value)
            except ValueError:
                return value
        if isinstance(value, str) and _CHOICE.match(value):
            return value.replace("_", " ")     # a choice written as an id: "initial_advice"
        if isinstance(value, (int, float)):
            if name.endswith("_s"):
                return format_duration(value)
            unit = next((u for suffix, u in _UNITS if name.endswith(suffix)), "")
            return f"{value:g} {unit}" if unit else f"{value:g}"
        return str(value)

    def label(self, name: str) -> str:
        if name in _LABELS:
            return self.w(_LABELS[name])
        for suffix, _ in _UNITS + (("_s", ""),):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        return self.w(name.replace("_", " "))

    def fact(self, name: str, value: object) -> str:
        """"activity 0.037 TBq" for activity_tbq=0.037."""
        return f"{self.label(name)} {self.value(name, value)}"

    def _details(self, values: dict, used: set[str]) -> str:
        shown = [self.fact(k, v) for k, v in values.items()
                 if k not in used and k not in _UNSAID and (v != "none" or k == "nuclide")
                 and not (k.endswith("_s") and not v)     # "waited 0 s" says nothing
                 and not (k == "channel" and v == "gamma")]   # the gamma reading says it; a neutron alarm is told
        return ", ".join(shown)

    def _fill(self, template: str, values: dict) -> tuple[str, set[str]]:
        names = set(placeholders(template))
        filled = {n: self.value(n, values[n]) if n in values else "—" for n in names}
        return template.format(**filled), names

    # --- actions and world events ------------------------------------------------------

    def action_title(self, event: ev.ActionTaken) -> str:
        """The action's title ("Release the vehicle"), or its id in words."""
        action = self.actions.get((event.agency, event.action))
        return tr(action.title, self.lang) if action is not None and action.title else event.action.replace("_", " ")

    def action(self, event: ev.ActionTaken, *, details: bool = True) -> str:
        """"customs released vehicle RPM-00039" (from the template) or
        "customs: release the vehicle — vehicle RPM-00039" (from the title)."""
        action = self.actions.get((event.agency, event.action))
        values = {"agency": self.a(event.agency), **event.params}
        template = tr(action.sentence, self.lang) if action is not None and action.sentence else ""
        if template:
            values["title"] = tr(action.title, self.lang)
            text, used = self._fill(template, values)
            extra = self._details(event.params, used) if details else ""
            return text + (f" ({extra})" if extra else "")
        title = self.action_title(event)
        params = ", ".join(self.fact(k, v) for k, v in event.params.items())
        return f"{self.a(event.agency)}: {lower_first(title)}" + (f" — {params}" if params else "")

    def world(self, event: ev.WorldEvent, *, details: bool = True) -> str:
        """"portal alarm on lane 3 (RPM-00018)", plus what else the event reports."""
        process = self.processes.get(event.process)
        kind = process.type if process is not None else ""
        values = {"process": tr(process.title, self.lang) if process is not None and process.title else event.process,
                  "observer": self.a(event.observer), **event.facts}
        key = process.key if kind == "service" else None
        if key and key in event.facts:
            values["key"] = event.facts[key]
        template = tr(process.sentences.get(event.name), self.lang) if process is not None else ""
        if not template:
            default = DEFAULTS.get(kind, {}).get(event.name)
            if default is None:   # a process this scenario does not know: its id, the event, every fact
                template, details = "{process} " + event.name.replace("_", " "), True
            else:
                template = tr(default, self.lang)
            if "key" not in values:
                template = template.replace(" for {key}", "").replace(" pour {key}", "")
        text, used = self._fill(template, values)
        if key:
            used.add(key)
        extra = self._details(event.facts, used) if details else ""
        if extra:
            text += ("; " if ":" in text or "," in text else ": ") + extra
        return text

    # --- any event, one line ---------------------------------------------------------------

    def describe(self, event: ev.Event, *, controller: bool = True) -> str:
        text = self._describe(event, controller)
        if self.lang == "fr":     # French puts a space before a colon
            text = re.sub(r"(?<=\S):(?= )", " :", text)
        if isinstance(event, ev.WorldEvent) and event.name == "fault":
            return text                       # names the process by id, as the bug report will
        return capital(text, self.agencies)

    def _describe(self, event: ev.Event, controller: bool) -> str:
        w = self.w
        match event:
            case ev.ExerciseStarted():
                seed = "" if event.seed is None else f", {w('seed')} {event.seed}"     # None: not told (a player)
                return f"STARTEX ({event.scenario}{seed}, {w('bots')}: {event.bots})"
            case ev.ExerciseEnded():
                return "ENDEX" if event.reason == "ENDEX" else f"ENDEX: {event.reason}"
            case ev.InjectDelivered():
                how = w("by hand") if event.manual else self.medium(event.via)
                synopsis = event.translations.get(self.lang, {}).get("synopsis") or event.synopsis
                return f"{w('inject')} {event.inject} {w('reached')} {self.names(self.a(x) for x in event.to)} {how}: {synopsis}"
            case ev.InjectSkipped():
                return f"{w('inject')} {event.inject} {w('skipped')}"
            case ev.InjectRescheduled():
                return f"{w('inject')} {event.inject} {w('moved to')} {format_clock(event.at)}"
            case ev.InjectAcknowledged():
                return f"{self.a(event.agency)} {w('acknowledged inject')} {event.inject}"
            case ev.MessageSent():
                how = self.medium(self.channels.get(event.channel, ""), event.channel)
                return f"{self.a(event.sender)} {w('messaged')} {self.a(event.recipient)} {how}: {event.subject}"
            case ev.MessageDelivered():
                return (f"{self.a(event.recipient)} {w('received message')} {event.message} {w('from')} {self.a(event.sender)}: "
                        f"{event.subject}")
            case ev.ActionTaken():
                bot = f" {w('(simulated)')}" if event.actor == "bot" and self.mark_simulated else ""
                return self.action(event) + bot
            case ev.DecisionRecorded():
                why = f" {w('because')} {event.rationale}" if event.rationale else ""
                return f"{self.a(event.agency)} {w('decided')}: {event.decision}{why}"
            case ev.EvidenceTransferred():
                return (f"{self.a(event.sender)} {w('handed evidence')} {event.item} {w('to')} {self.a(event.recipient)}, "
                        f"{self.custody(event)}")
            case ev.ObservationRecorded():
                about = f" [{event.objective}]" if event.objective else ""
                return f"{w('observation by')} {event.evaluator}{about}: {event.text}"
            case ev.RatingRecorded():
                override = f" ({w('suggested')} {event.suggested})" if event.suggested and event.suggested != event.rating else ""
                why = f": {event.reason}" if event.reason else ""
                return f"{event.evaluator} {w('rated')} {event.target} {event.rating}{override}{why}"
            case ev.AnnotationRecorded():
                about = f" {event.target}" if event.target else ""
                return f"{event.author} {w('wrote in the report')}, {event.entry}{about}: {event.text or w('(cleared)')}"
            case ev.WorldEvent() if event.name == "fault":  # simex/engine/world/base.py: the process stopped
                during = f" {w('in')} {event.facts['during']}" if event.facts.get("during") else ""
                return (f"{event.process} FAULT{during}: {event.facts.get('error', '')} "
                        f"({event.process} {w('stopped; the exercise goes on')})")
            case ev.WorldEvent():
                text = self.world(event)
                if controller and event.truth.get("cause"):
                    nuclide = f", {event.truth['nuclide']}" if event.truth.get("nuclide") else ""
                    text += f"  [{w('ground truth')}: {event.truth['cause']}{nuclide}]"
                return text
            case ev.KnobSet():
                process = self.processes.get(event.target)
                name = tr(process.title, self.lang) if process is not None and process.title else event.target
                return knob_sentence(event.knob, name, event.value, self.lang)
            case ev.ExpectationOpened():
                return (f"{w('expectation')} {event.instance} {w('opened for')} {self.a(event.who)}, "
                        f"{w('due')} {format_clock(event.due)}")
            case ev.ExpectationMet():
                return f"{w('expectation')} {event.instance} {w('met')}" + (f" {w('LATE')}" if event.late else "")
            case ev.ExpectationOverdue():
                return f"{w('expectation')} {event.instance} {w('OVERDUE')} ({self.a(event.who)})"
            case ev.Unreadable():
                return f"{w('journal row')} {event.row} {w('could not be read')}: {event.reason}"
        return event.kind

    def custody(self, event: ev.EvidenceTransferred) -> str:
        flags = {(True, True): "sealed and signed", (True, False): "sealed, NOT signed",
                 (False, True): "signed, NOT sealed", (False, False): "NOT sealed, NOT signed"}
        return self.w(flags[bool(event.sealed), bool(event.signed)])

    def medium(self, medium: str, fallback: str = "") -> str:
        words = _MEDIUM.get(self.lang, _MEDIUM["en"])
        if medium in words:
            return words[medium]
        return f"via {fallback or medium}" if (fallback or medium) else ""

    def names(self, ids) -> str:
        ids = list(ids)
        return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + f" {self.w('and')} {ids[-1]}"

    def timeline_line(self, event: ev.Event, *, controller: bool = True) -> str:
        return f"{format_clock(event.t)}  {self.describe(event, controller=controller)}"


def clip(text: str, width: int) -> str:
    """Text cut to `width` characters for a column; a cut always shows, as an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def _spelled(agency_id: str, name: str) -> str:
    """The id as the agency's English name writes it, if the name has it as a word ("Customs", "IAEA")."""
    found = re.search(rf"\b{re.escape(agency_id)}\b", name, re.IGNORECASE)
    if found:
        return found.group(0)
    # "eoc", "nfl", "cps": a short id is an acronym far more often than a word.
    return agency_id.upper() if agency_id.isalpha() and len(agency_id) <= 3 else agency_id


def lower_first(text: str) -> str:
    """"Release the vehicle" -> "release the vehicle"; "IHR: ..." stays."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


def capital(text: str, agencies=()) -> str:
    """A line starts with a capital: "portal alarm" -> "Portal alarm"; an id
    such as "est-nrsa" stays as the scenario spells it."""
    first = text.split(" ", 1)[0].rstrip(":,;")
    # "eoc", "nfl": short agency ids are acronyms more often than words; "Eoc" helps nobody.
    acronym = first in agencies and len(first) <= 3
    return text[0].upper() + text[1:] if first.isalpha() and first.islower() and not acronym else text


def describe(event: ev.Event, *, controller: bool = True, lang: str = "en", scenario=None) -> str:
    return Narrator(scenario, lang).describe(event, controller=controller)


def timeline_line(event: ev.Event, *, controller: bool = True, lang: str = "en", scenario=None) -> str:
    return Narrator(scenario, lang).timeline_line(event, controller=controller)
