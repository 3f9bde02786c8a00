"""Whole-file checks on a scenario that already fits the model.

The model validates one object at a time; these checks see the whole file:
every id used is defined, every expected action is one somebody can perform,
every notification has a channel to travel on, every time falls before
ENDEX. Each problem names its place as a dotted path (`injects[3].to[0]`);
the loader turns paths into lines. Unknown ids come with "did you mean".
Trigger checks and cycles live in `checks_triggers.py`, language coverage in
`checks_text.py`, to keep each module one idea.
"""
from __future__ import annotations

from simex.durations import format_duration
from simex.scenario.checks_physics import check_physics
from simex.scenario.checks_keys import check_keys
from simex.scenario.checks_text import check_languages
from simex.scenario.checks_triggers import check_cycles, check_triggers, walk_models
from simex.scenario.checks_world import check_changes, check_portal, check_service
from simex.scenario.model import KNOWN_AGENCY_KINDS, SENDERS, OfficeHours, Scenario
from simex.scenario.problems import Problem, format_path, some_of, suggest
from simex.words import NONE, NOUN, N_, NP_, Say, either
from simex.scenario.sentences import check_sentences

# Ground truth the world attaches to a vehicle or a site (engine/world/portal.py,
# dose_field.py): the fields a service may reveal. The engine adds fields as it
# grows, so an unknown name is a warning, not an error.
TRUTH_FIELDS = ("cause", "nuclide", "cargo", "dose_rate_uSv_h", "activity_tbq", "category",
                "category_note", "shielding_hvl", "licence", "norm_masking", "p_alarm", "contour_100uSv_m",
                "background_uSv_h", "present")


def truth_fields(scenario: Scenario) -> tuple[str, ...]:
    """The engine's truth fields and those the file's own `truth:` maps add."""
    extra = {key for p in scenario.world for item in (*getattr(p, "threats", ()), *getattr(p, "shipments", ()), p)
             for key in getattr(item, "truth", {})}
    return TRUTH_FIELDS + tuple(sorted(extra - set(TRUTH_FIELDS)))


# Keys that name an agency in world processes, at any depth (a dose field's teams).
AGENCY_KEYS = ("operator", "performed_by", "owner", "agency")


# "Did you mean" compares a word with every candidate (difflib): one unknown id
# among thousands, times thousands of unknown ids, made validation quadratic.
# The checks share this many comparisons per file; past it, problems are
# still all reported, only without the hint. A hand-written file never gets
# near it (a hundred unknown ids among a hundred known ones is 10,000).
HINT_BUDGET = 20_000


class Findings:
    """Problems collected by the checks, plus the id lookups they share.

    Every lookup is a dict built once here: a check that searched a list per
    item made a file of thousands of items take seconds to validate."""

    def __init__(self, scenario: Scenario):
        self.s = scenario
        self.problems: list[Problem] = []
        self.agencies = {a.id: a for a in scenario.agencies}
        self.actions = {a.id: _first_by_id(a.actions) for a in scenario.agencies}
        self.owners: dict[str, list[str]] = {}       # action id -> agencies that have it
        for agency, actions in self.actions.items():
            for action in actions:
                self.owners.setdefault(action, []).append(agency)
        self.processes = {p.id: p for p in scenario.world}
        self.injects = {i.id: i for i in scenario.injects}
        self.expectations = {e.id: e for e in scenario.doctrine}
        self.objectives = {o.id: o for o in scenario.objectives}
        self.zones = {j.id: j for j in scenario.jurisdictions}
        self.evidence = {item.id: item for item in scenario.evidence}
        self.task_owner: dict[str, str] = {}
        for o in scenario.objectives:
            for t in o.critical_tasks:
                self.task_owner.setdefault(t.id, o.id)
        self.routes: dict[tuple[str, str], list] = {}     # (sender, recipient) -> channels
        for c in scenario.channels:
            a, b = c.between
            self.routes.setdefault((a, b), []).append(c)
            if not c.one_way and a != b:
                self.routes.setdefault((b, a), []).append(c)
        self._hints_left = HINT_BUDGET

    def hint(self, word: object, options) -> Say | str:
        """`suggest` (did you mean), within the file's budget of comparisons."""
        if not isinstance(options, (list, tuple, dict)):
            options = list(options)
        if len(options) > self._hints_left:
            self._hints_left = 0
            return ""
        self._hints_left -= len(options)
        return suggest(word, options)

    def error(self, path: tuple, message: Say) -> None:
        self.problems.append(Problem("", 0, 0, format_path(path), message, "error"))

    def warn(self, path: tuple, message: Say) -> None:
        self.problems.append(Problem("", 0, 0, format_path(path), message, "warning"))

    def known(self, kind: str, value: str, ids, path: tuple) -> bool:
        """True if `value` is one of `ids`; otherwise report it as unknown."""
        if value in ids:
            return True
        hint = self.hint(value, ids)
        if not hint:
            # Translators: {kind} is a noun such as "agency" (context "kind of id in a scenario")
            hint = Say(N_("; known {kind} ids: {ids}"), kind=NOUN[kind], ids=some_of(ids)) if ids else \
                Say(N_("; the file defines no {kind}"), kind=NOUN[kind])
        # Translators: {kind} is a noun such as "agency"; {value} the author's id; {hint} "; did you mean ..." or ""
        self.error(path, Say(N_("unknown {kind} '{value}'{hint}"), kind=NOUN[kind], value=value, hint=hint))
        return False

    def agency(self, value: str, path: tuple) -> bool:
        return self.known("agency", value, self.agencies, path)

    def has_action(self, agency: str, action: str, path: tuple) -> bool:
        actions = self.actions.get(agency, {})
        if action in actions:
            return True
        if actions:
            self.error(path, Say(N_("agency '{agency}' has no action '{action}'; its actions are: {actions}{hint}"),
                                 agency=agency, action=action, actions=some_of(actions),
                                 hint=self.hint(action, actions)))
        else:
            self.error(path, Say(N_("agency '{agency}' has no actions, so nobody there can '{action}'; "
                                    "add it under the agency's 'actions:'"), agency=agency, action=action))
        return False

    def connected(self, sender: str, recipient: str, media: list[str]) -> list:
        return [c for c in self.routes.get((sender, recipient), ()) if not media or c.medium in media]


