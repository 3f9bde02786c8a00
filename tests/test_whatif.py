"""`simex whatif`: the exercise a journal records, played again with one
decision changed, side by side with what happened.

The journal (tests/whatif_example.py) is the border scenario with the police
desk played by a person: C1 resume, C2 take over the case at 03:10, C3 seize
at 03:25, C4 acknowledge the journalist's call at 03:40, C5 tell Norvalia's
liaison point at 04:40, an hour after the deadline (EXP-NEIGHBOUR, 1 h after
the police took the case)."""
from __future__ import annotations

import json

import pytest

from simex.cli import main
from simex.whatif import counterfactual
from tests.whatif_example import police_journal


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    return police_journal(tmp_path_factory.mktemp("whatif") / "police.simex")


def expectation(model, exp_id):
    return next(e for e in model["expectations"] if e["id"] == exp_id)


def objective(model, obj_id):
    return next(o for o in model["objectives"] if o["id"] == obj_id)


def test_a_late_notification_moved_earlier_is_on_time_and_the_rating_follows(journal):
    model = counterfactual(journal, [("move", ("C5=03:20",))])
    neighbour = expectation(model, "EXP-NEIGHBOUR")
    assert neighbour["exercise"]["status"] == "late"
    assert neighbour["whatif"]["status"] == {"on_time": 1.0}
    assert neighbour["whatif"]["delay"]["median"] < 3600 < neighbour["exercise"]["delay"]
    obj4 = objective(model, "OBJ4")
    assert (obj4["exercise"]["suggested"], obj4["whatif"]) == ("S", {"P": 1.0})
    # Nothing before the change moves: the police took the lead as in the exercise.
    lead = expectation(model, "EXP-POLICE-LEAD")
    assert lead["whatif"]["delay"]["median"] == lead["exercise"]["delay"]
    assert any("EXP-NEIGHBOUR" in s and "on time" in s for s in model["summary"])
    assert any(s.startswith("OBJ4") and "rated P" in s and "against S" in s for s in model["summary"])


def test_a_change_that_changes_nothing_gives_the_exercise_back(journal):
    """Moving the resume to where it was replays the journal exactly."""
    model = counterfactual(journal, [("move", ("C1=00:00",))])
    for e in model["expectations"]:
        assert e["whatif"]["status"] == {e["exercise"]["status"]: 1.0}, e["id"]
        assert e["whatif"]["delay"]["median"] == e["exercise"]["delay"], e["id"]
    assert model["world"] == [] and model["skipped"] == []
    assert model["summary"] == ["With C1 at T+00:00:00, no expectation's status and no objective's rating changes."]


def test_then_bots_over_replications_gives_a_distribution(journal):
    model = counterfactual(journal, [("move", ("C5=03:20",))], then="bots", replications=20, workers=2)
    assert model["replications"] == 20
    # The police decisions after the change (seizing, the journalist's call) are the bots' now.
    assert model["decisions_by_bots"] == 2
    seize = expectation(model, "EXP-SEIZE")["whatif"]
    assert seize["delay"]["runs"] == 20 and seize["delay"]["p5"] < seize["delay"]["p95"]
    for e in model["expectations"]:
        assert sum(e["whatif"]["status"].values()) == pytest.approx(1.0)
    assert expectation(model, "EXP-NEIGHBOUR")["whatif"]["status"].get("on_time", 0) >= 0.9
    # The same runs without the change are there to compare with.
    assert sum(objective(model, "OBJ4")["played"].values()) == pytest.approx(1.0)


def test_unchanged_processes_draw_the_same_numbers_with_and_without_the_change(journal):
    """Common random numbers: replication r forks every stream at the change
    the same way with and without it, so a process the change does not touch
    (the portal's traffic) sees the same world in both."""
    model = counterfactual(journal, [("move", ("C5=03:20",))], replications=6)
    alarms = next(w for w in model["world"] if w["measure"] == "world.rpm.alarm")
    assert alarms["whatif"] == alarms["played"]
    assert alarms["whatif"]["p5"] < alarms["whatif"]["p95"]     # and the traffic does differ between runs


def test_commands_that_no_longer_apply_are_listed(journal):
    model = counterfactual(journal, [("add", ("facilitator skip_inject inject=M01 at 00:30",))])
    (skipped,) = model["skipped"]
    assert skipped["command"] == "C4"
    assert "acknowledge_inject" in skipped["what"] and "M01" in skipped["reason"]


