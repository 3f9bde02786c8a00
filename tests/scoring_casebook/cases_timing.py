"""On time, late, missed, open, never triggered, live overdue, keys and values,
office hours and pre-roll. Times are minutes after STARTEX; customs holds V1
at T+10m unless said otherwise, and a phone message takes 2 min."""
from tests.scoring_casebook.framework import CHANNELS, Case, act, hold, msg, must, tell


def ratings(**given):
    """P/S/M/U per objective and task; unnamed ones have no suggestion ('—')."""
    return {"O1": None, "CT1": None, "CT2": None, "O2": None, "CT3": None, **given}


TELL = [tell("EXP-TELL", "customs", "police")]          # within 15m of the hold: due T+25m

CASES = [
    Case("on time",
         "Sent T+15, delivered T+17: 7 min after the trigger, inside 15. Everything P, nothing to improve.",
         TELL, [hold(10), msg(15, "customs", "police")],
         {"statuses": {"EXP-TELL#1": "on_time"}, "delays": {"EXP-TELL#1": 7.0},
          "notifications": [("EXP-TELL#1", "customs->police", 7.0, "on_time")],
          "recall": 1.0, "precision": 1.0, "ratings": ratings(O1="P", CT1="P"),
          "reasons": {"CT1": "the 1 expectation met on time"},
          "plan": [], "improvements": 0, "doses": (False, [])}),
    Case("delivered at the deadline to the second",
         "Sent T+23, delivered T+25:00, the deadline itself: on time (late means after the deadline).",
         TELL, [hold(10), msg(23, "customs", "police")],
         {"statuses": {"EXP-TELL#1": "on_time"}, "delays": {"EXP-TELL#1": 15.0},
          "ratings": ratings(O1="P", CT1="P")}),
    Case("late, by less than the deadline again",
         "Delivered T+35, 10 min after the T+25 deadline; 10 <= 15, so S. The plan asks Customs to train.",
         TELL, [hold(10), msg(33, "customs", "police")],
         {"statuses": {"EXP-TELL#1": "late"}, "late_by": {"EXP-TELL#1": 10.0},
          "ratings": ratings(O1="S", CT1="S"),
          "reasons": {"CT1": "EXP-TELL#1 met 10 min after its 15 min deadline", "O1": "CT1 S"},
          "plan": [("training", "Customs", ("EXP-TELL#1",))]}),
    Case("late, by more than the deadline again",
         "Delivered T+50, 25 min late on a 15 min deadline: later than the deadline again, so M although met.",
         TELL, [hold(10), msg(48, "customs", "police")],
         {"statuses": {"EXP-TELL#1": "late"}, "late_by": {"EXP-TELL#1": 25.0},
          "ratings": ratings(O1="M", CT1="M"), "reasons": {"CT1": "more than the deadline again"},
          "plan": [("training", "Customs", ("EXP-TELL#1",))]}),
    Case("missed",
         "Nothing sent: missed at ENDEX; the only occurrence missed, so U. Recall 0 of 1; no attempt, so no "
         "precision; State A not reached; the required link customs -> police never used.",
         TELL, [hold(10)],
         {"statuses": {"EXP-TELL#1": "missed"}, "recall": 0.0, "precision": None,
          "states": (("A",), (), 0.0), "ratings": ratings(O1="U", CT1="U"),
          "reasons": {"CT1": "EXP-TELL#1 missed (EXP-TELL#1: Customs: hold — vehicle V1 at T+00:10:00"},
          "plan": [("planning", "Customs", ("EXP-TELL#1",))], "links": ([("customs", "police")], [])}),
    Case("open at ENDEX",
         "Held at T+5h55m: due T+6h10m, after ENDEX (T+6h). Too close to judge: open, not a failure, no rating.",
         TELL, [hold(355)],
         {"statuses": {"EXP-TELL#1": "open"}, "totals": {"open": 1}, "ratings": ratings(),
          "reasons": {"CT1": "1 expectation still open"}, "plan": []}),
    Case("never triggered",
         "No hold, so nothing was owed: no result, no rating, no recall (nothing required).",
         TELL, [msg(15, "customs", "police")],
         {"statuses": {}, "recall": None, "precision": None, "ratings": ratings(),
          "reasons": {"CT1": "no expectation of this task was triggered"}, "plan": []}),
    Case("an action with the wrong value is no answer",
         "Doctrine wants the alarm adjudicated anomalous within 10 min; customs adjudicates it innocent at "
         "T+15: not the expected action, so missed, U; a missed action is an organisation issue.",
         [must("EXP-ADJ", "customs", "adjudicate", "10m", key="vehicle", **{"with": {"outcome": "anomalous"}})],
         [hold(10), act(15, "customs", "adjudicate", vehicle="V1", outcome="innocent")],
         {"statuses": {"EXP-ADJ#1": "missed"}, "ratings": ratings(O1="U", CT1="U"),
          "plan": [("organization", "Customs", ("EXP-ADJ#1",))]}),
    Case("each occurrence by its own key",
         "Two trucks held (V1 T+10, V2 T+20), each to be inspected within 15 min. V1 inspected at T+15 (5 min), "
         "V1 again at T+30: that is not V2, so V2 is missed. One met, one missed: M.",
         [must("EXP-INSPECT", "customs", "inspect", key="vehicle", each=True)],
         [hold(10, "V1"), act(15, "customs", "inspect", vehicle="V1"), hold(20, "V2"),
          act(30, "customs", "inspect", vehicle="V1")],
         {"statuses": {"EXP-INSPECT#1": "on_time", "EXP-INSPECT#2": "missed"}, "delays": {"EXP-INSPECT#1": 5.0},
          "ratings": ratings(O1="M", CT1="M"), "plan": [("organization", "Customs", ("EXP-INSPECT#2",))]}),
    Case("only the first occurrence counts without each",
         "The same two holds, but the expectation is not `each`: only V1's counts, inspected in 5 min: P.",
         [must("EXP-INSPECT", "customs", "inspect", key="vehicle")],
         [hold(10, "V1"), act(15, "customs", "inspect", vehicle="V1"), hold(20, "V2")],
         {"statuses": {"EXP-INSPECT#1": "on_time"}, "ratings": ratings(O1="P", CT1="P")}),
    Case("live: overdue, by less than the deadline again",
         "Judged at T+35 while the exercise runs: due T+25, not sent, 10 min overdue. It may still come, "
         "late by at least 10 min (<= 15): S so far, already an area for improvement.",
         TELL, [hold(10)],
         {"statuses": {"EXP-TELL#1": "overdue"}, "totals": {"overdue": 1}, "late_by": {"EXP-TELL#1": 10.0},
          "ratings": ratings(O1="S", CT1="S"), "reasons": {"CT1": "EXP-TELL#1 overdue by 10 min"},
          "improvements": 1},
         until=35),
    Case("live: overdue by more than the deadline again",
         "Judged at T+45: 20 min overdue on a 15 min deadline; at best it will be very late: M so far, never U "
         "while it can still be met.",
         TELL, [hold(10)],
         {"statuses": {"EXP-TELL#1": "overdue"}, "ratings": ratings(O1="M", CT1="M")},
         until=45),
    Case("live: not yet due",
         "Judged at T+20: due at T+25, so open, and no rating yet.",
         TELL, [hold(10)],
         {"statuses": {"EXP-TELL#1": "open"}, "ratings": ratings()},
         until=20),
]

