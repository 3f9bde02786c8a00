"""What the participant console derives from its events, without a screen:
the inbox and its read marks, the references a message can be 'concerning',
and the legal clocks an agency owns."""
from __future__ import annotations

from simex import events as ev
from simex.tui.i18n import Translator
from simex.tui.inbox import Digest, inject_text, task_line


def fed(*events) -> Digest:
    digest = Digest(agency="customs", lang="fr")
    digest.feed(list(enumerate(events)))
    return digest


def test_inbox_newest_first_with_read_marks_and_acknowledgements():
    d = fed(ev.InjectDelivered(t=0, inject="I01", to=("customs",), sender="control", via="handout", synopsis="Start",
                               translations={"fr": {"synopsis": "Début", "text": ""}}),
            ev.InjectDelivered(t=60, inject="I02", to=("police",), sender="control", via="phone"),
            ev.MessageDelivered(t=90, message="M1", sender="police", recipient="customs", channel="c-p",
                                subject="Roadblock", classification="restricted"),
            ev.InjectAcknowledged(t=100, inject="I01", agency="customs"))
    assert [(i.key, i.subject, i.acknowledged) for i in d.inbox()] == [
        ("message:M1", "Roadblock", False), ("inject:I01", "Début", True)]      # not police's I02
    assert d.unread() == 2
    d.mark_read("message:M1")
    assert d.unread() == 1
    assert [t.text for t in d.tasks()] == []                                   # I01 acknowledged


def test_references_are_identifiers_most_recent_first():
    d = fed(ev.WorldEvent(t=0, process="rpm", name="alarm", observer="customs",
                          facts={"vehicle": "RPM-1", "lane": 2, "gamma_sigma": 5.8, "neutron": False,
                                 "manifest": "Steel scrap for the foundry"}),
            ev.WorldEvent(t=10, process="rpm", name="alarm", observer="customs", facts={"vehicle": "NV-4471-KB"}),
            ev.ActionTaken(t=20, agency="customs", action="inspect", params={"vehicle": "RPM-1"}))
    assert d.references() == ["vehicle=RPM-1", "vehicle=NV-4471-KB"]   # numbers, flags and prose are not references
    assert d.values_for("vehicle") == ["RPM-1", "NV-4471-KB"]


def test_a_legal_clock_is_a_task_until_it_stops():
    t = Translator("en")
    events = [(0, ev.WorldEvent(t=100, process="hold-limit", name="started", observer="customs",
                                facts={"deadline_s": 3600.0})),
              (1, ev.WorldEvent(t=120, process="secondary", name="started", observer="customs",
                                facts={"vehicle": "X"}))]
    d = Digest(agency="customs")
    d.feed(events)
    [task] = d.tasks()                                                    # a service's `started` is no clock
    assert task_line(task, 700, t) == "  due T+01:01:40 (in 50 min)  hold-limit"
    assert task_line(task, 4000, t).startswith("  EXPIRED T+01:01:40")
    events.append((2, ev.WorldEvent(t=900, process="hold-limit", name="stopped", observer="customs",
                                    facts={"elapsed_s": 800})))
    d.feed(events)                                                        # only the new event is read
    assert d.tasks() == []


def test_inject_text_falls_back_to_what_was_sent():
    inject = ev.InjectDelivered(t=0, inject="I1", to=("customs",), sender="control", via="phone",
                                synopsis="Alarm", text="Lane 2", translations={"fr": {"synopsis": "Alarme"}})
    assert inject_text(inject, "fr") == ("Alarme", "Lane 2") and inject_text(inject, "es") == ("Alarm", "Lane 2")


def test_a_legal_clock_task_reads_as_the_scenario_names_it():
    """The server tells a participant the titles of the clocks its agency owns;
    the task then reads as the scenario names it, not by the process id."""
    d = Digest(agency="customs", lang="fr", titles={"hold-limit": {"en": "Administrative hold", "fr": "Retenue"}})
    d.feed([(0, ev.WorldEvent(t=100, process="hold-limit", name="started", observer="customs",
                              facts={"deadline_s": 3600.0}))])
    [task] = d.tasks()
    assert task_line(task, 700, Translator("fr")) == "  échéance T+01:01:40 (dans 50\u00a0min)  Retenue"   # CLDR: a no-break space


def test_the_msel_names_every_recipient_or_says_how_many_more():
    """I01 goes to customs, regulator and police: the MSEL's 'to' column once
    showed 'customs, regulato…', police gone."""
    from simex.tui.panes import MselPane, recipients

    assert recipients(("customs", "regulator", "police"), MselPane.TO_WIDTH) == "customs, regulator, police"
    assert recipients(("customs", "regulator", "police"), 21) == "customs, regulator +1"
    assert recipients(("customs", "regulator", "police"), 20) == "customs +2"
    assert recipients(("est-nrsa", "norvalia-lp", "iaea", "police"), 20) == "est-nrsa +3"
    assert recipients(("a-very-long-agency-identifier",), 12).endswith("…")


def test_the_time_left_on_a_clock_reads_in_the_players_own_units():
    """A Russian or Chinese player reads how long is left in their own units,
    not in English abbreviations inside their own sentence."""
    d = Digest(agency="customs", lang="ru")
    d.feed([(0, ev.WorldEvent(t=100, process="hold-limit", name="started", observer="customs",
                              facts={"deadline_s": 3600.0}))])
    [task] = d.tasks()
    assert "(через 50 мин)" in task_line(task, 700, Translator("ru"))
    assert "50分钟" in task_line(task, 700, Translator("zh"))
    assert "min" not in task_line(task, 722, Translator("ar"))