def _cli(capsys, *argv):
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_same_journal_change_and_seed_give_byte_identical_output(journal, tmp_path, capsys, fmt):
    outputs = []
    for workers in ("1", "2"):
        target = tmp_path / f"w{workers}.{fmt}"
        status, _, err = _cli(capsys, "whatif", str(journal), "--move", "C5=03:20", "--then", "bots",
                              "-n", "8", "--workers", workers, "--format", fmt, "-o", str(target))
        assert status == 0, err
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    if fmt == "json":
        assert json.loads(outputs[0])["replications"] == 8
    if fmt == "html":
        assert outputs[0].count(b"<svg") == 1


def test_a_mistyped_command_in_add_is_pointed_at(journal, capsys):
    status, _, err = _cli(capsys, "whatif", str(journal), "--add", "police send_mesage norvalia-lp 'held' at 03:30")
    assert status == 1
    first, caret = err.splitlines()[:2]
    assert first == "simex whatif: --add police send_mesage norvalia-lp 'held' at 03:30"
    assert caret.index("^") == first.index("send_mesage")
    assert "did you mean 'send_message'?" in caret


@pytest.mark.parametrize("change, words", [
    (("--drop", "C9"), "the journal has no command C9 (it has C1 to C5"),
    (("--move", "C5"), "--move C5: write COMMAND=TIME"),
    (("--move", "C5=07:00"), "T+07:00:00 is after ENDEX (T+06:00:00)"),
    (("--replace", "C2", "params"), "write FIELD=VALUE"),
    (("--replace", "C2", "agencyy=customs"), "take_action has no field 'agencyy'; did you mean 'agency'?"),
    (("--add", "police take_over_case vehicle=NV-4471-KB"), "end with 'at TIME'"),
    (("--add", "police send_message nowhere 'x' at 01:00"), "no agency 'nowhere'"),
    (("--add", "police take_over_case vehicl=NV-4471-KB at 03:00"),
     "take_over_case has no parameter 'vehicl'; did you mean 'vehicle'?"),
    (("--add", "police send_message norvalia-lp 'x' at 3:3o"), "expected a duration like"),
])
def test_bad_changes_are_refused_in_words(journal, capsys, change, words):
    status, out, err = _cli(capsys, "whatif", str(journal), *change)
    assert status == 1 and out == ""
    assert words in err


def test_an_added_message_is_the_command_a_console_sends(journal):
    """--add goes through the same command objects as the consoles: a
    notification to Norvalia added at 03:20 meets the expectation, and the
    recorded one at 04:40 is then simply a second message."""
    model = counterfactual(journal, [("add", ("police send_message norvalia-lp 'Cs-137 gauge held' "
                                              "vehicle=NV-4471-KB at 03:20",))])
    assert expectation(model, "EXP-NEIGHBOUR")["whatif"]["status"] == {"on_time": 1.0}
    assert model["skipped"] == []


def test_journal_commands_lists_the_numbers(journal, capsys):
    status, out, _ = _cli(capsys, "journal", "commands", str(journal))
    assert status == 0
    assert out.splitlines()[4].split() == ["C5", "T+04:40:00", "police", "send_message", "norvalia-lp", "'Stolen",
                                          "Cs-137", "gauge", "held", "at", "Kessin'", "vehicle=NV-4471-KB",
                                          "channel=police-norvalia-liaison"]


def test_a_journal_that_does_not_replay_is_refused(journal, tmp_path):
    import sqlite3
    import shutil

    copy = tmp_path / "edited.simex"
    shutil.copy(journal, copy)
    db = sqlite3.connect(copy)
    db.execute("UPDATE entries SET t = t + 60 WHERE type = 'command' AND kind = 'send_message'")
    db.commit()
    db.close()
    from simex.journal import JournalError

    with pytest.raises(JournalError, match="does not replay"):
        counterfactual(copy, [("drop", ("C5",))])


def test_an_exercise_that_has_not_ended_is_refused_in_words(tmp_path):
    """A journal left before ENDEX would set half an exercise beside a whole one."""
    from simex.journal import JournalError
    from simex.session import LocalSession
    from tests.conftest import BORDER

    session = LocalSession.new(BORDER, journal_path=tmp_path / "half.simex")
    session.start()
    session.jump_to(3600.0)
    session.close()
    with pytest.raises(JournalError, match=r"has not ended \(the journal stops at T\+00:[0-5][0-9]:[0-5][0-9]\).*simex play --resume"):
        counterfactual(tmp_path / "half.simex", [("drop", ("C1",))])


def test_replacing_the_recipient_turns_a_late_notification_into_a_missed_one(journal):
    model = counterfactual(journal, [("replace", ("C5", "recipient=regulator channel=regulator-police-phone"))])
    assert expectation(model, "EXP-NEIGHBOUR")["whatif"]["status"] == {"missed": 1.0}
    assert objective(model, "OBJ4")["whatif"] == {"M": 1.0}
    assert model["changes"] == ["--replace C5 recipient=regulator channel=regulator-police-phone"]