def _first_by_id(items) -> dict:
    """Items by id in file order; a duplicate id (reported) keeps the first, as the engine does."""
    out: dict = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


def check_scenario(scenario: Scenario) -> list[Problem]:
    """Every cross-reference and whole-file problem; paths are set, lines are not."""
    f = Findings(scenario)
    for check in (_duplicates, _agencies_and_channels, _injects, _doctrine, _world, check_changes, _kinds, _evidence,
                  check_physics, check_triggers, check_keys, check_cycles, check_languages, check_sentences):
        check(f)
    return f.problems


def _duplicates(f: Findings) -> None:
    s = f.s
    collections = {"objective": ("objectives", s.objectives), "jurisdiction": ("jurisdictions", s.jurisdictions),
                   "agency": ("agencies", s.agencies), "channel": ("channels", s.channels),
                   "world process": ("world", s.world), "inject": ("injects", s.injects),
                   "expectation": ("doctrine", s.doctrine), "evidence item": ("evidence", s.evidence)}
    for kind, (section, items) in collections.items():
        _unique(f, kind, [((section, i, "id"), item.id) for i, item in enumerate(items)])
    # Critical tasks are cited by id alone (`critical_task: CT2`): unique file-wide.
    _unique(f, "critical task", [(("objectives", i, "critical_tasks", j, "id"), t.id)
                                 for i, o in enumerate(s.objectives) for j, t in enumerate(o.critical_tasks)])
    for i, agency in enumerate(s.agencies):
        _unique(f, "action", [(("agencies", i, "actions", j, "id"), a.id) for j, a in enumerate(agency.actions)])


def _unique(f: Findings, kind: str, entries: list[tuple[tuple, str]]) -> None:
    first: dict[str, tuple] = {}
    for path, value in entries:
        if value in first:
            # Translators: {kind} is a noun such as "agency"; {where} a path in the file, e.g. agencies[0]
            f.error(path, Say(N_("duplicate {kind} id '{value}' (already used at {where})"), kind=NOUN[kind],
                              value=value, where=format_path(first[value][:-1])))
        else:
            first[value] = path


def _agencies_and_channels(f: Findings) -> None:
    s = f.s
    for i, agency in enumerate(s.agencies):
        f.known("jurisdiction", agency.jurisdiction, f.zones, ("agencies", i, "jurisdiction"))
    touched = set()
    for i, c in enumerate(s.channels):
        for j, end in enumerate(c.between):
            f.agency(end, ("channels", i, "between", j))
            touched.add(end)
        if c.between[0] == c.between[1]:
            f.error(("channels", i, "between"), Say(N_("a channel connects two different agencies, "
                                                       "not '{agency}' with itself"), agency=c.between[0]))
        if isinstance(c.availability, OfficeHours) and not c.availability.days:
            f.warn(("channels", i, "availability", "days"), Say(N_("no open days listed: messages will be "
                                                                   "delivered as if the desk were always open")))
    if len(s.agencies) > 1:
        for i, agency in enumerate(s.agencies):
            if agency.id not in touched:
                f.warn(("agencies", i, "id"), Say(N_("agency '{agency}' has no channel: nobody can message it"),
                                                  agency=agency.id))


