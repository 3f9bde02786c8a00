"""The facilitator console over several syndicates (`simex serve --syndicates N`).

One console, one clock: starting, pausing, the speed, jumping and ENDEX go
to every syndicate at once, so the groups play at the same pace. `S` shows
the next syndicate (its MSEL, timeline, agencies, scoring); what the
facilitator does to the play (deliver, skip or postpone an inject, a new
inject, acting for an agency, changing the world) goes to the shown
syndicate, or to all of them after `A` (shown in the header as "→ ALL").
"""
from __future__ import annotations

from textual.binding import Binding

from simex.engine import commands as c
from simex.languages import translator
from simex.reasons import in_language
from simex.tui.app import FacilitatorApp

# Session methods that drive the shared clock: always every syndicate.
CLOCK = frozenset({"pause", "resume", "start", "set_speed", "jump_to"})


class SyndicateApp(FacilitatorApp):
    BINDINGS = [Binding("S", "next_syndicate", "Next syndicate"),
                Binding("A", "toggle_all", "To all syndicates", show=False)]

    def __init__(self, syndicates: list, router, lang: str = "en", **kwargs):
        """`syndicates`: (session, ExerciseServer) pairs; `router` (simex.net.syndicates)
        listens for them all and is the console's server: it starts it, publishes
        every syndicate's events through it, and lists every syndicate's codes."""
        super().__init__(syndicates[0][0], lang=lang, server=router, **kwargs)
        self.syndicates = syndicates
        self.shown = 0
        self.to_all = False

    # --- one clock for all ---------------------------------------------------------------

    def tick(self) -> None:
        elapsed = 0.0 if self._last_tick is None else self.clock() - self._last_tick
        for n, (session, server) in enumerate(self.syndicates):
            if n != self.shown:
                if session.status == "running":
                    session.tick(elapsed)
                server.publish()
        super().tick()      # the shown one

    def run_command(self, fn, *args, **kwargs) -> bool:
        """The clock, and with "→ ALL" every command, go to each syndicate;
        a refusal in one is told with its number and stops nothing else."""
        name = getattr(fn, "__name__", "")
        shared = name in CLOCK or (name == "do" and args and args[0] is c.EndExercise)
        if getattr(fn, "__self__", None) is not self.session or not (shared or self.to_all):
            return super().run_command(fn, *args, **kwargs)
        done = True
        for n, (session, _) in enumerate(self.syndicates, 1):
            if session is self.session:
                done = super().run_command(fn, *args, **kwargs) and done
                continue
            try:
                getattr(session, name)(*args, **kwargs)
            except ValueError as exc:     # CommandError: that syndicate refuses it
                self.notify(f"{self.syndicate_word()} {n}: {in_language(exc, self.t.lang)}", severity="error",
                            timeout=8)
                done = False
        return done

    # --- switching -----------------------------------------------------------------------

    def syndicate_word(self) -> str:
        return translator(self.t.lang).gettext("syndicate")

    def clock_text(self) -> str:
        g = translator(self.t.lang)
        where = g.gettext("→ ALL") if self.to_all else g.gettext("→ this one")
        return (super().clock_text()
                + f"  │ {self.syndicate_word().upper()} {self.shown + 1}/{len(self.syndicates)} {where}")

    async def action_next_syndicate(self) -> None:
        self.shown = (self.shown + 1) % len(self.syndicates)
        self.session = self.syndicates[self.shown][0]
        self.seen = 0
        # Every pane is built from the session: build them again for this one.
        await self.recompose()
        self.sync(panes=True)
        self.notify(f"{self.syndicate_word()} {self.shown + 1}")

    def action_toggle_all(self) -> None:
        self.to_all = not self.to_all
        self.sync(panes=False)
