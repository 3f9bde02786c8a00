"""A refusal is read in the reader's language. One server serves consoles in
several languages at once, so the engine raises a template and its
parameters, the frame carries them beside the English, and each console
renders them with its own catalog. A server's reason is hostile input: a
malformed one shows the English and never breaks the console."""
from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from simex.engine import commands as c
from simex.languages import translator
from simex.net import server as server_module
from simex.net.client import Refused
from simex.tui.participant import make_participant_app
from simex.tui.participant_forms import RemoteForm
from tests.net.test_participant import SIZE, header, joined, until

# The refusal for a message to an agency the scenario does not have, as each console reads it.
NO_AGENCY = {
    "en": "no agency 'nobody'",
    "fr": "aucun organisme 'nobody'",
    "ar": "لا توجد جهة 'nobody'",
    "zh": "没有机构 'nobody'",
}
TO_NOBODY = {"sender": "customs", "recipient": "nobody", "channel": "customs-police-radio", "subject": "x"}


def listening(app) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    app.notify = lambda message, **kw: said.append((str(message), kw.get("severity")))
    return said


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "zh"])
async def test_a_participant_reads_the_refusal_in_its_language(served, lang):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang=lang)
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        app.submit("send_message", TO_NOBODY, "sent")
        await until(pilot, lambda: said)
        assert said == [(NO_AGENCY[lang], "error")]
    assert not [e for e in served.session.events if e.kind == "message_sent"]
    await remote.close()


async def test_word_parameters_translate_too(served):
    """A list, a "none" and a did-you-mean inside a sentence are in the
    reader's language too, not English fragments in a French sentence."""
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="fr")
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        app.submit("take_action", {"agency": "customs", "action": "secondary_inspection",
                                   "params": ["vehicle"]}, "done")
        await until(pilot, lambda: said)
    assert said == [("take_action.params doit être un dictionnaire de noms et de valeurs, pas une liste", "error")]
    await remote.close()


async def test_a_form_refused_after_endex_says_why_in_french(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        served.session.do(c.EndExercise)
        served.publish()
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, RemoteForm))
        app.screen.query_one("#decision", Input).value = "Libérer la voie 3"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "l'exercice est terminé" in str(app.screen.query_one("#error", Static).render()))
    await remote.close()


async def test_the_client_s_own_refusal_is_in_the_console_s_language(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="zh")
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        remote._ws = None          # the connection dropped: the client refuses by itself
        app.submit("record_decision", {"agency": "customs", "decision": "x"}, "done")
        await until(pilot, lambda: said)
    english = "not connected to the server; it will reconnect by itself"
    assert said == [(translator("zh").gettext(english), "error")]
    assert said[0][0] != english


HOSTILE = [
    "not a reason",
    {"template": "no agency {agency!r}"},                                    # a field without its value
    {"template": "no agency {agency!r}", "params": {"agency": {"template": 5}}},
    {"template": "no agency {agency!r}", "params": {"agency.__class__": "x"}},
    {"template": "{where.__class__.__mro__}", "params": {"where": "x"}},     # not in the catalog
    {"template": "speed must be between 0 and {fastest:g}", "params": {"fastest": "fast"}},
    {"template": "no agency {agency!r}", "params": {"agency": {"list": "abc"}}},
    {"template": "no agency {agency!r}", "params": {"agency": {"list": ["a"] * 10_000}}},
    {"template": "no agency {agency!r}", "params": {"agency": {"template": "{x}", "params": {"x": {
        "template": "{x}", "params": {"x": {"template": "{x}", "params": {"x": {"template": "{x}"}}}}}}}}},
    {"template": "no agency {agency!r}", "params": ["nobody"]},
    {"template": "no agency {agency!r}", "params": {"agency": "nobody"}, "extra": 1},
]


@pytest.mark.parametrize("reason", HOSTILE, ids=range(len(HOSTILE)))
async def test_a_malformed_reason_from_a_server_shows_the_english(served, monkeypatch, reason):
    real = server_module.error_frame

    def hostile(why, ident=None):
        frame = real(why, ident)
        frame["reason"] = reason
        return frame
    monkeypatch.setattr(server_module, "error_frame", hostile)
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="fr")
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        app.submit("send_message", TO_NOBODY, "sent")
        await until(pilot, lambda: said)
        assert said == [(NO_AGENCY["en"], "error")]
        app.submit("send_message", {**TO_NOBODY, "recipient": "police"}, "sent")     # the console carries on
        await until(pilot, lambda: len(said) == 2)
        assert said[1] == ("sent", None)
    await remote.close()


async def test_an_old_server_without_reasons_is_read_in_english(served, monkeypatch):
    real = server_module.error_frame
    monkeypatch.setattr(server_module, "error_frame",
                        lambda why, ident=None: {k: v for k, v in real(why, ident).items() if k != "reason"})
    remote = await joined(served, "participant:customs")
    with pytest.raises(Refused) as refused:
        await remote.send("send_message", **TO_NOBODY)
    assert str(refused.value) == NO_AGENCY["en"] and refused.value.reason is None
    await remote.close()


async def test_a_revoked_code_is_told_in_the_console_s_language(served):
    remote = await joined(served, "participant:customs")
    app = make_participant_app(remote, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        served.codes.reissue("participant:customs")
        served.disconnect_role("participant:customs")
        await until(pilot, lambda: "code d'accès inconnu" in header(app))
    assert remote.gave_up == "unknown join code"          # the English stays for logs
    await remote.close()
