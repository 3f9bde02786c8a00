"""Report sections for the coordination metrics, the communication network
and the chain of custody."""
from __future__ import annotations

from simex.durations import format_clock
from simex.localized import duration, share
from simex.narrate import Narrator
from simex.report.blocks import Block, Bullets, Heading, Para, Table
from simex.scoring.evaluation import Evaluation


def _dur(value: float | None, s: dict, lang: str) -> str:
    return s["never"] if value is None else duration(round(value), lang)


def coordination_blocks(ev: Evaluation, s: dict) -> list[Block]:
    c = ev.coordination
    out: list[Block] = [Heading(2, s["coordination"]), Heading(3, s["notif_times"])]
    rows = [[n.instance, f"{n.who} → {n.notify}" + (f" [{n.key}]" if n.key else ""), n.trigger,
             _dur(n.delay, s, ev.lang), s[n.status], n.evidence or "—"] for n in c.notifications]
    out.append(Table([s["exp"], s["notification"], s["trigger"], s["delay"], s["status"], s["evidence"]],
                     rows or [["—"] * 6], cls="small"))
    r = c.routing
    out += [Heading(3, s["routing"]),
            Table(["", ""], [[s["recall"], f"{share(r.recall, ev.lang)} ({len(r.delivered)}/{len(r.required)})"],
                             [s["precision"], f"{share(r.precision, ev.lang)} ({len(r.correct_messages)}/"
                                              f"{len(r.correct_messages) + len(r.misrouted)})"],
                             [s["state_recall"], f"{share(r.state_recall, ev.lang)} ({len(r.states_notified)}/"
                                                 f"{len(r.states_required)}); {s['reached']}: "
                                                 f"{', '.join(r.states_notified) or '—'}; {s['required']}: "
                                                 f"{', '.join(r.states_required) or '—'}"]], cls="kv")]
    if r.misrouted:
        out += [Para(f"**{s['misrouted']}**"), Bullets([m.describe(ev.lang) for m in r.misrouted])]
    out.append(Heading(3, s["knowledge"]))
    n = Narrator()
    rows = [[k.agency, n.fact(k.fact, k.value), format_clock(k.t), k.source] for k in c.knowledge]
    out.append(Table([s["agency"], s["fact"], s["when"], s["source"]], rows or [["—"] * 4], cls="small"))
    out.append(Heading(3, s["consistency"]))
    out.append(Bullets([i.describe(ev.lang) for i in c.inconsistencies]) if c.inconsistencies else Para(s["consistent"]))
    out.append(Heading(3, s["dose"]))
    if not c.dose_modelled:
        out.append(Para(s["dose_not_modelled"], cls="note"))
    else:
        out.append(Table([s["responder"], s["dose_msv"], s["turn_back"], "", s["source"]],
                         [[d.responder, f"{d.dose_mSv:.3g}", f"{d.turn_back_mSv:g}",
                           s["exceeded"] if d.exceeded else "", d.source] for d in c.doses]))
    out += custody_blocks(ev, s) + network_blocks(ev, s)
    return out


def custody_blocks(ev: Evaluation, s: dict) -> list[Block]:
    out: list[Block] = [Heading(3, s["custody"])]
    rows = [[ch.item, ch.description, " → ".join(ch.custodians), str(len(ch.transfers)), *_chain_state(ch, ev, s)]
            for ch in ev.custody]
    out.append(Table([s["item"], "", s["custodians"], "#", s["breaks"], s["unaccounted"]],
                     rows or [["—"] * 6], cls="small"))
    return out


def _chain_state(ch, ev: Evaluation, s: dict) -> list[str]:
    """The breaks and time unaccounted; a chain with no hand-over has neither
    held nor broken, so it says so rather than "intact, 0s"."""
    if not ch.transfers:
        if ch.found is None:
            return [s["never_found"], "—"]
        if ev.end_t is not None and ch.found > ev.end_t:
            return [s["not_found"].format(at=format_clock(ch.found)), "—"]
        return [s["never_handed"].format(holder=ch.holder), "—"]
    return ["; ".join(ch.breaks) or s["intact"], duration(ch.unaccounted_s, ev.lang)]


def network_blocks(ev: Evaluation, s: dict) -> list[Block]:
    n = ev.network
    out: list[Block] = [Heading(3, s["network"]), Para(s["network_text"].format(source=n.source, why=n.source_why))]
    if n.missing:
        out += [Para(f"**{s['missing_links']}**"), Bullets([f"{x.sender} → {x.recipient}" for x in n.missing])]
    if n.unexpected:
        out += [Para(f"**{s['unexpected_links']}**"),
                Bullets([f"{x.sender} → {x.recipient} ({x.messages})" for x in n.unexpected])]
    between = dict(n.betweenness)
    rows = [[r.agency, _dur(r.after, s, ev.lang), " → ".join(r.path) or "—", ", ".join(r.messages) or "—",
             f"{between.get(r.agency, 0):.2f}"] for r in n.reach]
    out.append(Table([s["agency"], s["reach"], s["path"], s["evidence"], s["betweenness"]], rows, cls="small"))
    if n.bottlenecks:
        out += [Para(f"**{s['bottlenecks']}**"), Bullets(list(n.bottlenecks))]
    return out
