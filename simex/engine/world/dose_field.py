"""The radiation field at an incident site, and the dose of those who work in it.

The field is the residual source (a point source: inverse square behind its
shielding, simex.domain.dose) plus the ground deposition a scenario gives
per measurement point: a dispersal model is out of scope, so the deposited
dose rates are stated scenario parameters. A survey (`survey_on`) takes
`survey_time` and reports, per point, the ambient dose rate as a meter reads
it and the protective actions its OILs call for (simex.domain.oil). The
100 µSv/h contour of the residual source is reported too (inner-cordon
expansion, simex.domain.cordons).

Teams accumulate dose while inside (time x dose rate at their distance,
simex.domain.dose). Their dose is visible to their agency only once
dosimetry is issued (`dosimetry_on`): before that it is truth only, which is
the classic failure "responders without dosimeters or dose records". A team
reaching its turn-back dose emits `turn_back` and is withdrawn.

The field changes with the story (an inject's `changes:` or the
facilitator's `change_world`): `shield` puts the source behind new
shielding (recovered into a container), `cordon` moves every team closer
than the new radius out to it. Teams inside add up their dose at the old
rate until the change and at the new one after.
"""
from __future__ import annotations

from simex.domain import contour_radius_m, dose_rate, protective_actions, turn_back_dose_mSv
from simex.engine.world.base import WorldProcess
from simex.events import Event
from simex.scenario.model import DoseField
from simex.scenario.text import tr


