"""Coordination metrics beyond routing: consistency of facts, who knew what
when, responder dose. Customs holds V1 at T+10m; a phone message takes 2 min."""
from tests.scoring_casebook.cases_timing import TELL, ratings
from tests.scoring_casebook.framework import Case, act, hold, msg, tell

KEYED = [tell("EXP-TELL", "customs", "police", key="vehicle")]   # facts are compared per vehicle

CASES = [
    Case("recipients left with different values",
         "The police get activity 37 GBq for V1 (M0001, T+15, the notification, on time); the lab gets 370 "
         "at T+20 (M0002: nothing owed by then, so no attempt). Each keeps a different value: one "
         "inconsistency, and a plan row naming Customs, who left the police with the stale one.",
         KEYED, [hold(10), msg(15, "customs", "police", vehicle="V1", activity_GBq=37),
                 msg(20, "customs", "lab", vehicle="V1", activity_GBq=370)],
         {"inconsistencies": [("vehicle=V1", "activity_GBq", ("37", "370"))], "precision": 1.0,
          "plan": [("planning", "Customs", ("M0001", "M0002"))], "ratings": ratings(O1="P", CT1="P")}),
    Case("a correction sent to everyone",
         "The same, then the corrected 370 to the police at T+25: everyone ends with 370, consistent.",
         KEYED, [hold(10), msg(15, "customs", "police", vehicle="V1", activity_GBq=37),
                 msg(20, "customs", "lab", vehicle="V1", activity_GBq=370),
                 msg(25, "customs", "police", vehicle="V1", activity_GBq=370)],
         {"inconsistencies": [], "plan": []}),
    Case("who knew what, when",
         "Customs knows V1 from its own hold (T+10); the police learn V1 and 37 GBq from M0001 on delivery "
         "(T+17). The activity is never 'known' by customs in the record: it only sent it.",
         TELL, [hold(10), msg(15, "customs", "police", vehicle="V1", activity_GBq=37)],
         {"knowledge": [("customs", "vehicle", "V1", 10.0), ("police", "activity_GBq", "37", 17.0),
                        ("police", "vehicle", "V1", 17.0)]}),
    Case("responder dose against turn-back",
         "team-1 reports 60 mSv with no turn-back given: the default 50 mSv applies, exceeded. team-2 "
         "reports 80 mSv against its own 100 mSv: not exceeded.",
         [], [act(30, "customs", "report_dose", responder="team-1", dose_mSv=60),
              act(40, "customs", "report_dose", responder="team-2", dose_mSv=80, turn_back_mSv=100)],
         {"doses": (True, [("team-1", 60.0, 50.0, True), ("team-2", 80.0, 100.0, False)])}),
]
