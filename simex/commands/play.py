"""`simex play`: the facilitator console on one terminal (Textual)."""
from __future__ import annotations

import argparse

from simex.commands._lang import message_language, messages
from simex.commands._session import add_session_arguments, feedback_form, open_session


def add_parser(sub) -> None:
    p = sub.add_parser("play", help="open the facilitator console",
                       description="Run a live exercise from this terminal. Agencies marked "
                                   "'simulated' in the scenario are played by bots; the others "
                                   "are played by people in the room (enter their decisions with 'a').")
    add_session_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    args.lang = message_language(args.lang)   # the console's: --lang, else SIMEX_LANG, else the locale
    form = feedback_form(args, "play")
    if isinstance(form, int):
        return form
    session = open_session(args, "play")
    if isinstance(session, int):
        return session
    from simex.tui.app import make_app

    make_app(session, lang=args.lang, feedback_form=form).run()
    session.close()
    # Translators: printed when the console closes; the command stays as it is
    print(messages(args.lang).gettext("journal: {path}  (continue with: simex play --resume {path})").format(
        path=session.journal_path))
    return 0
