"""The exercise and its counterfactual side by side, as plain data: what
`simex whatif` writes as JSON and renders as Markdown or HTML.

Per objective the suggested rating (evaluators' ratings judge the exercise
as played, so the what-if is compared on suggestions on both sides; the
exercise's final rating is kept beside it); per expectation its status
(on time, late, missed, open at ENDEX, or never triggered) and delay; per
world measure (simex.batch.replicate's columns: alarms, queue waits, doses,
hold clocks) its value. Over several replications each becomes a share of
runs and a median with its 5th and 95th percentiles, computed as
`simex sweep` computes them (simex.batch.summary).
"""
from __future__ import annotations

from collections import Counter

from simex.batch.summary import percentile
from simex.durations import format_clock, format_duration
from simex.languages import translator

NOT_TRIGGERED = "not_triggered"
STATUSES = ("on_time", "late", "missed", "open", NOT_TRIGGERED)
RATINGS = ("P", "S", "M", "U", "none")


def _r(x: float | None, places: int = 3) -> float | None:
    return None if x is None else round(float(x), places)


def stats(values: list[float]) -> dict:
    v = sorted(values)
    if not v:
        return {"runs": 0, "median": None, "p5": None, "p95": None}
    return {"runs": len(v), "median": _r(percentile(v, 0.5)), "p5": _r(percentile(v, 0.05)),
            "p95": _r(percentile(v, 0.95))}


def shares(values: list[str], keys: tuple[str, ...]) -> dict:
    counts = Counter(values)
    return {k: round(counts[k] / len(values), 4) for k in keys if counts[k]} if values else {}


def _status(row: dict, exp: str) -> str:
    return row.get(f"{exp}.status") or NOT_TRIGGERED


def world_measures(rows: list[dict]) -> list[str]:
    """World columns worth showing: those that differ between any two runs."""
    keys = sorted(k for k in rows[0] if k.startswith("world.") and not k.endswith(".events"))
    return [k for k in keys if len({r.get(k) for r in rows}) > 1]


def distribution(rows: list[dict], scenario) -> dict:
    """The runs of one side, summarised."""
    out = {"runs": len(rows), "objectives": {}, "expectations": {}, "world": {}}
    for o in scenario.objectives:
        out["objectives"][o.id] = shares([r.get(f"rating.{o.id}") or "none" for r in rows], RATINGS)
    for e in scenario.doctrine:
        out["expectations"][e.id] = {
            "status": shares([_status(r, e.id) for r in rows], STATUSES),
            "delay": stats([r[f"{e.id}.delay"] for r in rows if r.get(f"{e.id}.delay") is not None])}
    return out


def compare(scenario, exercise_row: dict, final: dict, whatif: list[dict], played: list[dict] | None,
            header: dict) -> dict:
    """The model: `exercise_row` the exercise as played (one run, from its
    journal), `whatif` the counterfactual's runs, `played` (several
    replications only) the exercise replayed under the same random numbers."""
    from simex.scenario.text import tr

    runs = [w["row"] for w in whatif]
    side = distribution(runs, scenario)
    again = distribution([p["row"] for p in played], scenario) if played else None
    objectives = []
    for o in scenario.objectives:
        entry = {"id": o.id, "title": tr(o.title), "exercise": {"suggested": exercise_row.get(f"rating.{o.id}"),
                                                                  "final": final.get(o.id)},
                 "whatif": side["objectives"][o.id]}
        if again:
            entry["played"] = again["objectives"][o.id]
        objectives.append(entry)
    expectations = []
    for e in scenario.doctrine:
        entry = {"id": e.id, "title": tr(e.title), "objective": e.objective,
                 "exercise": {"status": _status(exercise_row, e.id), "delay": _r(exercise_row.get(f"{e.id}.delay"))},
                 "whatif": side["expectations"][e.id]}
        if again:
            entry["played"] = again["expectations"][e.id]
        expectations.append(entry)
    world = []
    every = [exercise_row, *runs, *([p["row"] for p in played] if played else [])]
    for key in world_measures(every):
        entry = {"measure": key, "exercise": _r(exercise_row.get(key)),
                 "whatif": stats([r[key] for r in runs if r.get(key) is not None])}
        if played:
            entry["played"] = stats([p["row"][key] for p in played if p["row"].get(key) is not None])
        world.append(entry)
    skipped: dict[str, dict] = {}
    for w in whatif:
        for s in w["skipped"]:
            seen = skipped.setdefault(s["command"], {**s, "runs": 0})
            seen["runs"] += 1
    model = {**header, "objectives": objectives, "expectations": expectations, "world": world,
             "skipped": sorted(skipped.values(), key=lambda s: _number(s["command"])),
             "decisions_by_bots": whatif[0]["by_bots"] if whatif else 0}
    model["summary"] = summary(model)
    return model


