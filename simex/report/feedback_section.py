"""The participants' feedback and learning section of the report."""
from __future__ import annotations

from simex.feedback.analysis import Analysis
from simex.report.blocks import Block, Bullets, Heading, Para, Table
from simex.scenario.text import tr

_TEXT = {
    "en": {
        "intro": "{n} participant(s) answered ({roles}). Knowledge scores are the share of correct answers.",
        "knowledge": "Knowledge test: before and after the exercise", "question": "Question",
        "pre": "Before", "post": "After", "change": "Change", "overall": "Overall (participants who took both tests)",
        "group": "Group", "all": "everyone", "n": "n", "hotwash": "Hot-wash feedback", "mean": "Mean",
        "suppressed": "suppressed", "comments": "Comments",
        "note": "Groups of fewer than {m} participants are suppressed (—) to protect anonymity; where one gender group is suppressed, the next smallest is too, so it cannot be derived from the total. Gender is self-described and optional.",
    },
    "fr": {
        "intro": "{n} participant(s) ont répondu ({roles}). Le score de connaissances est la part de réponses correctes.",
        "knowledge": "Test de connaissances : avant et après l'exercice", "question": "Question",
        "pre": "Avant", "post": "Après", "change": "Évolution", "overall": "Ensemble (participants ayant passé les deux tests)",
        "group": "Groupe", "all": "tous", "n": "n", "hotwash": "Retour à chaud", "mean": "Moyenne",
        "suppressed": "masqué", "comments": "Commentaires",
        "note": "Les groupes de moins de {m} participants sont masqués (—) pour préserver l'anonymat ; lorsqu'un groupe de genre est masqué, le plus petit suivant l'est aussi, pour qu'il ne puisse être déduit du total. Le genre est auto-déclaré et facultatif.",
    },
}


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.0f}%"


def _pts(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:+.0f} pts"


def feedback_blocks(a: Analysis, lang: str) -> list[Block]:
    t = {**_TEXT["en"], **_TEXT.get(lang, {})}
    m = a.min_group
    roles = ", ".join(f"{role}: {n if n >= m else f'<{m}'}" for role, n in a.roles)
    out: list[Block] = [Para(f"**{a.form.title_in(lang)}.** " + t["intro"].format(n=a.participants, roles=roles))]
    texts = {q.id: tr(q.text, lang) for q in [*a.form.knowledge, *a.form.hotwash]}
    if a.questions:
        out.append(Heading(3, t["knowledge"]))
        rows = [[f"{q.question} {texts[q.question]}", f"{_pct(q.pre_correct)} (n={q.pre_n})",
                 f"{_pct(q.post_correct)} (n={q.post_n})", _pts(q.change)] for q in a.questions]
        out.append(Table([t["question"], t["pre"], t["post"], t["change"]], rows))
        rows = [[t["all"] if g.group == "all" else g.group, str(g.participants) if not g.suppressed else f"<{m}"
                 if g.participants < m else t["suppressed"], _pct(g.pre), _pct(g.post), _pts(g.change)]
                for g in a.groups]
        out.append(Table([t["group"], t["n"], t["pre"], t["post"], t["change"]], rows, t["overall"]))
    if a.scales or a.choices or a.comments:
        out.append(Heading(3, t["hotwash"]))
    if a.scales:
        rows = [[f"{s.question} {texts[s.question]}", t["all"] if s.group == "all" else s.group,
                 str(s.n) if not s.suppressed else (f"<{m}" if s.n < m else t["suppressed"]),
                 "—" if s.mean is None else f"{s.mean:.1f}"] for s in a.scales]
        out.append(Table([t["question"], t["group"], t["n"], t["mean"]], rows))
    for qid, counts in a.choices:
        out.append(Para(f"**{qid} {texts[qid]}**: " + (", ".join(f"{c}: {n}" for c, n in counts) or "—")))
    for qid, answers in a.comments:
        out.append(Para(f"**{t['comments']}: {qid} {texts[qid]}**"))
        out.append(Bullets(list(answers) or ["—"]))
    out.append(Para(t["note"].format(m=m), cls="note"))
    return out
