"""Live knobs: the facilitator turns world parameters during play. Each is
a journaled `set_knob` command, checked before it is journaled, shown on the
timeline as a sentence, and reproduced exactly by replay."""
from __future__ import annotations

import pytest

from simex.engine import commands as c
from simex.engine.commands import CommandError
from simex.engine.exercise import Exercise
from simex.journal import JournalReader
from simex.knobs import KNOBS, format_knob, parse_knob
from simex.narrate import Narrator
from simex.replay import replay
from simex.session import LocalSession
from tests.conftest import BORDER, make_scenario

HOUR = 3600.0
RPM = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "lanes": 2, "vehicles_per_hour": 600,
       "p_innocent": 0.05}
LAB = {"id": "lab-analysis", "type": "service", "performed_by": "lab", "starts_on": {"action": "inspect"},
       "key": "vehicle", "duration": "1h", "capacity": 1}


def test_a_knob_line_reads_and_writes_back():
    assert parse_knob("traffic rpm 120/h") == ("traffic", "rpm", 120.0, None)
    assert parse_knob("outage customs-police-radio 30m at 01:00") == ("outage", "customs-police-radio", 1800.0, 3600.0)
    for line in ("traffic rpm 120/h", "inspectors secondary 3", "backlog reachback 5", "duration reachback 1h30m",
                 "outage customs-police-radio 30m at 01:00:00", "delay customs-police-radio 10m", "traffic rpm 0.5/h"):
        assert format_knob(*parse_knob(line)) == line


@pytest.mark.parametrize("line, says", [
    ("trafic rpm 120/h", "'trafic rpm 120/h', word 1: no knob 'trafic'; the knobs: traffic, inspectors"),
    ("traffic rpm fast", "word 3: traffic takes a value like 120/h, not 'fast'"),
    ("traffic rpm -5/h", "word 3: traffic must be between 0/h and 10000/h, not -5/h"),
    ("inspectors secondary 2.5", "word 3: inspectors takes a value like 3, not '2.5'"),
    ("outage radio 30m at noon", "word 5: expected a scenario time like '02:30:00'"),
    ("traffic rpm", "a knob change is KNOB TARGET VALUE [at TIME]"),
])
def test_a_wrong_knob_line_says_which_word(line, says):
    with pytest.raises(ValueError) as error:
        parse_knob(line)
    assert says in str(error.value)


@pytest.fixture
def session(tmp_path):
    s = LocalSession.new(BORDER, journal_path=tmp_path / "live.simex")
    yield s
    s.close()


CASES = [("traffic", "rpm", 120.0, "Facilitator set traffic at"),
         ("inspectors", "secondary", 2.0, "to 2 on duty"),
         ("backlog", "reachback", 3.0, "Facilitator added 3 jobs to the queue at"),
         ("duration", "reachback", 2700.0, "to take 45 min"),
         ("outage", "customs-police-radio", 1800.0, "Facilitator took channel customs-police-radio down for 30 min"),
         ("delay", "customs-police-radio", 600.0, "Facilitator added 10 min of delay to channel customs-police-radio")]


@pytest.mark.parametrize("knob, target, value, says", CASES)
def test_each_knob_is_journaled_shown_and_replayed(session, knob, target, value, says):
    session.jump_to(HOUR)
    session.do(c.SetKnob, knob=knob, target=target, value=value)
    session.jump_to(3 * HOUR)
    session.do(c.SendMessage, sender="customs", recipient="police", channel="customs-police-radio", subject="x")
    session.jump_to(5 * HOUR)
    session.close()
    reader = JournalReader(session.journal_path)
    knob_sets = [e for e in reader.events() if e.kind == "knob_set"]
    commands = [x for x in reader.commands() if x.kind == "set_knob"]
    reader.close()
    assert [(e.t, e.knob, e.target, e.value) for e in knob_sets] == [(HOUR, knob, target, value)]
    assert [(x.knob, x.target, x.value) for x in commands] == [(knob, target, value)]
    assert says in Narrator(session.scenario).timeline_line(knob_sets[0])
    report = replay(session.journal_path)
    assert report.ok, report.message