# The time a `_ends` message names: the YAML key it is written under.
WHEN = {
    # Translators: {time} is a scenario time such as 9h45m, written under the key 'at'
    "at": N_("at {time} is {when} ENDEX (exercise lasts {duration}), so it never happens"),
    "found at": N_("found at {time} is {when} ENDEX (exercise lasts {duration}), so it never happens"),
    "the threat at": N_("the threat at {time} is {when} ENDEX (exercise lasts {duration}), so it never happens"),
    "the shipment at": N_("the shipment at {time} is {when} ENDEX (exercise lasts {duration}), "
                          "so it never happens"),
}


def _ends(f: Findings, at: float, path: tuple, what: str = "at") -> None:
    """Times at or after ENDEX never happen (ENDEX wins ties)."""
    duration = f.s.exercise.duration
    if at >= duration:
        # Translators: completes "at 9h45m is ... ENDEX"
        when = Say(NP_("time against ENDEX", "after")) if at > duration else \
            Say(NP_("time against ENDEX", "at the moment of"))
        f.error(path, Say(WHEN[what], time=format_duration(at), when=when, duration=format_duration(duration)))


def _injects(f: Findings) -> None:
    senders: list[str] = []   # built on the first unknown sender
    for i, inject in enumerate(f.s.injects):
        for j, to in enumerate(inject.to):
            f.agency(to, ("injects", i, "to", j))
        if inject.from_ not in f.agencies and inject.from_ not in SENDERS:
            senders = senders or list(f.agencies) + list(SENDERS)
            f.error(("injects", i, "from"), Say(N_("unknown sender '{sender}': use an agency id or one of: "
                                                   "{senders}{hint}"), sender=inject.from_, senders=list(SENDERS),
                                                hint=f.hint(inject.from_, senders)))
        for j, objective in enumerate(inject.objectives):
            f.known("objective", objective, f.objectives, ("injects", i, "objectives", j))
        if inject.at is not None:
            _ends(f, inject.at, ("injects", i, "at"))


def _doctrine(f: Findings) -> None:
    for i, e in enumerate(f.s.doctrine):
        path = ("doctrine", i)
        if f.known("objective", e.objective, f.objectives, path + ("objective",)) and e.critical_task:
            _critical_task(f, e.objective, e.critical_task, path + ("critical_task",))
        if not f.agency(e.who, path + ("who",)):
            continue
        if e.do is not None and f.has_action(e.who, e.do, path + ("do",)):
            _parameters(f, e, path)
        if e.transfer is not None:
            f.known("evidence item", e.transfer, f.evidence, path + ("transfer",))
            if f.agency(e.to, path + ("to",)) and e.to == e.who:
                f.error(path + ("to",), Say(N_("'{agency}' would have to transfer the item to itself"), agency=e.who))
        if e.notify is not None and f.agency(e.notify, path + ("notify",)):
            if e.notify == e.who:
                f.error(path + ("notify",), Say(N_("'{agency}' would have to notify itself"), agency=e.who))
            elif not f.connected(e.who, e.notify, []):
                f.error(path + ("notify",), Say(N_("no channel lets '{sender}' send to '{recipient}'; "
                                                   "add one under 'channels:'"), sender=e.who, recipient=e.notify))
            elif e.via and not f.connected(e.who, e.notify, e.via):
                media = sorted({c.medium for c in f.connected(e.who, e.notify, [])})
                # Translators: {media} is one or more channel media as written in the file: "phone or radio"
                f.error(path + ("via",), Say(N_("no {media} channel lets '{sender}' send to '{recipient}'; "
                                                "their channels use: {used}"),
                                             media=either(e.via), sender=e.who, recipient=e.notify, used=media))
        if e.do is not None and e.via:
            f.warn(path + ("via",), Say(N_("'via' only applies to 'notify'; it is ignored for 'do'")))
        if e.typical is not None and e.typical.mean > e.within:
            f.warn(path + ("typical",), Say(N_("the typical delay ({typical}) is longer than 'within' ({within}): "
                                               "simulated agencies will usually be late"),
                                            typical=format_duration(round(e.typical.mean)),
                                            within=format_duration(e.within)))


