"""Branch here: the facilitator pauses, picks an entry on the timeline and
writes a new journal holding the exercise up to that moment
(simex/branch.py), to play on from there differently. The live journal is
only read; the exercise on screen goes on as it was."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Label

from simex.branch import branch, describe
from simex.durations import format_clock
from simex.journal import JournalError
from simex.languages import translator
from simex.reasons import in_language
from simex.tui.forms import Form, labelled


def free_name(journal: Path, at: float) -> Path:
    """`live-branch-023000.simex` beside the live journal, numbered if taken."""
    whole = int(round(at))
    stem = f"{journal.stem}-branch-{whole // 3600:02d}{whole % 3600 // 60:02d}{whole % 60:02d}"
    candidate, number = journal.with_name(f"{stem}{journal.suffix}"), 2
    while candidate.exists():
        candidate, number = journal.with_name(f"{stem}-{number}{journal.suffix}"), number + 1
    return candidate


class BranchForm(Form):
    """Confirm the branch and name its file."""

    def __init__(self, session, t, title: str, at: float, target: Path):
        super().__init__(session, t, title)
        self.at, self.target = at, target
        self.words = translator(t.lang).gettext

    def fields(self) -> ComposeResult:
        yield Label(self.words("Keep everything before {at} in a new journal; the entry picked and all that "
                               "follows are left out. The live journal is not changed.")
                    .format(at=format_clock(self.at)))
        yield labelled(Input(str(self.target), id="branch-file"), self.words("New journal"))

    def collect(self):
        return Path(self.value("#branch-file"))


def branch_here(app) -> None:
    """The `b` key of the facilitator console."""
    from simex.tui.timeline import Timeline

    words = translator(app.t.lang).gettext
    session = app.session
    if session.status == "running":
        app.notify(words("Pause first (space), then pick the moment on the timeline"), severity="warning")
        return
    if session.journal_path is None:
        app.notify(words("This exercise keeps no journal: there is nothing to branch"), severity="warning")
        return
    index = app.query_one(Timeline).selected_index()
    if index is None or app.query_one("TabbedContent").active != "timeline":
        app.notify(words("Pick a moment on the timeline first (tab 2)"), severity="warning")
        return
    at = session.events[index].t

    def write(target: Path) -> None:
        # In a worker thread: the branch replays the journal twice (to verify it, then up
        # to the moment), which takes a while on a long exercise. It reads the journal
        # through its own connections, so the console and the live journal go on meanwhile.
        try:
            result = branch(session.journal_path, at, target, lang=app.t.lang)
        except JournalError as exc:
            app.call_from_thread(app.notify, in_language(exc, app.t.lang), severity="error", timeout=10)
            return
        app.call_from_thread(app.notify, describe(result, lang=app.t.lang), title=words("Branch written"),
                             timeout=15)

    def done(target):
        if target:
            session.journal.flush()     # what the screen showed is in the file the branch reads
            app.notify(words("Writing the branch…"))
            app.run_worker(lambda: write(target), thread=True, group="branch")
    app.push_screen(BranchForm(session, app.t, words("Branch here"), at, free_name(Path(session.journal_path), at)),
                    done)
