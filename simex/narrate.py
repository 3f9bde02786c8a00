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
from simex.durations import format_clock
from simex.knobs import sentence as knob_sentence
from simex.languages import translator
from simex.localized import duration
from simex.words import said
from simex.scenario.sentences import DEFAULTS, WITHOUT_KEY, placeholders
from simex.scenario.text import tr

# Bookkeeping events a timeline reader does not need line by line.
QUIET = frozenset({"expectation_opened", "expectation_met", "inject_acknowledged"})

def _fact_labels(lang: str) -> dict[str, str]:
    """Names of facts a scenario records, as a reader of `lang` says them.
    A fact this table does not know is shown by its name in words."""
    t = translator(lang)
    return {
        "dose rate": t.pgettext("fact", "dose rate"), "officer's dose": t.pgettext("fact", "officer's dose"),
        "RIID class": t.pgettext("fact", "RIID class"), "gamma": t.pgettext("fact", "gamma"),
        "neutron": t.pgettext("fact", "neutron"), "manifest": t.pgettext("fact", "manifest"),
        "waited": t.pgettext("fact", "waited"), "nuclide": t.pgettext("fact", "nuclide"),
        "activity": t.pgettext("fact", "activity"), "category": t.pgettext("fact", "category"),
        "licence": t.pgettext("fact", "licence"), "recommended": t.pgettext("fact", "recommended"),
        "cause": t.pgettext("fact", "cause"), "vehicle": t.pgettext("fact", "vehicle"),
        "outcome": t.pgettext("fact", "outcome"), "radius": t.pgettext("fact", "radius"),
        "above 100 µSv/h": t.pgettext("fact", "above 100 µSv/h"),
        "100 µSv/h contour": t.pgettext("fact", "100 µSv/h contour"),
        "alarm probability": t.pgettext("fact", "alarm probability"),
        "category note": t.pgettext("fact", "category note"), "turn-back dose": t.pgettext("fact", "turn-back dose"),
        "exceeds": t.pgettext("fact", "exceeds"),
    }


def _media(lang: str) -> dict[str, str]:
    """How a message or an inject travels, after the verb ("by radio")."""
    _ = translator(lang).gettext
    return {"phone": _("by phone"), "secure_email": _("by secure email"), "email": _("by email"),
            "liaison": _("through liaison"), "radio": _("by radio"), "in_person": _("in person"),
            "fax": _("by fax"), "video": _("by video call"), "secure_portal": _("through the secure portal"),
            "diplomatic": _("through diplomatic channels"), "handout": _("by handout"), "tv": _("on television"),
            "social_media": _("on social media"), "walk_in": _("by a walk-in visit")}


