"""How task ratings make an objective's, what a failure keeps from
happening, and evaluators who confirm, override and disagree. Customs holds
V1 at T+10m; ENDEX (T+6h, 360 min) is when evaluators rate."""
from tests.scoring_casebook.cases_timing import TELL, ratings
from tests.scoring_casebook.framework import Case, act, give, hand, hold, msg, must, rate, tell

LATE = [hold(10), msg(33, "customs", "police")]          # 10 min late on 15: S
ON_TIME = [hold(10), msg(15, "customs", "police")]       # P
TELL_AND_LEAD = [tell("EXP-TELL", "customs", "police"), must("EXP-LEAD", "police", "lead", "30m", task="CT2")]
# The police lead waits for customs's message; the hand-over waits for the lead.
CHAIN = [tell("EXP-TELL", "customs", "police"),
         must("EXP-LEAD", "police", "lead", "30m", objective="O2", task="CT3",
              trigger={"event": "message_delivered", "where": {"sender": "customs", "recipient": "police"}}),
         hand("EXP-HANDOVER", "customs", "EV1", "police", trigger={"action": "lead", "by": "police"})]

CASES = [
    Case("every task U: the objective U",
         "Neither the police notification nor the police lead happens: CT1 U, CT2 U, so O1 U.",
         TELL_AND_LEAD, [hold(10)],
         {"statuses": {"EXP-TELL#1": "missed", "EXP-LEAD#1": "missed"}, "ratings": ratings(O1="U", CT1="U", CT2="U")}),
    Case("some tasks performed: the objective M, not U",
         "The police are told on time (CT1 P) but never take the lead (CT2 U): the objective is the worst of "
         "its tasks, but U only when every task is U, so M.",
         TELL_AND_LEAD, ON_TIME,
         {"ratings": ratings(O1="M", CT1="P", CT2="U"), "reasons": {"O1": "worst of its critical tasks: CT1 P, CT2 U"}}),
    Case("an expectation that names no task",
         "The notification belongs to O2 but to none of its tasks; 10 min late on 15 (S). It rates O2 "
         "directly; CT3 has nothing triggered.",
         [tell("EXP-TELL", "customs", "police", objective="O2", task=None)], LATE,
         {"ratings": ratings(O2="S"), "reasons": {"O2": "O2 S"}}),
    Case("what a missed notification keeps from happening",
         "Customs never tells the police (EXP-TELL missed, O1 U). The police lead waits for that message, and "
         "the hand-over for the lead: neither is triggered, both count as not performed, so CT3 and O2 are U "
         "with the missed notification named, not '—'.",
         CHAIN, [hold(10)],
         {"statuses": {"EXP-TELL#1": "missed"},
          "not_triggered": [("EXP-LEAD", ("EXP-TELL#1",)), ("EXP-HANDOVER", ("EXP-LEAD",))],
          "ratings": ratings(O1="U", CT1="U", O2="U", CT3="U"),
          "reasons": {"CT3": "EXP-LEAD never triggered: it needed EXP-TELL#1, missed at its T+00:25:00 deadline"},
          "improvements_have": ["EXP-HANDOVER never triggered: it needed EXP-LEAD, never triggered either; "
                                "the chain starts at EXP-TELL#1"]}),
    Case("the same chain, played",
         "Told at T+17, the police take the lead at T+30 (13 min after the message, within 30); that opens "
         "the hand-over, done at T+40 (10 min). All on time, nothing blocked: P throughout.",
         CHAIN, [*ON_TIME, act(30, "police", "lead", vehicle="V1"), give(40, "customs", "police")],
         {"statuses": {"EXP-TELL#1": "on_time", "EXP-LEAD#1": "on_time", "EXP-HANDOVER#1": "on_time"},
          "delays": {"EXP-TELL#1": 7.0, "EXP-LEAD#1": 13.0, "EXP-HANDOVER#1": 10.0}, "not_triggered": [],
          "ratings": ratings(O1="P", CT1="P", O2="P", CT3="P")}),
    Case("a missed step blocks the next",
         "Told on time, the police never take the lead (missed); the hand-over it would have opened never "
         "is. CT3: one missed, one not triggered, nothing performed: U.",
         CHAIN, ON_TIME,
         {"statuses": {"EXP-TELL#1": "on_time", "EXP-LEAD#1": "missed"},
          "not_triggered": [("EXP-HANDOVER", ("EXP-LEAD#1",))], "ratings": ratings(O1="P", CT1="P", O2="U", CT3="U")}),
    Case("an override keeps its reason",
         "Suggested S (10 min late); alice rates CT1 M with a reason. CT1 is M (evaluators'); the objective's "
         "suggestion is still the worst of its tasks' suggestions, S; alice's M is listed as an area for "
         "improvement.",
         TELL, [*LATE, rate(360, "alice", "CT1", "M", "S", "the police heard it on the radio first")],
         {"ratings": ratings(O1="S", CT1="M"),
          "evaluators": {"CT1": ("M", "evaluators", "", (("alice", "M", "S"),))},
          "improvements_have": ["alice rated CT1 M (suggested S): the police heard it on the radio first"]}),
    Case("two evaluators tie: the worse rating",
         "On time (P suggested); alice confirms P, bob rates S with a reason. One each: the tie goes to the "
         "worse, S, and the disagreement is shown for the lead evaluator.",
         TELL, [*ON_TIME, rate(360, "alice", "O1", "P", "P"), rate(360, "bob", "O1", "S", "P", "slow radio check")],
         {"ratings": ratings(O1="S", CT1="P"),
          "evaluators": {"O1": ("S", "evaluators", "alice: P, bob: S", (("bob", "S", "P"),))}}),
    Case("the most frequent rating",
         "alice S, bob S, carol P: two against one, S.",
         TELL, [*ON_TIME, rate(360, "alice", "O1", "S", "P", "late radio log"), rate(360, "bob", "O1", "S", "P", "same"),
                rate(360, "carol", "O1", "P", "P")],
         {"ratings": ratings(O1="S", CT1="P"),
          "evaluators": {"O1": ("S", "evaluators", "alice: S, bob: S, carol: P",
                                (("alice", "S", "P"), ("bob", "S", "P")))}}),
    Case("an evaluator's latest rating counts",
         "alice rates O1 M, then changes her mind to P: P, and no disagreement with herself.",
         TELL, [*ON_TIME, rate(360, "alice", "O1", "M", "P", "first impression"), rate(360, "alice", "O1", "P", "P")],
         {"ratings": ratings(O1="P", CT1="P"), "evaluators": {"O1": ("P", "evaluators", "", ())}}),
]
