"""An evaluator confirms or overrides a suggested P/S/M/U rating."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from simex.tui.forms import Form, labelled


class RatingForm(Form):
    """An evaluator confirms or overrides simex's suggested P/S/M/U rating.
    An override needs a reason; both are kept in the journal."""

    def __init__(self, session, t, title, evaluation):
        super().__init__(session, t, title)
        self.evaluation = evaluation
        self.suggestions = {}
        for o in evaluation.objectives:
            self.suggestions[o.id] = o.rating.suggested
            for task in o.tasks:
                self.suggestions[task.id] = task.rating.suggested

    def fields(self) -> ComposeResult:
        targets = []
        for o in self.evaluation.objectives:
            targets.append((f"{o.id} — {o.title}", o.id))
            targets.extend((f"   {task.id} — {task.title}", task.id) for task in o.tasks)
        yield labelled(Input(self.t.gettext("lead evaluator"), id="evaluator"), self.t.gettext("Evaluator"))
        yield labelled(Select(targets, id="target", prompt=self.t.gettext("Objective")), self.t.gettext("Objective"))
        yield Static("", id="suggestion")
        yield labelled(Select([(r, r) for r in "PSMU"], id="rating", prompt="P / S / M / U"), "P / S / M / U")
        yield labelled(Input(id="reason"), self.t.gettext("Rationale"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "target" and event.value is not Select.NULL:
            s = self.suggestions.get(event.value)
            text = self.t.gettext("suggested by simex: {rating} — {reason}").format(
                rating=s.rating or "–", reason=s.reason) if s else ""
            self.query_one("#suggestion", Static).update(text)
            if s and s.rating:
                self.query_one("#rating", Select).value = s.rating

    def collect(self):
        target = self.value("#target")
        suggestion = self.suggestions.get(target)
        suggested = (suggestion.rating or "") if suggestion else ""
        rating, reason = self.value("#rating"), self.value("#reason", required=False)
        if suggested and rating != suggested and not reason:
            self.query_one("#reason", Input).focus()
            raise ValueError(self.t.gettext("Rationale: a reason is needed to override the suggested {rating}")
                             .format(rating=suggested))
        return {"evaluator": self.value("#evaluator"), "target": target, "rating": rating,
                "reason": reason, "suggested": suggested}
