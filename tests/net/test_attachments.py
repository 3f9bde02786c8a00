"""Inject attachments reach remote players: the scenario's file is checked
and fingerprinted when read, the journal records its fingerprint, the
server hands it only to roles that were sent the inject, in pieces within a
byte budget, and the participant's laptop keeps it only when the whole file
arrived unchanged."""
from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from simex.net import media
from simex.net.client import RemoteSession
from simex.net.codes import CodeBook
from simex.net.server import ExerciseServer
from simex.reasons import shown
from simex.scenario.loader import check_file
from simex.session import LocalSession
from tests.conftest import BORDER
from tests.net.conftest import code_for
from tests.net.conftest import until as wait_for   # `until` here is the console's (test_participant)

I02_END = "    facts: {nuclide: Cs-137}\n    objectives: [OBJ4]\n"


def scenario_with(tmp_path: Path, path: str, content: bytes | None = b"", name: str = "media/gauge.png") -> Path:
    """border-detection with an attachment on I02 (police only), the file written beside it."""
    text = Path(BORDER).read_text(encoding="utf-8")
    assert I02_END in text
    text = text.replace(I02_END, I02_END + "    attachments:\n      - name: Photo of the stolen gauge\n"
                                           f"        path: {json.dumps(path)}\n", 1)
    (tmp_path / "exercise").mkdir(exist_ok=True)
    scenario = tmp_path / "exercise" / "scenario.yaml"
    scenario.write_text(text, encoding="utf-8")
    if content is not None:
        file = tmp_path / "exercise" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content)
    return scenario


def problems_of(scenario: Path) -> list:
    _, problems = check_file(scenario)
    return [p for p in problems if p.is_error]


def test_a_file_outside_the_scenario_folder_is_refused_at_its_line(tmp_path):
    (tmp_path / "secret.png").write_bytes(b"x")
    scenario = scenario_with(tmp_path, "../secret.png", content=None)
    [problem] = problems_of(scenario)
    assert "outside the scenario's folder" in problem.message
    assert scenario.read_text().splitlines()[problem.line - 1].strip().startswith("path:")


@pytest.mark.parametrize("path, says", [
    ("media/run.sh", "open only these kinds of file"),
    ("media/missing.png", "no file 'media/missing.png'"),
    ("/etc/hosts.txt", "absolute path"),
])
def test_attachments_a_viewer_cannot_safely_open_are_refused(tmp_path, path, says):
    scenario = scenario_with(tmp_path, path, content=b"#!/bin/sh\n", name="media/run.sh")
    [problem] = problems_of(scenario)
    assert says in problem.message


def test_a_file_too_large_for_a_venue_network_is_refused(tmp_path, monkeypatch):
    from simex.scenario import attachments
    monkeypatch.setattr(attachments, "MAX_BYTES", 1000)
    scenario = scenario_with(tmp_path, "media/gauge.png", content=b"\x89PNG" + b"\0" * 2000)
    [problem] = problems_of(scenario)
    assert "limited to" in problem.message


def test_the_journal_records_which_bytes_the_players_were_handed(tmp_path):
    content = os.urandom(1000)
    session = LocalSession.new(scenario_with(tmp_path, "media/gauge.png", content), journal_path=tmp_path / "j.simex")
    session.jump_to(2 * 3600)
    [i02] = [e for e in session.events if e.kind == "inject_delivered" and e.inject == "I02"]
    [attachment] = i02.attachments
    assert attachment["sha256"] == hashlib.sha256(content).hexdigest()
    assert attachment["size"] == 1000 and attachment["type"] == "image/png"
    session.close()
    assert hashlib.sha256(content).hexdigest().encode() in (tmp_path / "j.simex").read_bytes()


@pytest.fixture
async def served_with_photo(tmp_path):
    content = os.urandom(media.CHUNK * 2 + 12345)     # three pieces
    session = LocalSession.new(scenario_with(tmp_path, "media/gauge.png", content), journal_path=tmp_path / "j.simex")
    codes = CodeBook.for_scenario(session.scenario, tmp_path / "j.codes")
    server = ExerciseServer(session, codes, port=0)
    await server.start()
    yield server, content
    await server.stop()
    session.close()


