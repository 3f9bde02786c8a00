"""The draft AAR/IP in the HSEEP structure, as blocks: cover page, exercise
overview, executive summary, analysis of capabilities (Table 1, then per
objective strengths, areas for improvement with reference and root cause,
observations and evidence), coordination metrics, network, custody,
conclusion, Appendix A improvement plan, Appendix B participants, Appendix C
participant feedback, Appendix D acronyms, Appendix E incident timeline."""
from __future__ import annotations

from simex.durations import format_clock
from simex.events import AnnotationRecorded, Event
from simex.languages import translator
from simex.localized import duration, share
from simex.narrate import QUIET, Narrator
from simex.report import figures, hseep
from simex.report.notes import Annotations, from_events
from simex.report.blocks import Block, Bullets, Figure, Heading, Marking, Para, Table, number_figures
from simex.report.i18n import element, strings
from simex.report.sections import coordination_blocks
from simex.scenario.model import Scenario
from simex.scoring.evaluation import Evaluation
from simex.scoring.improvement import PlanItem
from simex.words import said


def rating_cell(rating, s: dict) -> str:
    if rating.final is None:
        return "—"
    mark = s["suggested_mark"] if rating.source == "suggested" else ""
    return f"{rating.final}{mark}"


def executive_summary(ev: Evaluation, s: dict) -> list[Block]:
    t = ev.score.totals()
    r = ev.coordination.routing
    tr_ = translator(ev.lang)
    total, misrouted, breaks = len(ev.score.results), len(r.misrouted), sum(len(c.breaks) for c in ev.custody)
    text = " ".join([
        tr_.ngettext("{on_time} of {total} doctrine expectation was met on time, {late} late and {missed} missed "
                     "({open} still open).",
                     "{on_time} of {total} doctrine expectations were met on time, {late} late and {missed} missed "
                     "({open} still open).", total).format(on_time=t["on_time"], total=total, late=t["late"],
                                                          missed=t["missed"], open=t["open"]),
        tr_.gettext("Notification recall {recall}, precision {precision}; {misrouted}; {breaks}.").format(
            recall=share(r.recall, ev.lang), precision=share(r.precision, ev.lang),
            misrouted=tr_.ngettext("{n} mis-routed message", "{n} mis-routed messages", misrouted).format(
                n=misrouted),
            breaks=tr_.ngettext("{n} chain-of-custody break", "{n} chain-of-custody breaks", breaks).format(
                n=breaks))])
    if t["overdue"]:
        text += " " + tr_.ngettext(
            "{n} expectation is past its deadline and not met yet (overdue); it already counts in the ratings.",
            "{n} expectations are past their deadline and not met yet (overdue); they already count in the ratings.",
            t["overdue"]).format(n=t["overdue"])
    if ev.score.not_triggered:
        n = len(ev.score.not_triggered)
        text += " " + tr_.ngettext(
            "{n} expectation was never triggered because a step it waits on failed; it counts as not performed.",
            "{n} expectations were never triggered because a step they wait on failed; they count as not performed.",
            n).format(n=n)
    ratings = ", ".join(f"{o.id} {rating_cell(o.rating, s)}" for o in ev.objectives)
    out: list[Block] = [Heading(2, s["summary"]), Para(text), Para(s["summary_ratings"].format(ratings=ratings))]
    strengths = _round_robin([list(o.strengths) for o in ev.objectives], 3)
    weak = _round_robin([list(o.improvements) for o in ev.objectives], 5)
    if strengths:
        out += [Para(f"**{s['strongest']}**"), Bullets(strengths)]
    if weak:
        out += [Para(f"**{s['weakest']}**"), Bullets(weak)]
    if ev.network.bottlenecks:
        out += [Para(f"**{s['bottlenecks']}**"), Bullets(list(ev.network.bottlenecks))]
    return out


def _round_robin(lists: list[list[str]], n: int) -> list[str]:
    """The first items of each list in turn (each list is most serious first)."""
    out: list[str] = []
    depth = 0
    while len(out) < n and any(depth < len(x) for x in lists):
        out += [x[depth] for x in lists if depth < len(x)][: n - len(out)]
        depth += 1
    return out


def _rating_lines(rating, s: dict) -> list[str]:
    lines = [f"{s['suggested']}: {rating.suggested.rating or '—'}. {s['reason']}: {rating.suggested.reason}"]
    for e in rating.evaluators:
        line = f"{s['evaluators']}: {e.evaluator} → {e.rating}"
        if e.override:
            line += f" ({s['override']} {e.suggested} → {e.rating}; {s['override_reason']}: {e.reason})"
        elif e.reason:
            line += f" ({e.reason})"
        lines.append(line)
    if rating.disagreement:
        lines.append(f"{s['disagreement']}: {rating.disagreement}")
    return lines