class DoseFieldProcess(WorldProcess):
    spec: DoseField

    def start(self) -> None:
        spec = self.spec
        self.dosimetry = spec.dosimetry_on is None
        self.hvl = spec.shielding_hvl
        self.distance = {t.id: t.distance_m for t in spec.teams}
        self._shift = 0                         # counts work shifts; a change starts a new one
        self.inside: dict[str, int] = {}       # team id -> its current work shift
        self.dose: dict[str, float] = {t.id: 0.0 for t in spec.teams}
        self.turned_back = 0
        self.surveyed = False
        self._last: dict[str, float] = {}     # team id -> time its dose was last added up
        self.ctx.truth[spec.site] = {**spec.truth, "cause": "threat", "nuclide": spec.nuclide,
                                     "activity_tbq": spec.activity_tbq,
                                     "contour_100uSv_m": round(self._contour(), 1)}
        self.on(spec.survey_on, self._survey)
        if spec.dosimetry_on is not None:
            self.on(spec.dosimetry_on, self._dosimeters)
        for team in spec.teams:
            self.on(team.enters_on, lambda ev, t=team: self._enter(t))
            if team.leaves_on is not None:
                self.on(team.leaves_on, lambda ev, t=team: self._leave(t, "withdrawn"))

    def _contour(self) -> float:
        s = self.spec
        return contour_radius_m(s.activity_tbq, 100.0, nuclide=s.nuclide, hvl=self.hvl)

    def rate_at(self, distance_m: float, deposition: float = 0.0) -> float:
        s = self.spec
        return dose_rate(s.activity_tbq, distance_m, nuclide=s.nuclide, hvl=self.hvl).uSv_h + deposition

    # --- survey -------------------------------------------------------------

    def _survey(self, event: Event) -> None:
        if not self.surveyed:
            self.surveyed = True
            self.spawn(self._measure(event.get("agency") or self.spec.owner))

    def _measure(self, observer: str):
        spec, env = self.spec, self.ctx.env
        yield env.timeout(spec.survey_time.sample(self.stream("survey")))
        noise = self.stream("readings")
        day = env.now / 86400.0
        for point in spec.points:
            true = self.rate_at(point.distance_m, point.deposition_uSv_h)
            read = max(0.0, true * (1.0 + noise.gauss(0.0, spec.reading_error)))
            facts = {"site": spec.site, "point": point.id, "where": tr(point.title),
                     "dose_rate_uSv_h": round(read, 1), "above_100uSv_h": read >= 100.0}
            if spec.oil_set:
                facts.update(self._oil(read, day))
            self.world_event("measured", observer=observer, facts=facts,
                             truth={"dose_rate_uSv_h": round(true, 2)})
        contour = self._contour() * (1.0 + noise.gauss(0.0, spec.reading_error / 2))
        outside = max((p.distance_m for p in spec.points if p.deposition_uSv_h
                       and self.rate_at(p.distance_m, p.deposition_uSv_h) >= 100.0), default=0.0)
        self.world_event("contour", observer=observer,
                         facts={"site": spec.site, "contour_100uSv_m": round(max(contour, outside), -1)},
                         truth={"point_source_m": round(self._contour(), 1), "deposition_m": outside})

    def _oil(self, reading: float, day: float) -> dict:
        """The most urgent OIL a reading exceeds and the actions it calls for.
        OILs are for contamination on the ground, so a sealed-source scene
        sets `oil_set: null`."""
        actions = protective_actions(reading, day, self.spec.oil_set,
                                     radioiodine=self.spec.nuclide.upper().startswith("I-"))
        return {"oil": actions[0].oil if actions else "none",
                "recommended": ", ".join(dict.fromkeys(a.action for a in actions)) or "none"}

    # --- responders -----------------------------------------------------------

    def _dosimeters(self, event: Event) -> None:
        self.dosimetry = True

    def _enter(self, team) -> None:
        if team.id in self.inside or (self.dosimetry and self.dose[team.id] >= self._limit(team)):
            return
        self._last[team.id] = self.ctx.env.now
        rate = self.rate_at(self.distance[team.id])
        self.world_event("entered", observer=team.agency,
                         facts={"team": team.id, "distance_m": self.distance[team.id]},
                         truth={"dose_rate_uSv_h": round(rate, 1)})
        self._start_shift(team, rate)

    def _start_shift(self, team, rate: float) -> None:
        self._shift += 1
        self.inside[team.id] = self._shift
        self.spawn(self._work(team, rate))

    def _limit(self, team) -> float:
        return turn_back_dose_mSv(team.task, self.spec.guidance)

    def _work(self, team, rate_uSv_h: float):
        """Report the team's dose every `report_every`. At the turn-back dose a
        team with dosimeters is withdrawn; one without does not know and stays
        (controllers see `exceeded`)."""
        env, entered = self.ctx.env, self.inside[team.id]   # this shift, until a change or leaving
        limit = self._limit(team)
        if rate_uSv_h <= 0:
            return
        while self.inside.get(team.id) == entered:
            left = (limit - self.dose[team.id]) * 1000.0 / rate_uSv_h * 3600.0
            yield env.timeout(max(0.0, min(self.spec.report_every, left)))
            if self.inside.get(team.id) != entered:
                return
            self._accrue(team, rate_uSv_h)
            # Next to a very strong source the turn-back dose can be closer than
            # the clock resolves (now + left == now): then it is reached now, or
            # the loop would wait zero seconds forever.
            if self.dose[team.id] >= limit - 1e-9 or env.now + left <= env.now:
                self.turned_back += 1
                self.ctx.set_state(self.spec.id, "turn_backs", self.turned_back)
                if self.dosimetry:
                    self._leave(team, "turn_back")
                    return
                self.world_event("exceeded", observer="", facts={"team": team.id, "turn_back_mSv": limit},
                                 truth={"dose_mSv": round(self.dose[team.id], 2)})
                return  # dose keeps adding up until the team leaves; nobody is told
            if self.dosimetry:  # without dosimeters nobody reads a dose to report
                self.world_event("dose", observer=team.agency, facts=self._dose_facts(team),
                                 truth={"dose_mSv": round(self.dose[team.id], 2)})

    def _accrue(self, team, rate_uSv_h: float) -> None:
        now = self.ctx.env.now
        self.dose[team.id] += rate_uSv_h * (now - self._last[team.id]) / 3600.0 / 1000.0
        self._last[team.id] = now

    def _dose_facts(self, team) -> dict:
        dose = round(self.dose[team.id], 2) if self.dosimetry else "not measured (no dosimeter)"
        return {"team": team.id, "dose_mSv": dose, "turn_back_mSv": self._limit(team)}

    def _leave(self, team, why: str) -> None:
        if team.id not in self.inside:
            return
        self._accrue(team, self.rate_at(self.distance[team.id]))
        del self.inside[team.id]
        self.world_event(why, observer=team.agency, facts=self._dose_facts(team),
                         truth={"dose_mSv": round(self.dose[team.id], 2)})

    # --- changes ----------------------------------------------------------------

    def change(self, change) -> None:
        teams = {t.id: t for t in self.spec.teams}
        before = {tid: self.rate_at(self.distance[tid]) for tid in self.inside}
        if change.do == "shield":
            self.hvl = change.shielding_hvl
            contour = round(self._contour(), 1)
            self.ctx.truth[self.spec.site] = {**self.ctx.truth.get(self.spec.site, {}),
                                              "shielding_hvl": self.hvl, "contour_100uSv_m": contour}
            self.world_event("changed", observer=self.spec.owner,
                             facts={"site": self.spec.site, "shielding_hvl": self.hvl,
                                    "contour_100uSv_m": contour})
        else:   # cordon: the teams inside it move out to it
            for team in self.spec.teams:
                if self.distance[team.id] < change.radius_m:
                    was, self.distance[team.id] = self.distance[team.id], float(change.radius_m)
                    self.world_event("moved", observer=team.agency,
                                     facts={"team": team.id, "from_m": was, "distance_m": float(change.radius_m)})
        for tid, rate in before.items():
            self._accrue(teams[tid], rate)
            self._start_shift(teams[tid], self.rate_at(self.distance[tid]))