async def test_a_remote_player_receives_the_whole_file_and_it_is_checked(served_with_photo, tmp_path):
    server, content = served_with_photo
    police = RemoteSession(server.address, code_for(server, "participant:police"), retry_seconds=0.05,
                           media_folder=tmp_path / "laptop")
    await police.join()
    server.session.jump_to(2 * 3600)
    server.publish()
    sha = hashlib.sha256(content).hexdigest()
    await wait_for(lambda: sha in police.media.items and (police.media.items[sha].ready or police.media.items[sha].error))
    item = police.media.items[sha]
    assert item.error == "" and item.path.read_bytes() == content
    assert item.path.name == "gauge.png" and item.path.is_relative_to(tmp_path / "laptop")
    assert item.path.stat().st_mode & 0o111 == 0          # a document, never a program
    await police.close()
    # A later session on the same laptop finds it already there.
    again = RemoteSession(server.address, code_for(server, "participant:police"), media_folder=tmp_path / "laptop")
    await again.join()
    await wait_for(lambda: sha in again.media.items)
    assert again.media.items[sha].ready
    await again.close()


async def request(server, label: str, frame: dict) -> dict:
    async with connect(server.address) as ws:
        await ws.send(json.dumps({"type": "hello", "protocol": 1, "code": code_for(server, label)}))
        await ws.send(json.dumps(frame))
        async for raw in ws:
            message = json.loads(raw)
            if message["type"] in ("attachment", "error"):
                return message
    raise AssertionError("no answer")


async def test_a_role_that_was_not_sent_the_inject_cannot_fetch_its_file(served_with_photo):
    server, content = served_with_photo
    server.session.jump_to(2 * 3600)        # I02 went to police only
    server.publish()
    sha = hashlib.sha256(content).hexdigest()
    answer = await request(server, "participant:customs", {"type": "attachment", "sha256": sha, "offset": 0})
    assert "no inject sent to your role" in answer["error"] and "data" not in answer
    # ... and a French console tells why in French
    assert (shown(answer["error"], answer.get("reason"), "fr")
            == "aucune injection envoyée à votre rôle ne porte cette pièce jointe")
    piece = await request(server, "participant:police", {"type": "attachment", "sha256": sha, "offset": 0})
    assert base64.b64decode(piece["data"]) == content[:media.CHUNK]


@pytest.mark.parametrize("frame, says", [
    ({"type": "attachment", "sha256": "../../etc/passwd", "offset": 0}, "sha256"),
    ({"type": "attachment", "sha256": "0" * 64, "offset": -5}, "offset"),
])
async def test_hostile_attachment_requests_get_an_error(served_with_photo, frame, says):
    server, _ = served_with_photo
    answer = await request(server, "participant:police", frame)
    assert answer["type"] == "error" and says in answer["message"]


def test_asking_for_the_same_file_again_and_again_meets_the_byte_budget():
    budget = media.ByteBudget(burst=1000, per_second=100, clock=lambda: 0.0)
    assert budget.take(600) == 0 and budget.take(600) == pytest.approx(2.0)


def fetcher_for(tmp_path, content: bytes):
    sent: list[dict] = []
    fetcher = media.MediaFetcher(tmp_path, sent.append)
    sha = hashlib.sha256(content).hexdigest()

    class Delivered:
        attachments = ({"name": "photo", "path": "gauge.png", "sha256": sha, "size": len(content), "type": "image/png"},)
    fetcher.want(Delivered())
    fetcher.fetch()
    return fetcher, sha, sent


def test_a_file_changed_on_the_way_is_not_kept(tmp_path):
    fetcher, sha, sent = fetcher_for(tmp_path, b"the real photo")
    assert sent == [{"type": "attachment", "sha256": sha, "offset": 0}]
    fetcher.received({"type": "attachment", "sha256": sha, "offset": 0, "size": 14,
                      "data": base64.b64encode(b"a forged photo").decode()})
    item = fetcher.items[sha]
    assert not item.ready and "fingerprint does not match" in item.error
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_a_piece_out_of_order_stops_the_fetch(tmp_path):
    fetcher, sha, _ = fetcher_for(tmp_path, b"0123456789")
    fetcher.received({"type": "attachment", "sha256": sha, "offset": 5, "size": 10,
                      "data": base64.b64encode(b"56789").decode()})
    assert "out of order" in fetcher.items[sha].error