def _number(cid: str) -> tuple[str, int]:
    return cid[:1], int(cid[1:]) if cid[1:].isdigit() else 0


# --- words ---------------------------------------------------------------------------


def status_words(status: str, lang: str = "en") -> str:
    t = translator(lang)
    return {"on_time": t.gettext("on time"), "late": t.gettext("late"), "missed": t.gettext("missed"),
            "open": t.gettext("open at ENDEX"), NOT_TRIGGERED: t.gettext("never triggered")}[status]


def percent(share: float) -> str:
    """"97 %"; a share under 1 % keeps a decimal, so one run in 200 never reads "0 %"."""
    value = 100 * share
    return f"{value:.1f} %" if 0 < value < 1 else f"{value:.0f} %"


def summary(model: dict, lang: str = "en") -> list[str]:
    """Plain sentences: the expectations whose status the change changed,
    then the objectives whose rating it changed (over several runs: those
    whose shares differ from the runs without the change)."""
    t = translator(lang)
    n = model["replications"]
    lead = model["change_words"][:1].upper() + model["change_words"][1:]
    out = []
    for e in model["expectations"]:
        was, now = e["exercise"], e["whatif"]
        if n == 1 and now["status"] == {was["status"]: 1.0}:
            continue   # a delay alone that moved is in the table, not in the summary
        if n > 1 and now["status"] == e["played"]["status"]:
            continue   # over many runs, only what the change changes
        before = status_words(was["status"], lang) + (f" ({format_duration(was['delay'])})" if was["delay"] else "")
        if n == 1:
            (status, _), = now["status"].items()
            after = status_words(status, lang) + (f" ({format_duration(now['delay']['median'])})"
                                                  if now["delay"]["median"] is not None else "")
            out.append(t.gettext("{lead}, {title} ({id}) is {after}, against {before} in the exercise.").format(
                lead=lead, title=e["title"], id=e["id"], after=after, before=before))
        else:
            out.append(t.gettext("{lead}, {title} ({id}) is met on time in {share} of runs, against {before} "
                                 "in the exercise ({again} of runs without the change).").format(
                lead=lead, title=e["title"], id=e["id"], share=percent(now["status"].get("on_time", 0.0)),
                before=before, again=percent(e["played"]["status"].get("on_time", 0.0))))
    for o in model["objectives"]:
        was = o["exercise"]["suggested"] or "none"
        now = o["whatif"]
        if now == ({was: 1.0} if n == 1 else o["played"]):
            continue
        rated = max(now, key=lambda r: (now[r], -RATINGS.index(r)))
        if n == 1:
            out.append(t.gettext("{id} ({title}) would be rated {after}, against {before} in the exercise.").format(
                id=o["id"], title=o["title"], after=rated, before=was))
        else:
            out.append(t.gettext("{id} ({title}) would be rated {after} in {share} of runs, against {before} in "
                                 "the exercise ({again} of runs without the change).").format(
                id=o["id"], title=o["title"], after=rated, share=percent(now[rated]), before=was,
                again=percent(o["played"].get(rated, 0.0))))
    if not out:
        out.append(t.gettext("{lead}, no expectation's status and no objective's rating changes.").format(lead=lead))
    return out


def change_words(changes, lang: str = "en") -> str:
    """"with C3 at T+03:30:00": the changes, short, to open a sentence (the
    report lists each change in full)."""
    t = translator(lang)
    parts = []
    for ch in changes:
        if ch.op == "drop":
            parts.append(t.gettext("without {id}").format(id=ch.target))
        elif ch.op == "move":
            parts.append(t.gettext("with {id} at {time}").format(id=ch.target, time=format_clock(ch.at)))
        elif ch.op == "replace":
            parts.append(t.gettext("with {id} changed").format(id=ch.target))
        else:
            parts.append(t.gettext("with {kind} added at {time}").format(
                kind=ch.added.kind.replace("_", " "), time=format_clock(ch.added.t)))
    return t.gettext(" and ").join(parts)
