"""After-action reports: a draft AAR/IP from a journal (or a live event list).

`build_report(scenario, events, fmt="html")` renders the report; `from_journal`
reads what a journal holds. Figures need matplotlib, imported only when an HTML
or Word report is rendered; Word needs python-docx, imported only then.
"""
from __future__ import annotations

from pathlib import Path

from simex.events import Event
from simex.scenario.model import Scenario
from simex.words import NN_, Say

_LISTED = 10   # unreadable rows named one by one; more are counted


def from_journal(path: str | Path, damage: list[str | Say] | None = None) -> tuple[Scenario, list[Event], dict]:
    """(scenario stored in the journal, its events, its meta). Raises JournalError.

    With `damage`, a partly damaged journal still gives what it holds: an
    unreadable event row stands as an `Unreadable` event (later events keep
    their positions), and it and any sign that rows are missing or were
    changed are described in `damage`, one line each (a Say is told in the
    reader's language: simex.words)."""
    from simex.journal import JournalReader
    from simex.journal_checks import chain_break, missing_wal, seal_break

    reader = JournalReader(path)
    try:
        meta = dict(reader.meta)
        scenario = reader.scenario()
        skipped: list | None = None if damage is None else []   # Reasons
        if damage is not None:   # the checks first, so their rows are gone before the events are made
            lost = missing_wal(reader)
            damage += [lost] if lost else []
            damage += [found.message for found in (chain_break(reader), seal_break(reader)) if found]
            reader.forget_rows()
        events = reader.events(skipped)
        if damage is not None:
            damage += skipped[:_LISTED]
            if len(skipped) > _LISTED:
                damage.append(Say(NN_("skipped {n} more unreadable row", "skipped {n} more unreadable rows"),
                                  n=len(skipped) - _LISTED))
    finally:
        reader.close()
    return scenario, events, meta


def build_report(scenario: Scenario, events: list[Event], *, fmt: str = "html", lang: str | None = None,
                 plan=None, plan_source: str = "", feedback=None, evaluation=None,
                 damage: list[str | Say] | None = None, marking: str = "", lineage: str = "") -> str | bytes:
    """The report: text for "md" and "html", the file's bytes for "docx".
    `plan` replaces the suggested improvement plan (edited by the
    facilitator); `feedback` is a simex.feedback Analysis; `damage` says what
    of a damaged journal the report could not use; `marking` is a handling
    marking ("For official use only") shown at the top and bottom, and on
    every page of a Word or printed report. `lineage` says, in the overview,
    which journal a branch was rewound from (simex.branch.lineage)."""
    from simex.report import document, html, markdown
    from simex.report.i18n import strings
    from simex.scoring.evaluation import evaluate

    ev = evaluation or evaluate(scenario, events, lang)
    fb = None
    if feedback is not None:
        from simex.report.feedback_section import feedback_blocks

        fb = feedback_blocks(feedback, ev.lang)
    blocks = document.build(scenario, events, ev, plan=plan, plan_source=plan_source, feedback=fb,
                            damage=damage, marking=marking, lineage=lineage)
    if fmt == "md":
        return markdown.render(blocks, strings(ev.lang)["figures_in_html"])
    if fmt == "html":
        return html.render(blocks, f"{strings(ev.lang)['aar']}: {ev.title}", ev.lang)
    if fmt == "docx":
        from simex.report import word

        return word.render(blocks, f"{strings(ev.lang)['aar']}: {ev.title}", ev.lang)
    raise ValueError(f"unknown report format {fmt!r}; use md, html or docx")
