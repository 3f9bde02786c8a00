"""Chain of custody. EV1 (seal S-1) is found at T+5m, held by customs;
ENDEX is T+6h (360 min). Customs holds V1 at T+10m."""
from tests.scoring_casebook.cases_timing import ratings
from tests.scoring_casebook.framework import Case, give, hand, hold

HANDOVER = [hand("EXP-HANDOVER", "customs", "EV1", "police")]     # within 30m of the hold: due T+40m

CASES = [
    Case("a clean hand-over",
         "Sealed, signed, seal S-1, at T+20: 10 min after the trigger. Chain intact, nothing unaccounted: P.",
         HANDOVER, [hold(10), give(20, "customs", "police")],
         {"statuses": {"EXP-HANDOVER#1": "on_time"}, "delays": {"EXP-HANDOVER#1": 10.0},
          "custody": {"EV1": (("customs", "police"), 1, 0, 0.0)}, "ratings": ratings(O2="P", CT3="P"),
          "plan": []}),
    Case("an unsealed hand-over",
         "Handed over unsealed at T+20: only a sealed and signed hand-over meets doctrine, so missed (U); the "
         "chain broke at T+20 and was never restored: 360 - 20 = 340 min unaccounted. Plan: the missed "
         "hand-over (planning) and the break (equipment), both Customs'.",
         HANDOVER, [hold(10), give(20, "customs", "police", sealed=False)],
         {"statuses": {"EXP-HANDOVER#1": "missed"}, "custody": {"EV1": (("customs", "police"), 1, 1, 340.0)},
          "breaks": {"EV1": "unsealed"}, "ratings": ratings(O2="U", CT3="U"),
          "plan": [("planning", "Customs", ("EXP-HANDOVER#1",)), ("equipment", "Customs", ("EV1",))]}),
    Case("a break, then a clean transfer",
         "Unsigned to the police at T+20, then sealed and signed to the lab at T+50: one break, 30 min "
         "unaccounted; no doctrine expectation, so no rating, but a plan row for the break.",
         [], [give(20, "customs", "police", signed=False), give(50, "police", "lab")],
         {"custody": {"EV1": (("customs", "police", "lab"), 2, 1, 30.0)}, "breaks": {"EV1": "unsigned"},
          "ratings": ratings(), "plan": [("equipment", "Customs", ("EV1",))]}),
    Case("a new seal number with no note",
         "Sealed S-2 at T+20 where the label says S-1, with no note: a break, 340 min unaccounted.",
         [], [give(20, "customs", "police", seal="S-2")],
         {"custody": {"EV1": (("customs", "police"), 1, 1, 340.0)},
          "breaks": {"EV1": "seal number S-2 differs from S-1 with no note"}}),
    Case("a new seal number explained",
         "The same S-2, with a note saying why the package was resealed: no break.",
         [], [give(20, "customs", "police", seal="S-2", note="resealed after the RIID check")],
         {"custody": {"EV1": (("customs", "police"), 1, 0, 0.0)}, "plan": []}),
    Case("never handed over",
         "Nobody hands EV1 over: customs still holds it, no transfer, no break, nothing unaccounted; the "
         "report says 'never handed over' rather than 'intact'.",
         [], [hold(10)],
         {"custody": {"EV1": (("customs",), 0, 0, 0.0)}, "plan": []}),
]