def analysis(ev: Evaluation, s: dict, notes: Annotations) -> list[Block]:
    rows = []
    for o in ev.objectives:
        cell = rating_cell(o.rating, s)
        rows.append([f"{o.id} {o.title}", o.capability or "—",
                     *[cell if o.rating.final == r else "" for r in "PSMU"]])
    out: list[Block] = [Heading(2, s["analysis"]),
                        Table([s["objective"], s["capability"], "P", "S", "M", "U"], rows, s["table1"], cls="table1"),
                        Para(s["rating_key"], cls="note")]
    for o in ev.objectives:
        out.append(Heading(3, f"{o.id}. {o.title}"))
        if o.target:
            out.append(Para(f"**{s['target']}:** {o.target}"))
        out.append(Para(f"**{s['rating']}: {rating_cell(o.rating, s)}**"))
        out.append(Bullets(_rating_lines(o.rating, s)))
        task_rows = [[f"{t.id} {t.title}", rating_cell(t.rating, s), t.rating.suggested.reason
                      + "".join(f" | {line}" for line in _rating_lines(t.rating, s)[1:])] for t in o.tasks]
        if task_rows:
            out.append(Table([s["task"], s["rating"], s["reason"]], task_rows, cls="tasks"))
        out += [Heading(4, s["strengths"]), Bullets(list(o.strengths) or [s["none"]]),
                Heading(4, s["improvements"]), *hseep.improvement_blocks(o.id, ev, notes, s),
                Heading(4, s["observations"])]
        obs = [x.describe() + (f" [{x.critical_task}]" if x.critical_task else "") for x in o.observations]
        out.append(Bullets(obs) if obs else Para(s["no_observations"], cls="note"))
        if o.expectations or o.not_triggered:
            out.append(Table([s["exp"], s["status"], s["trigger"], s["evidence"]],
                             [[f"{r.instance} {r.key}".strip(), s[r.status]
                               + (f" (+{duration(round(r.late_by), ev.lang)})" if r.late_by else ""),
                               r.trigger, r.met_by or r.why] for r in o.expectations]
                             + [[n.expectation, s["not_triggered"], "—", n.why] for n in o.not_triggered],
                             f"{s['expectations']}: {o.id}", cls="small"))
    return out


def plan_blocks(plan: tuple[PlanItem, ...], s: dict, lang: str, edited_from: str = "") -> list[Block]:
    out: list[Block] = [Heading(2, s["appendix_a"]),
                        Para(s["plan_edited"].format(file=edited_from) if edited_from else s["plan_note"], cls="note")]
    rows = [[p.id, p.capability or p.objective, p.issue, p.corrective_action, element(p.capability_element, lang),
             p.responsible, p.point_of_contact, p.start, p.due, p.benchmark] for p in plan]
    out.append(Table(["#", s["capability"], s["issue"], s["corrective"], s["element"], s["responsible"],
                      s["poc_short"], s["start"], s["due"], s["benchmark"]], rows or [["—"] * 10], cls="plan"))
    return out


def participants(ev: Evaluation, s: dict) -> list[Block]:
    rows = [[p.name, p.agency, p.jurisdiction, p.kind, s[p.played_by] if p.played_by in s else p.played_by]
            for p in ev.participants]
    out: list[Block] = [Heading(2, s["appendix_b"]),
                        Table([s["organisations"], "id", s["jurisdiction"], s["kind"], s["played_by"]], rows)]
    if ev.evaluators:
        out.append(Para(f"**{s['evaluator_list']}:** {', '.join(ev.evaluators)}"))
    return out


def timeline(events: list[Event], s: dict, lang: str = "en", scenario: Scenario | None = None) -> list[Block]:
    """Appendix E, for the facilitator and evaluators: ground truth shows, marked as such.
    Annotations are the report's own text (recorded after the fact), not incident events."""
    n = Narrator(scenario, lang)
    rows = [[format_clock(e.t), n.describe(e, controller=True)] for e in events
            if e.kind not in QUIET and not isinstance(e, AnnotationRecorded)]
    return [Heading(2, s["timeline"]), Table([s["time"], s["event"]], rows, cls="timeline")]


def build(scenario: Scenario, events: list[Event], ev: Evaluation, *, plan: tuple[PlanItem, ...] | None = None,
          plan_source: str = "", feedback: list[Block] | None = None, damage: list | None = None,
          marking: str = "", notes: Annotations | None = None, lineage: str = "") -> list[Block]:
    """`notes`: what facilitators and evaluators wrote (default: what the events hold)."""
    s = strings(ev.lang)
    notes = notes if notes is not None else from_events(events)
    blocks: list[Block] = [Marking(marking)] if marking else []
    blocks += hseep.cover(scenario, ev, notes, marking, s)
    if damage:   # whoever reads the report, not only whoever ran simex, must know
        blocks += [Para(s["damaged"], cls="warning"), Bullets([str(said(d, translator(ev.lang))) for d in damage])]
    blocks += hseep.overview(scenario, ev, notes, s)
    if lineage:   # a branch: the reader must know the story before the branch time is another run's
        blocks.append(Para(lineage, cls="note"))
    blocks += executive_summary(ev, s)
    blocks.append(Figure(s["fig_swimlane"], lambda fmt: figures.swimlane(scenario, events, fmt=fmt, lang=ev.lang)))
    blocks += analysis(ev, s, notes)
    blocks.append(Figure(s["fig_delays"], lambda fmt: figures.delays(ev, fmt=fmt, lang=ev.lang)))
    blocks += coordination_blocks(ev, s)
    blocks.append(Figure(s["fig_network"], lambda fmt: figures.network(ev, scenario, fmt=fmt, lang=ev.lang)))
    blocks += hseep.conclusion(notes, ev.lang)
    blocks += plan_blocks(plan if plan is not None else ev.plan, s, ev.lang, plan_source)
    blocks += participants(ev, s)
    blocks += [Heading(2, s["feedback"]), *(feedback or hseep.no_feedback(ev.lang))]
    body = timeline(events, s, ev.lang, scenario)
    blocks += hseep.acronyms(scenario, blocks + body, ev.lang)
    return number_figures(blocks + body, s["figure"])