_CHOICE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")
# Units carried by a fact's name (dose_rate_uSv_h): the name loses the suffix, the value gains the unit.
_UNITS = (("_uSv_h", "µSv/h"), ("_uSv", "µSv"), ("_mSv", "mSv"), ("_tbq", "TBq"), ("_sigma", "σ"), ("_m", "m"))
_NUMERIC_SUFFIXES = tuple(x for x, _ in _UNITS) + ("_s",)   # a value whose name ends so is a number
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
        self.t = translator(lang)
        self.labels = _fact_labels(lang)
        self.media = _media(lang)
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

    # --- values -----------------------------------------------------------------------

    def value(self, name: str, value: object) -> str:
        """A recorded value as a person reads it: units from the name, durations in words."""
        if isinstance(value, bool):
            return self.t.gettext("yes") if value else self.t.gettext("no")
        if isinstance(value, str) and name.endswith(_NUMERIC_SUFFIXES):
            try:                  # a value kept as text ("0.037" in who-knew-what) keeps its unit
                value = float(value)
            except ValueError:
                return value
        if isinstance(value, str) and _CHOICE.match(value):
            return value.replace("_", " ")     # a choice written as an id: "initial_advice"
        if isinstance(value, (int, float)):
            if name.endswith("_s"):
                return duration(value, self.lang)
            unit = next((u for suffix, u in _UNITS if name.endswith(suffix)), "")
            return f"{value:g} {unit}" if unit else f"{value:g}"
        return str(value)

    def label(self, name: str) -> str:
        if name in _LABELS:
            return self.labels.get(_LABELS[name], _LABELS[name])
        for suffix, _ in _UNITS + (("_s", ""),):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        words = name.replace("_", " ")
        return self.labels.get(words, words)

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
                if "key" not in values and " for {key}" in default:   # a service event about no item
                    default = WITHOUT_KEY[event.name]
                template = self.t.gettext(default)
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
        _ = self.t.gettext
        match event:
            case ev.ExerciseStarted():
                if event.seed is None:    # not told (a player)
                    return _("STARTEX ({scenario}, bots: {bots})").format(scenario=event.scenario, bots=event.bots)
                return _("STARTEX ({scenario}, seed {seed}, bots: {bots})").format(
                    scenario=event.scenario, seed=event.seed, bots=event.bots)
            case ev.ExerciseEnded():
                return "ENDEX" if event.reason == "ENDEX" else f"ENDEX: {event.reason}"
            case ev.InjectDelivered():
                how = _("by hand") if event.manual else self.medium(event.via)
                synopsis = event.translations.get(self.lang, {}).get("synopsis") or event.synopsis
                # Translators: {how} is e.g. "by phone", "by hand"; {synopsis} the inject's own text
                return _("inject {inject} reached {to} {how}: {synopsis}").format(
                    inject=event.inject, to=self.names(self.a(x) for x in event.to), how=how, synopsis=synopsis)
            case ev.InjectSkipped():
                return _("inject {inject} skipped").format(inject=event.inject)
            case ev.InjectRescheduled():
                return _("inject {inject} moved to {at}").format(inject=event.inject, at=format_clock(event.at))
            case ev.InjectAcknowledged():
                return _("{agency} acknowledged inject {inject}").format(agency=self.a(event.agency), inject=event.inject)
            case ev.MessageSent():
                how = self.medium(self.channels.get(event.channel, ""), event.channel)
                return _("{sender} messaged {recipient} {how}: {subject}").format(
                    sender=self.a(event.sender), recipient=self.a(event.recipient), how=how, subject=event.subject)
            case ev.MessageDelivered():
                return _("{recipient} received message {message} from {sender}: {subject}").format(
                    recipient=self.a(event.recipient), message=event.message, sender=self.a(event.sender),
                    subject=event.subject)
            case ev.ActionTaken():
                # Translators: after an action a bot (not a person) took
                bot = " " + _("(simulated)") if event.actor == "bot" and self.mark_simulated else ""
                return self.action(event) + bot
            case ev.DecisionRecorded():
                if event.rationale:
                    return _("{agency} decided: {decision} because {rationale}").format(
                        agency=self.a(event.agency), decision=event.decision, rationale=event.rationale)
                return _("{agency} decided: {decision}").format(agency=self.a(event.agency), decision=event.decision)
            case ev.EvidenceTransferred():
                return _("{sender} handed evidence {item} to {recipient}, {custody}").format(
                    sender=self.a(event.sender), item=event.item, recipient=self.a(event.recipient),
                    custody=self.custody(event))
            case ev.ObservationRecorded():
                about = f" [{event.objective}]" if event.objective else ""
                return _("observation by {evaluator}{about}: {text}").format(
                    evaluator=event.evaluator, about=about, text=event.text)
            case ev.RatingRecorded():
                override = (" (" + _("suggested {rating}").format(rating=event.suggested) + ")"
                            if event.suggested and event.suggested != event.rating else "")
                why = f": {event.reason}" if event.reason else ""
                return _("{evaluator} rated {target} {rating}").format(
                    evaluator=event.evaluator, target=event.target, rating=event.rating) + override + why
            case ev.AnnotationRecorded():
                about = f" {event.target}" if event.target else ""
                # Translators: {entry} is the report field written (conclusion, root cause...), in English ids
                return _("{author} wrote in the report, {entry}{about}: {text}").format(
                    author=event.author, entry=event.entry, about=about, text=event.text or _("(cleared)"))
            case ev.WorldEvent() if event.name == "fault":  # simex/engine/world/base.py: the process stopped
                # FAULT stays in English capitals: it names a defect for a bug report
                if event.facts.get("during"):
                    return _("{process} FAULT in {during}: {error} ({process} stopped; the exercise goes on)").format(
                        process=event.process, during=event.facts["during"], error=event.facts.get("error", ""))
                return _("{process} FAULT: {error} ({process} stopped; the exercise goes on)").format(
                    process=event.process, error=event.facts.get("error", ""))
            case ev.WorldEvent():
                text = self.world(event)
                if controller and event.truth.get("cause"):
                    nuclide = f", {event.truth['nuclide']}" if event.truth.get("nuclide") else ""
                    # Translators: what really caused an alarm, shown only to controllers
                    text += "  [" + _("ground truth: {cause}").format(cause=event.truth["cause"]) + nuclide + "]"
                return text
            case ev.KnobSet():
                process = self.processes.get(event.target)
                name = tr(process.title, self.lang) if process is not None and process.title else event.target
                return knob_sentence(event.knob, name, event.value, self.lang)
            case ev.ExpectationOpened():
                return _("expectation {instance} opened for {who}, due {due}").format(
                    instance=event.instance, who=self.a(event.who), due=format_clock(event.due))
            case ev.ExpectationMet():
                if event.late:
                    return _("expectation {instance} met LATE").format(instance=event.instance)
                return _("expectation {instance} met").format(instance=event.instance)
            case ev.ExpectationOverdue():
                return _("expectation {instance} OVERDUE ({who})").format(instance=event.instance, who=self.a(event.who))
            case ev.Unreadable():
                return _("journal row {row} could not be read: {reason}").format(
                    row=event.row, reason=said(event.reason, self.t))
        return event.kind

    def custody(self, event: ev.EvidenceTransferred) -> str:
        _ = self.t.gettext
        flags = {(True, True): _("sealed and signed"), (True, False): _("sealed, NOT signed"),
                 (False, True): _("signed, NOT sealed"), (False, False): _("NOT sealed, NOT signed")}
        return flags[bool(event.sealed), bool(event.signed)]

    def medium(self, medium: str, fallback: str = "") -> str:
        if medium in self.media:
            return self.media[medium]
        # Translators: a channel named by its id in the scenario, e.g. "via hotline"
        return self.t.gettext("via {channel}").format(channel=fallback or medium) if (fallback or medium) else ""

    def names(self, ids) -> str:
        ids = list(ids)
        if len(ids) == 1:
            return ids[0]
        return self.t.gettext("{names} and {last}").format(names=", ".join(ids[:-1]), last=ids[-1])

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