@pytest.mark.parametrize("attachment, name", [
    ({"path": "../../../.bashrc", "type": "text/plain"}, "bashrc.txt"),
    ({"path": "photo.exe", "type": "image/png"}, "photo.png"),
    ({"path": "C:\\Users\\x\\scan.pdf", "type": "application/pdf"}, "scan.pdf"),
])
def test_a_name_from_the_server_cannot_leave_its_folder_or_pass_for_a_program(attachment, name):
    assert media.safe_name(attachment) == name


def test_a_journal_replays_and_resumes_with_its_attachments_even_when_the_file_has_gone(tmp_path):
    """The journal keeps the fingerprints: a replay gives the same events
    whether the file is still beside the scenario or not, and a resumed
    server hands out only the bytes of record."""
    from simex.journal import JournalReader
    from simex.replay import replay
    from simex.net.media import MediaShelf

    content = os.urandom(500)
    scenario = scenario_with(tmp_path, "media/gauge.png", content)
    session = LocalSession.new(scenario, journal_path=tmp_path / "j.simex")
    session.jump_to(2 * 3600)
    session.close()
    assert replay(tmp_path / "j.simex").ok
    [file] = JournalReader(tmp_path / "j.simex").scenario()._attachment_files.values()
    assert file.path is not None and file.sha256 == hashlib.sha256(content).hexdigest()
    (tmp_path / "exercise" / "media" / "gauge.png").write_bytes(b"edited after the exercise")
    report = replay(tmp_path / "j.simex")
    assert report.ok, report.message
    restored = JournalReader(tmp_path / "j.simex").scenario()
    [file] = restored._attachment_files.values()
    assert file.path is None       # the file of record is gone: its fingerprint is all that is left
    answer = MediaShelf(restored).answer("participant:police", file.sha256, 0, [], lambda e: e)
    assert "error" in answer


async def test_the_participant_opens_the_received_photo_from_the_inject(served_with_photo, tmp_path):
    """In `simex join`: the inject says the photo was received, and its number opens it."""
    from textual.widgets import Static

    from simex.tui import attachments as console
    from simex.tui.participant import make_participant_app
    from tests.net.test_participant import SIZE, inbox_rows, until

    server, content = served_with_photo
    police = RemoteSession(server.address, code_for(server, "participant:police"), retry_seconds=0.05,
                           media_folder=tmp_path / "laptop")
    await police.join()
    opened: list[Path] = []
    app = make_participant_app(police)
    async with app.run_test(size=SIZE) as pilot:
        server.session.jump_to(2 * 3600)
        server.publish()
        sha = hashlib.sha256(content).hexdigest()
        await until(pilot, lambda: "inject:I02" in [key for key, _ in inbox_rows(app)]
                    and police.media.items.get(sha) is not None and police.media.items[sha].ready)
        table_rows = [key for key, _ in inbox_rows(app)]
        for _ in range(table_rows.index("inject:I02")):
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, console.AttachmentScreen))
        app.screen.opener = opened.append
        text = str(app.screen.query_one(Static).render())
        assert "Photo of the stolen gauge" in text and "received — press 1 to open" in text
        await pilot.press("1")
        await until(pilot, lambda: opened)
        assert opened[0].read_bytes() == content
    await police.close()


def test_a_french_console_says_in_french_why_a_file_was_not_kept(tmp_path):
    from simex.tui.attachments import attachment_lines

    fetcher, sha, _ = fetcher_for(tmp_path, b"the real photo")
    fetcher.received({"type": "attachment", "sha256": sha, "offset": 0, "size": 14,
                      "data": base64.b64encode(b"a forged photo").decode()})

    class Delivered:
        attachments = ({"name": "photo", "path": "gauge.png", "sha256": sha, "size": 14, "type": "image/png"},)
    [line] = attachment_lines(Delivered(), fetcher, "fr")
    assert "fingerprint" not in line and "empreinte ne correspond pas" in line
