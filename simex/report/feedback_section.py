"""The participants' feedback and learning section of the report."""
from __future__ import annotations

from functools import lru_cache

from simex.feedback.analysis import Analysis
from simex.feedback.sex import label
from simex.languages import translator
from simex.localized import percent
from simex.report.blocks import Block, Bullets, Heading, Para, Table
from simex.scenario.text import tr

@lru_cache(maxsize=None)
def _text(lang: str) -> dict[str, str]:
    """The fixed wording in `lang`, from the catalogs (simex.languages)."""
    _ = translator(lang).gettext
    return {
        "knowledge": _("Knowledge test: before and after the exercise"),
        "question": _("Question"),
        "pre": _("Before"),
        "post": _("After"),
        # Translators: column: change in a knowledge score between before and after the exercise
        "change": _("Change"),
        "overall": _("Overall (participants who took both tests)"),
        "group": _("Group"),
        # Translators: the group of all participants together
        "all": _("everyone"),
        "n": "n",
        "hotwash": _("Hot-wash feedback"),
        # Translators: column: the mean of answers on a rating scale
        "mean": _("Mean"),
        # Translators: a figure hidden because the group is too small (anonymity)
        "suppressed": _("suppressed"),
        "comments": _("Comments"),
    }


def _pct(v: float | None, lang: str) -> str:
    return "—" if v is None else percent(v, lang)


def _pts(v: float | None, lang: str) -> str:
    # Translators: a change in percentage points, e.g. "+12 pts"
    return "—" if v is None else translator(lang).gettext("{n} pts").format(n=f"{100 * v:+.0f}")


def _group(group: str, lang: str, everyone: str) -> str:
    return everyone if group == "all" else label(group, lang)


def _n(n: int, suppressed: bool, m: int, word: str) -> str:
    # "<5" for a group too small; a larger group hidden to protect a small one says so.
    return str(n) if not suppressed else (f"<{m}" if n < m else word)


def feedback_blocks(a: Analysis, lang: str) -> list[Block]:
    t = _text(lang)
    tt = translator(lang)
    m = a.min_group
    roles = ", ".join(f"{role}: {_n(n, role in a.roles_suppressed, m, t['suppressed'])}" for role, n in a.roles)
    out: list[Block] = [Para(f"**{a.form.title_in(lang)}.** " + tt.ngettext(
        "{n} participant answered ({roles}). Knowledge scores are the share of correct answers.",
        "{n} participants answered ({roles}). Knowledge scores are the share of correct answers.",
        a.participants).format(n=a.participants, roles=roles))]
    if a.internal:
        out.insert(0, Para("**" + tt.gettext("Marked internal — not for publication: no group is suppressed, "
                                             "so small groups can be identified.") + "**", cls="note"))
    if a.sexes:
        rows = [[label(sex, lang), _n(n, hidden, m, t["suppressed"])] for sex, n, hidden in a.sexes]
        out.append(Table([tt.pgettext("sex", "Sex"), t["n"]], rows + [[t["all"], str(a.participants)]],
                         tt.gettext("Participants by sex")))
    texts = {q.id: tr(q.text, lang) for q in [*a.form.knowledge, *a.form.hotwash]}
    if a.questions:
        out.append(Heading(3, t["knowledge"]))
        rows = [[f"{q.question} {texts[q.question]}", f"{_pct(q.pre_correct, lang)} (n={q.pre_n})",
                 f"{_pct(q.post_correct, lang)} (n={q.post_n})", _pts(q.change, lang)] for q in a.questions]
        out.append(Table([t["question"], t["pre"], t["post"], t["change"]], rows))
        rows = [[_group(g.group, lang, t["all"]), _n(g.participants, g.suppressed, m, t["suppressed"]),
                 _pct(g.pre, lang), _pct(g.post, lang), _pts(g.change, lang)] for g in a.groups]
        out.append(Table([t["group"], t["n"], t["pre"], t["post"], t["change"]], rows, t["overall"]))
    if a.scales or a.choices or a.comments:
        out.append(Heading(3, t["hotwash"]))
    if a.scales:
        rows = [[f"{s.question} {texts[s.question]}", _group(s.group, lang, t["all"]),
                 _n(s.n, s.suppressed, m, t["suppressed"]), "—" if s.mean is None else f"{s.mean:.1f}"]
                for s in a.scales]
        out.append(Table([t["question"], t["group"], t["n"], t["mean"]], rows))
    for qid, counts in a.choices:
        out.append(Para(f"**{qid} {texts[qid]}**: " + (", ".join(f"{c}: {n}" for c, n in counts) or "—")))
    for qid, answers in a.comments:
        out.append(Para(f"**{t['comments']}: {qid} {texts[qid]}**"))
        out.append(Bullets(list(answers) or ["—"]))
    if a.internal:
        note = tt.gettext("Internal: every group is shown, however small. Publish only a report made without "
                          "--internal.")
    else:
        note = tt.gettext("Groups of fewer than {m} participants are suppressed (—) to protect anonymity. While "
                          "the suppressed groups together are fewer than {m}, the next smallest group is "
                          "suppressed too, so that no small group can be worked out from the total. Sex is "
                          "female, male, another or prefer not to say (a blank counts as prefer not to say)."
                          ).format(m=m)
    out.append(Para(note, cls="note"))
    return out