@pytest.mark.parametrize("knob, target, value, says", [
    ("traffic", "rpm", -1.0, "set_knob: traffic must be between 0/h and 10000/h, not -1/h"),
    ("traffic", "secondary", 10.0, "set_knob traffic: no portal_monitor 'secondary'; the world's: rpm"),
    ("inspectors", "secondary", 1.5, "set_knob: inspectors is a whole number, not 1.5"),
    ("outage", "radio", 60.0, "set_knob outage: no channel 'radio'; the channels: customs-regulator-phone"),
    ("speed", "rpm", 1.0, "set_knob: no knob 'speed'"),
])
def test_a_wrong_knob_is_refused_and_nothing_is_journaled(session, knob, target, value, says):
    session.jump_to(HOUR)
    before = len(session.events)
    with pytest.raises(CommandError) as error:
        session.do(c.SetKnob, knob=knob, target=target, value=value)
    assert says in str(error.value)
    assert len(session.events) == before
    session.close()
    assert not [x for x in JournalReader(session.journal_path).commands() if x.kind == "set_knob"]


@pytest.mark.parametrize("value, says", [
    (-1.0, "set_knob : traffic doit être compris entre 0/h et 10000/h, et non -1/h"),
    (1.5, "set_knob : inspectors est un nombre entier, pas 1.5"),
])
def test_a_french_facilitator_reads_the_whole_knob_refusal_in_french(session, value, says):
    """The knob's own problem is part of the refusal's words, not English glued in."""
    from simex.reasons import in_language

    knob, target = ("traffic", "rpm") if value < 0 else ("inspectors", "secondary")
    session.jump_to(HOUR)
    with pytest.raises(CommandError) as error:
        session.do(c.SetKnob, knob=knob, target=target, value=value)
    assert in_language(error.value, "fr") == says


def alarms(ex: Exercise, after: float = 0.0) -> int:
    return sum(1 for e in ex.events if e.kind == "world" and e.name == "alarm" and e.t >= after)


def test_traffic_knob_changes_the_alarm_rate_from_then_on():
    """600/h with 5 % innocent alarms gives ~30 alarms an hour; at zero
    traffic the portal is silent, and back at 600/h it alarms again."""
    ex = Exercise(make_scenario(world=[RPM]), bot_agencies=())
    ex.advance_to(HOUR)
    ex.apply(c.SetKnob(t=HOUR, knob="traffic", target="rpm", value=0.0))
    ex.advance_to(3 * HOUR)
    assert alarms(ex, HOUR) == 0 and alarms(ex) > 10
    ex.apply(c.SetKnob(t=3 * HOUR, knob="traffic", target="rpm", value=600.0))
    ex.advance_to(5 * HOUR)
    assert alarms(ex, 3 * HOUR) > 20


def test_inspectors_and_duration_knobs_change_the_service():
    """With nobody on duty the lab starts nothing; back on duty it starts at
    once, and the duration knob fixes how long the job takes."""
    ex = Exercise(make_scenario(world=[LAB]), bot_agencies=())
    ex.apply(c.SetKnob(t=0.0, knob="inspectors", target="lab-analysis", value=0.0))
    ex.apply(c.SetKnob(t=0.0, knob="duration", target="lab-analysis", value=600.0))
    ex.apply(c.TakeAction(t=60.0, agency="customs", action="inspect", params={"vehicle": "V1"}))
    ex.advance_to(2 * HOUR)
    assert not [e for e in ex.events if e.kind == "world" and e.name == "started"]
    ex.apply(c.SetKnob(t=2 * HOUR, knob="inspectors", target="lab-analysis", value=1.0))
    ex.advance_to(3 * HOUR)
    done = {e.name: e.t for e in ex.events if e.kind == "world" and e.process == "lab-analysis"}
    assert done["started"] == 2 * HOUR and done["completed"] == 2 * HOUR + 600


def test_an_outage_holds_messages_and_a_delay_adds_to_them():
    ex = Exercise(make_scenario(), bot_agencies=())
    ex.apply(c.SetKnob(t=0.0, knob="outage", target="c-p", value=1800.0))
    ex.apply(c.SendMessage(t=60.0, sender="customs", recipient="police", channel="c-p", subject="held"))
    ex.apply(c.SetKnob(t=HOUR, knob="delay", target="c-p", value=600.0))
    ex.apply(c.SendMessage(t=HOUR, sender="customs", recipient="police", channel="c-p", subject="slow"))
    ex.advance_to(2 * HOUR)
    delivered = {e.subject: e.t for e in ex.events if e.kind == "message_delivered"}
    assert delivered == {"held": 1800.0 + 120.0, "slow": HOUR + 120.0 + 600.0}


def test_every_knob_line_in_the_docs_reads_back():
    """docs/what-if.md's table of knob lines is what parse_knob accepts."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "what-if.md").read_text(encoding="utf-8")
    section = text.split("## Live knobs", 1)[1]
    lines = re.findall(r"^\| `([a-z]+ [^`]+)` \|", section, flags=re.M)
    assert {line.split()[0] for line in lines} == set(KNOBS)
    for line in lines:
        assert format_knob(*parse_knob(line)) == line