# Office hours: the lab's desk is staffed 08:00-17:00 (UTC) on weekdays.
LAB_DESK = {"channels": [*[ch for ch in CHANNELS
                           if ch["id"] != "customs--lab"],
                         {"id": "customs--lab", "between": ["customs", "lab"], "medium": "phone", "delay": "2m",
                          "availability": "office_hours"}]}
TELL_LAB = [tell("EXP-LAB", "customs", "lab", "30m")]        # due T+40m

CASES += [
    Case("office hours: counted when sent, delivered when the desk opens",
         "STARTEX 07:00. Sent T+12 (07:12) over the lab's office-hours channel: customs did its part 2 min "
         "after the trigger, on time, P. The desk is closed until 08:00, so the message is delivered at T+60; "
         "the delivery time is reported apart from the score.",
         TELL_LAB, [hold(10), msg(12, "customs", "lab")],
         {"statuses": {"EXP-LAB#1": "on_time"}, "delays": {"EXP-LAB#1": 2.0}, "delivered": {"EXP-LAB#1": 60.0},
          "ratings": ratings(O1="P", CT1="P")},
         sections=LAB_DESK),
    Case("office hours: sent before closing, delivered after ENDEX",
         "STARTEX 16:30. Held T+10 (16:40), due 17:10. Sent 16:59 over the right channel: on time, P, though "
         "it would arrive 17:01, after closing, and the desk opens at 08:00 next day, after ENDEX: nothing "
         "is delivered (no delivery time), and the sender's part is judged, not the desk's hours.",
         TELL_LAB, [hold(10), msg(29, "customs", "lab")],
         {"statuses": {"EXP-LAB#1": "on_time"}, "delivered": {}, "precision": 1.0, "recall": 1.0,
          "ratings": ratings(O1="P", CT1="P")},
         sections={**LAB_DESK, "exercise": {"startex": "2026-03-17T16:30:00+00:00"}}),
    Case("office hours: sent while open",
         "STARTEX 16:30; sent 16:55 (15 min after the trigger, on time), delivered 16:57 before closing.",
         TELL_LAB, [hold(10), msg(25, "customs", "lab")],
         {"statuses": {"EXP-LAB#1": "on_time"}, "delays": {"EXP-LAB#1": 15.0}, "delivered": {"EXP-LAB#1": 27.0}, "ratings": ratings(O1="P", CT1="P")},
         sections={**LAB_DESK, "exercise": {"startex": "2026-03-17T16:30:00+00:00"}}),
]

