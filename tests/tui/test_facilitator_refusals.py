"""`simex play`: the facilitator reads the engine's refusals in the console's
language, with the English kept for the journal and logs."""
from __future__ import annotations

import pytest

from simex.engine import commands as c
from simex.session import LocalSession
from simex.tui.app import make_app
from tests.conftest import BORDER

# A decision for an agency the scenario does not have, as each console reads it.
NO_AGENCY = {
    "en": "no agency 'nobody'",
    "fr": "aucun organisme 'nobody'",
    "es": "no hay ningún organismo 'nobody'",
    "ru": "нет ведомства 'nobody'",
    "ar": "لا توجد جهة 'nobody'",
    "zh": "没有机构 'nobody'",
}


@pytest.mark.parametrize("lang", sorted(NO_AGENCY))
async def test_the_facilitator_reads_a_refusal_in_its_language(lang):
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang=lang, tick_seconds=None)
    said = []
    app.notify = lambda message, **kw: said.append((str(message), kw.get("severity")))
    async with app.run_test(size=(160, 40)):
        assert not app.run_command(session.do, c.RecordDecision, agency="nobody", decision="Hold lane 3")
    assert said == [(NO_AGENCY[lang], "error")]
    assert not [e for e in session.events if e.kind == "decision_recorded"]
    session.close()


async def test_a_list_in_a_refusal_is_listed_the_chinese_way():
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="zh", tick_seconds=None)
    said = []
    app.notify = lambda message, **kw: said.append(str(message))
    async with app.run_test(size=(160, 40)):
        app.run_command(session.do, c.RecordAnnotation, entry="nope", author="A. Name", text="x")
    entries = "、".join(c.ANNOTATION_ENTRIES)
    assert said == [f"没有报告条目 'nope'；可选：{entries}"]
    session.close()
