"""The French consoles as issue 13 lists them: footer and command palette in
French, Skip and Cancel told apart, a sending form's button says Envoyer, and
no column header cut short."""
from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Button, DataTable

from simex.session import LocalSession
from simex.tui.app import make_app
from simex.tui.rowtable import RowTable
from tests.conftest import BORDER
from tests.net.conftest import serving
from tests.net.test_participant import joined
from simex.tui.participant import make_participant_app
from tests.tui.screen_text import screen_text


async def test_footer_and_palette_speak_french_and_skip_is_not_cancel():
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="fr", tick_seconds=None)
    async with app.run_test(size=(160, 40)) as pilot:
        # The footer composes its keys a frame or more later (longer on a busy machine).
        footer = ""
        for _ in range(200):
            await pilot.pause()
            footer = [line for line in screen_text(app).splitlines() if line.strip()][-1]
            if "Démarrer/pause" in footer:
                break
        assert "Démarrer/pause" in footer and "Injection suivante" in footer and "Plus vite" in footer
        assert "commandes" in footer and "palette" not in footer
        palette = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert palette["Ignorer l'injection"] == "touche : s"
        assert {"Thème", "Quitter", "Capture d'écran", "Reporter", "Délivrer"} <= set(palette)
        assert not {"Theme", "Quit", "Screenshot", "Skip", "Annuler"} & set(palette)
        await pilot.press("i")
        buttons = [str(b.label) for b in app.screen.query(Button)]
        assert buttons == ["Annuler", "Enregistrer"]
    session.close()


async def test_no_column_header_is_cut():
    session = LocalSession.new(BORDER, record=False)
    app = make_app(session, lang="fr", tick_seconds=None)
    async with app.run_test(size=(160, 40)) as pilot:
        for tab in "12345":
            await pilot.press(tab)
            await app.workers.wait_for_complete()
            await pilot.pause()
        for table in app.query(DataTable):
            for column in table.ordered_columns:
                assert column.width >= cell_len(str(column.label)), (table.id, str(column.label))
        for table in app.query(RowTable):
            for _, label, width in table.columns:
                assert width >= cell_len(label), (table.id, label)
        text = screen_text(app)
    session.close()
    assert "injectio " not in text and "sur déclen " not in text


async def test_a_participants_form_sends(tmp_path):
    async with serving(BORDER, tmp_path) as served:
        remote = await joined(served, "participant:customs")
        await _message_form(remote)


async def _message_form(remote):
    app = make_participant_app(remote, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        assert [str(b.label) for b in app.screen.query(Button)] == ["Annuler", "Envoyer"]
        assert "Ctrl+S envoyer · Échap annuler" in screen_text(app)
    await remote.close()