# Pre-roll: the portal runs for an hour before STARTEX. BAD-1 alarms at T-30m
# (history: doctrine starts at STARTEX), BAD-2 at T+30m.
PORTAL = {"id": "rpm", "type": "portal_monitor", "operator": "customs", "lanes": 1, "vehicles_per_hour": 0.001,
          "threats": [{"at": "30m", "vehicle": "BAD-1", "nuclide": "Cs-137", "description": "gauge",
                       "dose_rate_uSv_h": 5, "p_detect": 1.0},
                      {"at": "1h30m", "vehicle": "BAD-2", "nuclide": "Cs-137", "description": "gauge",
                       "dose_rate_uSv_h": 5, "p_detect": 1.0}]}

CASES += [
    Case("pre-roll: an alarm before STARTEX opens nothing",
         "With a 1 h pre-roll, BAD-1 alarms at T-30m: no expectation (doctrine starts at STARTEX), so "
         "inspecting it at T+5 is neither owed nor judged. BAD-2 alarms at T+30 and is inspected at T+40: "
         "one expectation, 10 min, P.",
         [must("EXP-INSPECT", "customs", "inspect", trigger={"event": "rpm.alarm"}, key="vehicle", each=True)],
         [act(5, "customs", "inspect", vehicle="BAD-1"), act(40, "customs", "inspect", vehicle="BAD-2")],
         {"statuses": {"EXP-INSPECT#1": "on_time"}, "delays": {"EXP-INSPECT#1": 10.0},
          "ratings": ratings(O1="P", CT1="P")},
         sections={"exercise": {"preroll": "1h"}, "world": [PORTAL]}),
]
