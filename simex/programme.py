"""The programme's view over several workshops (`simex programme JOURNAL...`):
what a donor asks of a programme that ran four regional workshops and some
national trainings. Who took part (agencies in play by kind and State, and
the people who answered the tests, by sex), what they learnt (pre/post
knowledge gains per workshop and pooled, by sex), how the objectives were
rated side by side, and which areas for improvement came back in more than
one workshop.

Workshops may use different scenarios: ratings are lined up per scenario
(an objective id means something only within its scenario), and recurring
areas for improvement are those of the same scenario's same doctrine
expectation. Counts of people by sex follow the same small-group
suppression as the report (simex.feedback.analysis).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from simex.feedback.analysis import Analysis, analyse, knowledge_scores, suppressed_groups
from simex.feedback.journaled import from_events as feedback_from_events
from simex.feedback.sex import SEXES, label, normalise
from simex.languages import translator
from simex.report.blocks import Block, Heading, Para, Table
from simex.scenario.text import tr


@dataclass(frozen=True)
class Workshop:
    label: str
    scenario: object
    evaluation: object
    feedback: tuple | None          # (form, responses) answered in the consoles
    analysis: Analysis | None

    @property
    def people(self) -> dict[str, tuple[str, str]]:
        """Everyone who answered a test or the hot wash: code -> (agency, sex)."""
        if self.feedback is None:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for r in self.feedback[1]:
            sex = normalise(r.sex) or "undisclosed"
            if r.code not in out or out[r.code][1] == "undisclosed":
                out[r.code] = (r.role, sex)
        return out


def load_workshop(path: Path, lang: str, suppress_below: int | None = None, internal: bool = False) -> Workshop:
    """One workshop from its journal. Raises JournalError."""
    from simex.report import from_journal
    from simex.scoring.evaluation import evaluate

    scenario, events, meta = from_journal(path)
    feedback = feedback_from_events(events)
    analysis = analyse(*feedback, suppress_below=suppress_below, internal=internal) if feedback else None
    return Workshop(path.stem, scenario, evaluate(scenario, events, lang), feedback, analysis)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _change(pre: float | None, post: float | None) -> str:
    return "—" if pre is None or post is None else f"{100 * (post - pre):+.0f} pts"


def summary(workshops: list[Workshop], lang: str = "en", suppress_below: int = 5,
            internal: bool = False) -> list[Block]:
    """The programme summary as report blocks (Markdown, HTML or Word)."""
    g = translator(lang)
    blocks: list[Block] = [Heading(1, g.gettext("Programme summary")),
                           Para(g.ngettext("{n} workshop.", "{n} workshops.", len(workshops)).format(n=len(workshops))
                                + (" " + g.gettext("Internal: every group is shown, however small; not for "
                                                   "publication.") if internal else ""))]
    blocks += _workshops(workshops, g, lang)
    blocks += _participation(workshops, g, lang, suppress_below, internal)
    blocks += _learning(workshops, g, lang, suppress_below, internal)
    blocks += _ratings(workshops, g, lang)
    blocks += _recurring(workshops, g, lang)
    return blocks


def _in_play(scenario) -> list:
    return [a for a in scenario.agencies if a.played_by == "person"]


def _workshops(workshops: list[Workshop], g, lang: str) -> list[Block]:
    rows = []
    for w in workshops:
        s = w.scenario
        states = sorted({a.jurisdiction for a in _in_play(s)})
        rows.append([w.label, tr(s.exercise.title, lang), s.exercise.startex.date().isoformat(),
                     ", ".join(states), str(len(_in_play(s))), str(len(w.people))])
    return [Heading(2, g.gettext("Workshops")),
            Table([g.gettext("Workshop"), g.gettext("Exercise"), g.gettext("STARTEX"), g.gettext("States"),
                   g.gettext("Agencies played by people"), g.gettext("People who answered")], rows)]


def _sex_counts(counts: Counter, g, lang: str, minimum: int, internal: bool) -> list[list[str]]:
    sizes = {s: counts.get(s, 0) for s in SEXES if counts.get(s, 0)}
    hidden = set() if internal else suppressed_groups(sizes, minimum)
    return [[label(s, lang), g.gettext("suppressed") if s in hidden else str(n)] for s, n in sizes.items()]


def _participation(workshops: list[Workshop], g, lang: str, minimum: int, internal: bool) -> list[Block]:
    out: list[Block] = [Heading(2, g.gettext("Participation"))]
    kinds: Counter = Counter()
    states: Counter = Counter()
    for w in workshops:
        for a in _in_play(w.scenario):
            kinds[a.kind] += 1
            states[a.jurisdiction] += 1
    out.append(Table([g.gettext("Agency kind"), g.gettext("Agencies in play, all workshops")],
                     [[k, str(n)] for k, n in sorted(kinds.items())]))
    out.append(Table([g.gettext("State or organisation"), g.gettext("Agencies in play, all workshops")],
                     [[k, str(n)] for k, n in sorted(states.items())]))
    people: Counter = Counter()
    for w in workshops:
        people.update(sex for _, sex in w.people.values())
    if not people:
        out.append(Para(g.gettext("No test or hot wash was answered in the consoles: participation by sex comes "
                                  "from the tests (docs/evaluation.md).")))
        return out
    rows = _sex_counts(people, g, lang, minimum, internal)
    rows.append([g.gettext("everyone"), str(sum(people.values()))])
    out.append(Table([g.gettext("Sex"), g.gettext("People who answered, all workshops")], rows,
                     caption=g.gettext("Groups smaller than {n} are suppressed, with the next smallest when one "
                                       "alone would be worked out from the total.").format(n=minimum)
                     if not internal else ""))
    return out


def _learning(workshops: list[Workshop], g, lang: str, minimum: int, internal: bool) -> list[Block]:
    """Per workshop the paired pre/post means; pooled over workshops by sex,
    each person's gain measured on their own workshop's test."""
    tested = [w for w in workshops if w.feedback and w.feedback[0].knowledge]
    if not tested:
        return []
    rows = []
    pooled: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for w in tested:
        form, responses = w.feedback
        pre, post = knowledge_scores(form, responses, "pre"), knowledge_scores(form, responses, "post")
        paired = sorted(set(pre) & set(post))
        floor = 0 if internal else minimum
        if len(paired) >= floor and paired:
            mean_pre = sum(pre[c] for c in paired) / len(paired)
            mean_post = sum(post[c] for c in paired) / len(paired)
            rows.append([w.label, str(len(paired)), _pct(mean_pre), _pct(mean_post), _change(mean_pre, mean_post)])
        else:
            rows.append([w.label, f"<{minimum}", "—", "—", "—"])
        sexes = w.people
        for code in paired:
            pooled[sexes.get(code, ("", "undisclosed"))[1]].append((pre[code], post[code]))
    everyone = [pair for pairs in pooled.values() for pair in pairs]
    sizes = {s: len(pooled[s]) for s in SEXES if pooled.get(s)}
    hidden = set() if internal else suppressed_groups(sizes, minimum)
    by_sex = []
    for group, pairs in [("everyone", everyone)] + [(s, pooled[s]) for s in sizes]:
        name = g.gettext("everyone") if group == "everyone" else label(group, lang)
        if group in hidden or (not internal and len(pairs) < minimum):
            by_sex.append([name, g.gettext("suppressed"), "—", "—", "—"])
            continue
        before = sum(p for p, _ in pairs) / len(pairs)
        after = sum(q for _, q in pairs) / len(pairs)
        by_sex.append([name, str(len(pairs)), _pct(before), _pct(after), _change(before, after)])
    head = [g.gettext("Participants who took both tests"), g.gettext("Before"), g.gettext("After"),
            g.gettext("Change")]
    return [Heading(2, g.gettext("Knowledge before and after")),
            Table([g.gettext("Workshop"), *head], rows),
            Table([g.gettext("Group, all workshops"), *head], by_sex,
                  caption=g.gettext("Each person's score is the share of their own workshop's test answered "
                                    "correctly; the change is in percentage points."))]


def _ratings(workshops: list[Workshop], g, lang: str) -> list[Block]:
    out: list[Block] = [Heading(2, g.gettext("Objective ratings side by side"))]
    by_scenario: dict[str, list[Workshop]] = defaultdict(list)
    for w in workshops:
        by_scenario[w.scenario.exercise.id].append(w)
    for group in by_scenario.values():
        scenario = group[0].scenario
        rows = []
        for objective in scenario.objectives:
            cells = []
            for w in group:
                result = next((o for o in w.evaluation.objectives if o.id == objective.id), None)
                rating = result.rating if result else None
                final = rating.final if rating else None
                cells.append("—" if final is None else final + ("*" if rating.source == "suggested" else ""))
            rows.append([f"{objective.id} {tr(objective.title, lang)}", *cells])
        out.append(Table([g.gettext("Objective"), *[w.label for w in group]], rows,
                         caption=tr(scenario.exercise.title, lang) + ". "
                         + g.gettext("P performed without challenges, S with some, M with major challenges, "
                                     "U unable to be performed; * simex's suggestion, not confirmed by an "
                                     "evaluator.")))
    return out


def _recurring(workshops: list[Workshop], g, lang: str) -> list[Block]:
    """Areas for improvement behind the same doctrine expectation of the same
    scenario in two workshops or more, most frequent first."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    titles: dict[tuple[str, str], str] = {}
    counts: Counter = Counter()
    for w in workshops:
        scenario = w.scenario
        expectations = {e.id: e for e in scenario.doctrine}
        counts[scenario.exercise.id] += 1
        for item in w.evaluation.plan:
            for source in item.sources:
                expectation = expectations.get(source.split("#", 1)[0])
                if expectation is None:
                    continue
                key = (scenario.exercise.id, expectation.id)
                seen[key].add(w.label)
                titles[key] = f"{expectation.who}: {tr(expectation.title, lang)} ({expectation.objective})"
    recurring = sorted(((len(ws), key) for key, ws in seen.items() if len(ws) >= 2), key=lambda x: (-x[0], x[1]))
    out: list[Block] = [Heading(2, g.gettext("Areas for improvement that recur"))]
    if not recurring:
        out.append(Para(g.gettext("No area for improvement came back in more than one workshop.")))
        return out
    rows = [[titles[key], g.gettext("{n} of {total}").format(n=n, total=counts[key[0]]),
             ", ".join(sorted(seen[key]))] for n, key in recurring]
    out.append(Table([g.gettext("Expected of"), g.gettext("Workshops"), g.gettext("Which")], rows))
    return out
