"""Mis-routed messages, partial recipients, media, and the network a relay
leaves behind. Customs holds V1 at T+10m; a phone message takes 2 min;
messages are numbered M0001, M0002... in the order they are sent."""
from tests.scoring_casebook.cases_timing import TELL, ratings
from tests.scoring_casebook.framework import CHANNELS, Case, hold, msg, tell

SECURE = {"channels": [*CHANNELS, {"id": "customs--b-lp-secure", "between": ["customs", "b-lp"],
                                   "medium": "secure_email", "delay": "10m"}]}
NEIGHBOUR_SECURE = [tell("EXP-NEIGHBOUR", "customs", "b-lp", "1h", via=["secure_email"])]   # due T+70m

CASES = [
    Case("mis-routed first, then right",
         "Customs writes to the lab at T+12 (owed the police, not the lab: mis-routed, charged to EXP-TELL#1), "
         "then to the police at T+15 (delivered T+17, on time). Precision 1 of 2; met on time after a "
         "mis-routed first attempt: S; the plan asks for a contact directory fix.",
         TELL, [hold(10), msg(12, "customs", "lab"), msg(15, "customs", "police")],
         {"statuses": {"EXP-TELL#1": "on_time"}, "misrouted": [("M0001", "lab", "EXP-TELL#1")],
          "precision": 0.5, "recall": 1.0, "ratings": ratings(O1="S", CT1="S"),
          "reasons": {"CT1": "EXP-TELL#1: notification first sent to lab instead"},
          "plan": [("planning", "Customs", ("EXP-TELL#1",))], "links": ([], [("customs", "lab")])}),
    Case("only mis-routed",
         "Customs writes to the lab only. The lab is in State A, like the police, but a wrong message reaches "
         "no State that had to be told: recall 0, precision 0, States 0 of 1. Missed: U; two plan rows "
         "(the missed notification, the mis-route).",
         TELL, [hold(10), msg(12, "customs", "lab")],
         {"statuses": {"EXP-TELL#1": "missed"}, "misrouted": [("M0001", "lab", "EXP-TELL#1")],
          "precision": 0.0, "recall": 0.0, "states": (("A",), (), 0.0), "ratings": ratings(O1="U", CT1="U"),
          "reasons": {"CT1": "Customs sent it to lab instead (mis-routed)"},
          "plan": [("planning", "Customs", ("EXP-TELL#1",)), ("planning", "Customs", ("EXP-TELL#1",))]}),
    Case("answering one debt is no mis-route of another",
         "The regulator owes the police (15 min) and B's liaison point (3 h). Its message to the police "
         "answers the first; it is not judged against the second. Both on time (7 and 12 min): P, nothing "
         "to improve, States A and B reached.",
         [tell("EXP-RESULT", "regulator", "police"),
          tell("EXP-NEIGHBOUR", "regulator", "b-lp", "3h", task="CT2")],
         [hold(10), msg(15, "regulator", "police"), msg(20, "regulator", "b-lp")],
         {"statuses": {"EXP-RESULT#1": "on_time", "EXP-NEIGHBOUR#1": "on_time"},
          "delays": {"EXP-RESULT#1": 7.0, "EXP-NEIGHBOUR#1": 12.0}, "misrouted": [], "precision": 1.0,
          "recall": 1.0, "states": (("A", "B"), ("A", "B"), 1.0),
          "ratings": ratings(O1="P", CT1="P", CT2="P"), "improvements": 0, "plan": []}),
    Case("messages sent when nothing is owed are no attempts",
         "To the lab at T+5 (before the hold: nothing owed), to the police at T+15 (delivered T+17), to the lab "
         "at T+20 (after delivery: nothing owed). One attempt, right: precision 1 of 1, P. The lab link is "
         "unexpected, an informal route, not a fault.",
         TELL, [msg(5, "customs", "lab"), hold(10), msg(15, "customs", "police"), msg(20, "customs", "lab")],
         {"precision": 1.0, "misrouted": [], "ratings": ratings(O1="P", CT1="P"),
          "links": ([], [("customs", "lab")])}),
    Case("partial recipients",
         "Customs owes the police (A, 15 min) and B's liaison point (B, 1 h); it tells the police only. Recall "
         "1 of 2, States 1 of 2, precision 1 of 1. CT1 P, CT2 U: some tasks performed, so O1 M, not U.",
         [tell("EXP-TELL", "customs", "police"), tell("EXP-NEIGHBOUR", "customs", "b-lp", "1h", task="CT2")],
         [hold(10), msg(15, "customs", "police")],
         {"statuses": {"EXP-TELL#1": "on_time", "EXP-NEIGHBOUR#1": "missed"}, "recall": 0.5, "precision": 1.0,
          "states": (("A", "B"), ("A",), 0.5), "ratings": ratings(O1="M", CT1="P", CT2="U"),
          "reasons": {"O1": "CT1 P, CT2 U"}, "links": ([("customs", "b-lp")], []),
          "plan": [("planning", "Customs", ("EXP-NEIGHBOUR#1",))]}),
    Case("right agency, wrong medium",
         "Doctrine wants B told by secure e-mail; customs phones at T+15. The attempt went to the right "
         "agency (precision 1 of 1), but no notification doctrine accepts was delivered (recall 0): U.",
         NEIGHBOUR_SECURE, [hold(10), msg(15, "customs", "b-lp")],
         {"statuses": {"EXP-NEIGHBOUR#1": "missed"}, "precision": 1.0, "recall": 0.0,
          "ratings": ratings(O1="U", CT1="U")},
         sections=SECURE),
    Case("right agency, then the right medium",
         "The phone call at T+15, then the secure e-mail at T+20 (10 min on the wire, delivered T+30): "
         "20 min after the trigger, within the hour: P; both attempts went to B (precision 2 of 2).",
         NEIGHBOUR_SECURE, [hold(10), msg(15, "customs", "b-lp"), msg(20, "customs", "b-lp", via="customs--b-lp-secure")],
         {"statuses": {"EXP-NEIGHBOUR#1": "on_time"}, "delays": {"EXP-NEIGHBOUR#1": 20.0}, "precision": 1.0,
          "recall": 1.0, "ratings": ratings(O1="P", CT1="P")},
         sections=SECURE),
    Case("a relay through the regulator",
         "Customs (detection: its hold at T+10) tells the regulator at T+12 (mis-routed: it owed the police); "
         "the regulator, owing nothing, tells the police at T+20 (delivered T+22). The police learn of it 12 "
         "min after detection, through the regulator, but customs never notified them: missed, U. The "
         "required link customs -> police is missing; both links used are unexpected. One pair (customs -> "
         "police) has its only path through the regulator; with 5 agencies betweenness is normalised by "
         "(5-1)(5-2) = 12: 1/12 = 0.083. The regulator held it 6 min (T+14 to T+20); lab and B never reached.",
         TELL, [hold(10), msg(12, "customs", "regulator"), msg(20, "regulator", "police")],
         {"statuses": {"EXP-TELL#1": "missed"}, "misrouted": [("M0001", "regulator", "EXP-TELL#1")],
          "precision": 0.0, "links": ([("customs", "police")], [("customs", "regulator"), ("regulator", "police")]),
          "reach": {"customs": 0.0, "police": 12.0, "regulator": 4.0, "lab": None, "b-lp": None},
          "betweenness": ("regulator", 0.083),
          "bottlenecks": ["regulator relayed most information (betweenness 0.08)",
                          "regulator held the information 6 min before passing it on",
                          "never reached from customs: lab, b-lp"],
          "ratings": ratings(O1="U", CT1="U")}),
]