def _parameters(f: Findings, e, path: tuple) -> None:
    """`key` and `with` name parameters of the expected action, with allowed values."""
    params = {p.name: p for p in f.actions[e.who][e.do].params}
    known = some_of(params) or NONE
    if e.key and e.key not in params:
        f.error(path + ("key",), Say(N_("action '{action}' has no parameter '{name}', so this expectation can "
                                        "never be met; its parameters are: {known}{hint}"),
                                     action=e.do, name=e.key, known=known, hint=f.hint(e.key, params)))
    for name, value in e.with_.items():
        param = params.get(name)
        if param is None:
            f.error(path + ("with", name), Say(N_("action '{action}' has no parameter '{name}'; its parameters "
                                                  "are: {known}{hint}"),
                                               action=e.do, name=name, known=known, hint=f.hint(name, params)))
        elif param.type == "choice" and param.choices and value not in param.choices:
            if isinstance(value, bool):  # the action sends the word, the file says true/false
                # Translators: {value} is the YAML word true or false, as written
                f.error(path + ("with", name), Say(N_("YAML reads this unquoted value as {value}; write the "
                                                      "choice in quotes, e.g. '{choice}'"),
                                                   value=str(value).lower(), choice=param.choices[0]))
            else:
                f.error(path + ("with", name), Say(N_("{value} is not a choice of '{name}': {choices}{hint}"),
                                                   value=repr(value), name=name, choices=list(param.choices),
                                                   hint=f.hint(str(value), param.choices)))


def _critical_task(f: Findings, objective: str, task: str, path: tuple) -> None:
    tasks = [t.id for t in f.objectives[objective].critical_tasks]
    if task in tasks:
        return
    owner = f.task_owner.get(task)
    if owner:
        f.error(path, Say(N_("critical task '{task}' belongs to objective '{owner}', not '{objective}'"),
                          task=task, owner=owner, objective=objective))
    else:
        f.known("critical task", task, tasks or f.task_owner, path)


def _world(f: Findings) -> None:
    for i, p in enumerate(f.s.world):
        path = ("world", i)
        if p.id == "evidence":
            f.error(path + ("id",), Say(N_("'evidence' is reserved (evidence found on a trigger is announced as "
                                           "'evidence.found'); name the process otherwise")))
        for where, model in walk_models(p, path):
            for key in AGENCY_KEYS:
                value = getattr(model, key, None) if key in type(model).model_fields else None
                if isinstance(value, str):
                    f.agency(value, where + (key,))
        if p.type == "portal_monitor":
            check_portal(f, p, path)
            for key, what in (("threats", "the threat at"), ("shipments", "the shipment at")):
                for j, item in enumerate(getattr(p, key)):
                    _ends(f, item.at, path + (key, j, "at"), what)
        elif p.type == "service":
            check_service(f, p, path)
            fields = truth_fields(f.s)
            for j, name in enumerate(p.reveals):
                if name not in fields:
                    f.warn(path + ("reveals", j), Say(N_("the world's ground truth has no '{name}', so nothing is "
                                                         "revealed; it has: {fields}{hint}"),
                                                      name=name, fields=list(fields), hint=f.hint(name, fields)))
        elif p.type == "legal_clock":
            if p.warn_before is not None and p.warn_before >= p.deadline:
                f.warn(path + ("warn_before",), Say(N_("warn_before is not shorter than the deadline: "
                                                       "no warning will be given")))


def _kinds(f: Findings) -> None:
    """Agency kinds are open; a kind close to a known one is probably a typo."""
    for i, agency in enumerate(f.s.agencies):
        if agency.kind not in KNOWN_AGENCY_KINDS:
            hint = suggest(agency.kind, list(KNOWN_AGENCY_KINDS))
            if hint:
                f.warn(("agencies", i, "kind"), Say(N_("'{kind}' is a kind simex does not know (that is allowed)"
                                                       "{hint}"), kind=agency.kind, hint=hint))


def _evidence(f: Findings) -> None:
    for i, item in enumerate(f.s.evidence):
        f.agency(item.custodian, ("evidence", i, "custodian"))
        if item.found_on is None:
            _ends(f, item.found, ("evidence", i, "found"), "found at")
        elif item.found:
            f.warn(("evidence", i, "found"), Say(N_("'found' is ignored: the item is found when 'found_on' fires")))
